import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@mptf/audit';
import { ConflictError, NotFoundError, RuleViolationError } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { IndicatorMeasure } from './results.types';

/** A fund-level indicator of the results framework, per thematic area; programme indicators link to it. */
export interface FundIndicatorView {
  code: string;
  thematicAreaCode: number;
  title: string;
  description: string;
  measure: IndicatorMeasure;
  unit: string | null;
  active: boolean;
}

export interface CreateFundIndicatorInput {
  code: string;
  thematicAreaCode: number;
  title: string;
  description?: string;
  measure: IndicatorMeasure;
  unit?: string | null;
}

export type UpdateFundIndicatorInput = Partial<Omit<CreateFundIndicatorInput, 'code'>> & { active?: boolean };

const COLUMNS = `code, thematic_area_code AS "thematicAreaCode", title, description, measure, unit, active`;

@Injectable()
export class FundIndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(
    query: { thematicAreaCode?: number; includeInactive?: boolean } = {},
    manager?: EntityManager,
  ): Promise<FundIndicatorView[]> {
    const db = manager ?? this.dataSource.manager;
    return (await db.query(
      `SELECT ${COLUMNS} FROM fund_indicators
       WHERE ($1::smallint IS NULL OR thematic_area_code = $1) AND ($2 OR active)
       ORDER BY thematic_area_code, string_to_array(substr(code, 4), '.')::int[]`,
      [query.thematicAreaCode ?? null, query.includeInactive ?? false],
    )) as FundIndicatorView[];
  }

  async create(actor: AuditActor, input: CreateFundIndicatorInput): Promise<FundIndicatorView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertArea(manager, input.thematicAreaCode);
      const rows = (await manager.query(
        `INSERT INTO fund_indicators (code, thematic_area_code, title, description, measure, unit)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING RETURNING ${COLUMNS}`,
        [
          input.code,
          input.thematicAreaCode,
          input.title,
          input.description ?? '',
          input.measure,
          input.unit ?? null,
        ],
      )) as FundIndicatorView[];
      if (!rows.length) {
        throw new ConflictError(`Fund indicator ${input.code} already exists`, [
          { field: 'code', message: 'is already used' },
        ]);
      }
      await this.audit.record(manager, {
        actor,
        action: 'fund-indicator.create',
        entityType: 'fund-indicator',
        entityId: input.code,
        after: rows[0],
      });
      return rows[0];
    });
  }

  async update(actor: AuditActor, code: string, patch: UpdateFundIndicatorInput): Promise<FundIndicatorView> {
    return this.dataSource.transaction(async (manager) => {
      const before = (await manager.query(
        `SELECT ${COLUMNS} FROM fund_indicators WHERE code = $1 FOR UPDATE`,
        [code],
      )) as FundIndicatorView[];
      if (!before.length) throw new NotFoundError('Fund indicator', code);
      if (patch.thematicAreaCode !== undefined) await this.assertArea(manager, patch.thematicAreaCode);
      const next = {
        ...before[0],
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      const [[after]] = (await manager.query(
        `UPDATE fund_indicators SET thematic_area_code = $2, title = $3, description = $4, measure = $5, unit = $6,
           active = $7, updated_at = now()
         WHERE code = $1 RETURNING ${COLUMNS}`,
        [
          code,
          next.thematicAreaCode,
          next.title,
          next.description,
          next.measure,
          next.unit ?? null,
          next.active,
        ],
      )) as [FundIndicatorView[], number];
      await this.audit.record(manager, {
        actor,
        action: 'fund-indicator.update',
        entityType: 'fund-indicator',
        entityId: code,
        before: before[0],
        after,
      });
      return after;
    });
  }

  private async assertArea(manager: EntityManager, code: number): Promise<void> {
    const rows = (await manager.query(`SELECT 1 FROM thematic_areas WHERE code = $1`, [code])) as unknown[];
    if (!rows.length) {
      throw new RuleViolationError('Unknown thematic area', [
        {
          field: 'thematicAreaCode',
          rule: 'THEMATIC_AREA_UNKNOWN',
          message: `${code} is not a thematic area`,
        },
      ]);
    }
  }
}
