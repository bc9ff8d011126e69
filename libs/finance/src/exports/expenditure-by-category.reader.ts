import { Injectable } from '@nestjs/common';
import { Cents, sqlRows, SqlRunner } from '@mptf/platform';
import { LedgerKind } from '../ledger-kind';

export interface CategoryExpenditure {
  /** UNSDG budget category 1–8; null for expenditure recorded without one. */
  categoryCode: number | null;
  /** Since inception. */
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
  async byCategory(db: SqlRunner, year?: number): Promise<CategoryExpenditure[]> {
    const rows = await sqlRows<{ categoryCode: number | null; total: string; inYear: string }>(
      db,
      `SELECT budget_category_code AS "categoryCode", sum(amount)::text AS total,
              coalesce(sum(amount) FILTER (WHERE year = $2), 0)::text AS "inYear"
         FROM ledger_entries WHERE kind = $1 GROUP BY budget_category_code`,
      [LedgerKind.EXPENDITURE, year ?? null],
    );
    return rows.map((row) => ({
      categoryCode: row.categoryCode,
      total: BigInt(row.total),
      inYear: BigInt(row.inYear),
    }));
  }
}
