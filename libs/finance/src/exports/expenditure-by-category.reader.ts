import { Injectable } from '@nestjs/common';
import { Cents, sqlRows, SqlRunner } from '@mptf/platform';
import { LedgerKind } from '../ledger-kind';

export interface CategoryExpenditure {
  /** UNSDG budget category 1–8; null for expenditure recorded without one. */
  categoryCode: number | null;
  /** Since inception (to the cut-off when one is given). */
  total: Cents;
  /** In the year asked for (0 without one). */
  inYear: Cents;
}

/**
 * What finance exports about expenditure by budget category: the ledger's expenditure entries
 * summed per category (a resubmitted report reverses the previous version in the ledger, so the
 * sums are of the current versions), since inception and for one year.
 */
@Injectable()
export class ExpenditureByCategoryReader {
  /** With `throughYear`, `total` is to 31 December of that year (a report cut at it). */
  async byCategory(db: SqlRunner, year?: number, throughYear?: number): Promise<CategoryExpenditure[]> {
    const rows = await sqlRows<{ categoryCode: number | null; total: string; inYear: string }>(
      db,
      `SELECT budget_category_code AS "categoryCode", sum(amount)::text AS total,
              coalesce(sum(amount) FILTER (WHERE year = $2), 0)::text AS "inYear"
         FROM ledger_entries WHERE kind = $1 AND ($3::int IS NULL OR year <= $3) GROUP BY budget_category_code`,
      [LedgerKind.EXPENDITURE, year ?? null, throughYear ?? null],
    );
    return rows.map((row) => ({
      categoryCode: row.categoryCode,
      total: BigInt(row.total),
      inYear: BigInt(row.inYear),
    }));
  }
}
