import { Injectable } from '@nestjs/common';
import { SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import type { CreateFundIndicatorInput, FundIndicatorView } from './fund-indicators.service';

const COLUMNS = `code, thematic_area_code AS "thematicAreaCode", title, description, measure, unit, active`;

/** The fund-level results framework: fund indicators per thematic area. */
@Injectable()
export class FundIndicatorRepository {
  /** In framework order: by thematic area, then by the numbers of the code (FI-2.10 after FI-2.9). */
  async list(
    db: SqlRunner,
    query: { thematicAreaCode?: number; includeInactive?: boolean },
  ): Promise<FundIndicatorView[]> {
    return sqlRows<FundIndicatorView>(
      db,
      `SELECT ${COLUMNS} FROM fund_indicators
        WHERE ($1::smallint IS NULL OR thematic_area_code = $1) AND ($2 OR active)
        ORDER BY thematic_area_code, string_to_array(substr(code, 4), '.')::int[]`,
      [query.thematicAreaCode ?? null, query.includeInactive ?? false],
    );
  }

  /** Reference's thematic areas, read with the transaction's connection. */
  async thematicAreaExists(db: SqlRunner, code: number): Promise<boolean> {
    return (await sqlRow(db, `SELECT 1 FROM reference_thematic_areas_v WHERE code = $1`, [code])) !== null;
  }

  /** Active fund indicators by code, with what a linked programme indicator must match. */
  async active(db: SqlRunner): Promise<Map<string, { measure: string; unit: string | null }>> {
    const rows = await sqlRows<{ code: string; measure: string; unit: string | null }>(
      db,
      `SELECT code, measure, unit FROM fund_indicators WHERE active`,
    );
    return new Map(rows.map((row) => [row.code, { measure: row.measure, unit: row.unit }]));
  }

  /** Inserts it; null when the code is taken. */
  async insert(db: SqlRunner, input: CreateFundIndicatorInput): Promise<FundIndicatorView | null> {
    return sqlRow<FundIndicatorView>(
      db,
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
    );
  }

  /** The indicator, locked for an update in this transaction. */
  async lock(db: SqlRunner, code: string): Promise<FundIndicatorView | null> {
    return sqlRow<FundIndicatorView>(
      db,
      `SELECT ${COLUMNS} FROM fund_indicators WHERE code = $1 FOR UPDATE`,
      [code],
    );
  }

  async update(db: SqlRunner, indicator: FundIndicatorView): Promise<FundIndicatorView> {
    const [after] = await sqlRows<FundIndicatorView>(
      db,
      `UPDATE fund_indicators SET thematic_area_code = $2, title = $3, description = $4, measure = $5, unit = $6,
         active = $7, updated_at = now()
       WHERE code = $1 RETURNING ${COLUMNS}`,
      [
        indicator.code,
        indicator.thematicAreaCode,
        indicator.title,
        indicator.description,
        indicator.measure,
        indicator.unit ?? null,
        indicator.active,
      ],
    );
    return after;
  }
}
