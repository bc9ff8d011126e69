import { Injectable } from '@nestjs/common';
import { formatMoney, offsetOf, positionalParams, SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import { FUND_ENTRY_KINDS, FundEntryKind } from './ledger-kind';
import { FundEntryQuery, FundEntryView } from './programme-money.types';

interface FundEntryRow {
  id: string;
  kind: FundEntryKind;
  amount: string;
  date: string;
  description: string | null;
  reason: string | null;
  reverses: string | null;
  reversed_by: string | null;
  created_at: Date;
}

export interface FundEntryForReversal {
  id: string;
  kind: FundEntryKind;
  amount: bigint;
  date: string;
  correctsEntryId: string | null;
  reversedBy: string | null;
}

const SELECT = `
  SELECT e.id, e.kind, e.amount::text AS amount, to_char(e.entry_date, 'YYYY-MM-DD') AS date,
         CASE WHEN e.corrects_entry_id IS NULL THEN e.description END AS description,
         CASE WHEN e.corrects_entry_id IS NOT NULL THEN e.description END AS reason,
         e.corrects_entry_id AS reverses, e.created_at,
         (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
    FROM ledger_entries e`;

function toView(row: FundEntryRow): FundEntryView {
  return {
    id: row.id,
    kind: row.kind,
    amount: formatMoney(row.amount),
    date: row.date,
    description: row.description,
    recordedAt: new Date(row.created_at).toISOString(),
    reversedBy: row.reversed_by,
    reverses: row.reverses,
    reason: row.reason,
  };
}

function where(query: Pick<FundEntryQuery, 'kind' | 'year'>): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = positionalParams(params);
  const conditions = [`e.kind = ANY(${bind(query.kind ? [query.kind] : FUND_ENTRY_KINDS)})`];
  if (query.year !== undefined) conditions.push(`e.year = ${bind(query.year)}`);
  return { where: `WHERE ${conditions.join(' AND ')}`, params };
}

/** The AA's own entries on the fund (interest, other income, direct costs, bank charges). */
@Injectable()
export class FundEntryRepository {
  async count(db: SqlRunner, query: Pick<FundEntryQuery, 'kind' | 'year'>): Promise<number> {
    const { where: condition, params } = where(query);
    const row = await sqlRow<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM ledger_entries e ${condition}`,
      params,
    );
    return row?.total ?? 0;
  }

  /** One page, newest first. */
  async page(db: SqlRunner, query: FundEntryQuery): Promise<FundEntryView[]> {
    const { where: condition, params } = where(query);
    return sqlRows(
      db,
      `${SELECT} ${condition} ORDER BY e.entry_date DESC, e.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, offsetOf(query)],
      toView,
    );
  }

  async find(db: SqlRunner, id: string): Promise<FundEntryView | null> {
    return sqlRow(db, `${SELECT} WHERE e.id = $1`, [id], toView);
  }

  async findForReversal(db: SqlRunner, id: string): Promise<FundEntryForReversal | null> {
    return sqlRow(
      db,
      `SELECT e.id, e.kind, e.amount::text AS amount, to_char(e.entry_date, 'YYYY-MM-DD') AS date,
              e.corrects_entry_id, (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
         FROM ledger_entries e WHERE e.id = $1 AND e.kind = ANY($2)`,
      [id, FUND_ENTRY_KINDS],
      (row: {
        id: string;
        kind: FundEntryKind;
        amount: string;
        date: string;
        corrects_entry_id: string | null;
        reversed_by: string | null;
      }): FundEntryForReversal => ({
        id: row.id,
        kind: row.kind,
        amount: BigInt(row.amount),
        date: row.date,
        correctsEntryId: row.corrects_entry_id,
        reversedBy: row.reversed_by,
      }),
    );
  }
}
