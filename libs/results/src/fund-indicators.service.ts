import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@mptf/audit';
import { ConflictError, NotFoundError, RuleViolationError } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { FundIndicatorRepository } from './fund-indicator.repository';
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

@Injectable()
export class FundIndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly indicators: FundIndicatorRepository,
  ) {}

  async list(
    query: { thematicAreaCode?: number; includeInactive?: boolean } = {},
    manager?: EntityManager,
  ): Promise<FundIndicatorView[]> {
    return this.indicators.list(manager ?? this.dataSource.manager, query);
  }

  async create(actor: AuditActor, input: CreateFundIndicatorInput): Promise<FundIndicatorView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertArea(manager, input.thematicAreaCode);
      const created = await this.indicators.insert(manager, input);
      if (!created) {
        throw new ConflictError(`Fund indicator ${input.code} already exists`, [
          { field: 'code', message: 'is already used' },
        ]);
      }
      await this.audit.record(manager, {
        actor,
        action: 'fund-indicator.create',
        entityType: 'fund-indicator',
        entityId: input.code,
        after: created,
      });
      return created;
    });
  }

  async update(actor: AuditActor, code: string, patch: UpdateFundIndicatorInput): Promise<FundIndicatorView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.indicators.lock(manager, code);
      if (!before) throw new NotFoundError('Fund indicator', code);
      if (patch.thematicAreaCode !== undefined) await this.assertArea(manager, patch.thematicAreaCode);
      const next: FundIndicatorView = {
        ...before,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      const after = await this.indicators.update(manager, next);
      await this.audit.record(manager, {
        actor,
        action: 'fund-indicator.update',
        entityType: 'fund-indicator',
        entityId: code,
        before,
        after,
      });
      return after;
    });
  }

  private async assertArea(manager: EntityManager, code: number): Promise<void> {
    if (!(await this.indicators.thematicAreaExists(manager, code))) {
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
