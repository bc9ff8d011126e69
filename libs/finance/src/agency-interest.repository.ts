import { Injectable } from '@nestjs/common';
import { formatMoney, offsetOf, positionalParams, SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import { LedgerKind } from './ledger-kind';
import { AgencyInterestQuery, AgencyInterestView } from './programme-money.types';

interface AgencyInterestRow {
  id: string;
  org_code: string;
  org_name: string;
  amount: string;
  date: string;
  description: string | null;
  reason: string | null;
  reverses: string | null;
  reversed_by: string | null;
  created_at: Date;
}

export interface AgencyInterestForReversal {
  id: string;
  organizationId: string;
  orgCode: string;
  amount: bigint;
  date: string;
  correctsEntryId: string | null;
  reversedBy: string | null;
}

const KIND = LedgerKind.AGENCY_INTEREST;

const SELECT = `
  SELECT e.id, o.code AS org_code, o.name AS org_name, e.amount::text AS amount,
         to_char(e.entry_date, 'YYYY-MM-DD') AS date,
         CASE WHEN e.corrects_entry_id IS NULL THEN e.description END AS description,
         CASE WHEN e.corrects_entry_id IS NOT NULL THEN e.description END AS reason,
         e.corrects_entry_id AS reverses, e.created_at,
         (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
    FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.organization_id`;

function toView(row: AgencyInterestRow): AgencyInterestView {
  return {
    id: row.id,
    orgCode: row.org_code,
    orgName: row.org_name,
    amount: formatMoney(row.amount),
    date: row.date,
    description: row.description,
    recordedAt: new Date(row.created_at).toISOString(),
    reversedBy: row.reversed_by,
    reverses: row.reverses,
    reason: row.reason,
  };
}

/** `scope`: the row rule's SQL condition on the organizations alias `o` (finance-access.ts). */
function where(query: Pick<AgencyInterestQuery, 'organization' | 'year'>, scope: ScopeSql) {
  const params: unknown[] = [];
  const bind = positionalParams(params);
  const conditions = [`e.kind = ${bind(KIND)}`, scope('o', bind)];
  if (query.organization !== undefined) conditions.push(`o.code = ${bind(query.organization)}`);
  if (query.year !== undefined) conditions.push(`e.year = ${bind(query.year)}`);
  return { where: `WHERE ${conditions.join(' AND ')}`, params };
}

export type ScopeSql = (alias: string, bind: (value: unknown) => string) => string;

/** Interest earned by agencies (ledger kind AGENCY_INTEREST): lists, reversals and sums per PUNO. */
@Injectable()
export class AgencyInterestRepository {
  async count(db: SqlRunner, query: AgencyInterestQuery, scope: ScopeSql): Promise<number> {
    const { where: condition, params } = where(query, scope);
    const row = await sqlRow<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.organization_id ${condition}`,
      params,
    );
    return row?.total ?? 0;
  }

  /** One page, newest first. */
  async page(db: SqlRunner, query: AgencyInterestQuery, scope: ScopeSql): Promise<AgencyInterestView[]> {
    const { where: condition, params } = where(query, scope);
    return sqlRows(
      db,
      `${SELECT} ${condition} ORDER BY e.entry_date DESC, e.seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, offsetOf(query)],
      toView,
    );
  }

  async find(db: SqlRunner, id: string): Promise<AgencyInterestView | null> {
    return sqlRow(db, `${SELECT} WHERE e.id = $1 AND e.kind = $2`, [id, KIND], toView);
  }

  /** Whether the organization ever received a transfer from the fund (money to earn interest on). */
  async receivedTransfers(db: SqlRunner, organizationId: string): Promise<boolean> {
    const row = await sqlRow<{ found: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE kind = $1 AND organization_id = $2) AS found`,
      [LedgerKind.TRANSFER, organizationId],
    );
    return row?.found ?? false;
  }

  async findForReversal(db: SqlRunner, id: string): Promise<AgencyInterestForReversal | null> {
    return sqlRow(
      db,
      `SELECT e.id, e.organization_id, o.code AS org_code, e.amount::text AS amount,
              to_char(e.entry_date, 'YYYY-MM-DD') AS date, e.corrects_entry_id,
              (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
         FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.organization_id
        WHERE e.id = $1 AND e.kind = $2`,
      [id, KIND],
      (row: {
        id: string;
        organization_id: string;
        org_code: string;
        amount: string;
        date: string;
        corrects_entry_id: string | null;
        reversed_by: string | null;
      }): AgencyInterestForReversal => ({
        id: row.id,
        organizationId: row.organization_id,
        orgCode: row.org_code,
        amount: BigInt(row.amount),
        date: row.date,
        correctsEntryId: row.corrects_entry_id,
        reversedBy: row.reversed_by,
      }),
    );
  }

  /** Per PUNO code: interest to the end of `throughYear` (everything without one) and in that year. */
  async sumsByOrganization(
    db: SqlRunner,
    throughYear?: number,
  ): Promise<{ org_code: string; total: string; in_year: string }[]> {
    return sqlRows(
      db,
      `SELECT o.code AS org_code, sum(e.amount)::text AS total,
              coalesce(sum(e.amount) FILTER (WHERE e.year = $2), 0)::text AS in_year
         FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.organization_id
        WHERE e.kind = $1 AND ($2::int IS NULL OR e.year <= $2)
        GROUP BY o.code ORDER BY o.code`,
      [KIND, throughYear ?? null],
    );
  }
}
