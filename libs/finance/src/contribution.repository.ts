import { Injectable } from '@nestjs/common';
import {
  offsetOf,
  orderByOf,
  positionalParams,
  searchPatterns,
  SqlRunner,
  sqlRow,
  sqlRows,
} from '@mptf/platform';
import { ContributionRow, ContributionView, toContributionView } from './contribution-view';
import { CONTRIBUTION_KINDS, ContributionKind, LedgerKind } from './ledger-kind';

export interface ContributionFilter {
  donor?: string;
  year?: number;
  kind?: ContributionKind;
}

/** The list's filter: besides the report filter, a search and a sort. */
export interface ContributionListFilter extends ContributionFilter {
  /** Donor code or name, currency or reference (prefixes match). */
  q?: string;
  /** `field` or `-field`, several comma-separated (CONTRIBUTION_SORT_FIELDS). */
  sort?: string;
  /** An SQL condition on the donor's code letting a reference match `q` (the reference rule). */
  referenceVisible?: (donorCode: string, bind: (value: unknown) => string) => string;
}

/** What the contribution list sorts by, and the column each sorts on. */
export const CONTRIBUTION_SORT_FIELDS: Record<string, string> = {
  date: 'e.entry_date',
  donorCode: 'o.code',
  donorName: 'lower(o.name)',
  kind: 'e.kind',
  currency: 'e.currency',
  amount: 'e.original_amount',
  usdAmount: 'e.amount',
  reference: 'lower(e.reference)',
  recordedAt: 'e.created_at',
};

/** A contribution as its reversal needs it. */
export interface ContributionForReversal {
  id: string;
  kind: ContributionKind;
  amount: bigint;
  originalAmount: bigint;
  currency: string;
  exchangeRate: string;
  donorOrgId: string;
  earmark: number | null;
  reference: string | null;
  correctsEntryId: string | null;
  reversedBy: string | null;
}

const SELECT = `
  SELECT e.id, o.code AS donor_code, o.name AS donor_name, e.kind, e.currency,
         e.original_amount::text AS original_amount, e.amount::text AS amount,
         to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, e.earmark_thematic_area_code AS earmark,
         (SELECT sum(f.amount) FROM ledger_entries f WHERE f.related_entry_id = e.id AND f.kind = '${LedgerKind.AA_FEE}')::text AS fee,
         e.reference, e.created_at,
         (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by,
         e.corrects_entry_id AS reverses,
         CASE WHEN e.corrects_entry_id IS NOT NULL THEN e.description END AS reason
    FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.donor_org_id`;

/**
 * Commitments and deposits, and the entries reversing them: every listing shows both, so its rows
 * add up to the totals of the period they fall in (a reversal counts on the day it is recorded).
 */
function where(filter: ContributionListFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = positionalParams(params);
  const conditions = [`e.kind = ANY(${bind(CONTRIBUTION_KINDS)})`];
  if (filter.donor) conditions.push(`o.code = ${bind(filter.donor)}`);
  if (filter.year !== undefined) conditions.push(`e.year = ${bind(filter.year)}`);
  if (filter.kind) conditions.push(`e.kind = ${bind(filter.kind)}`);
  const search = searchPatterns(filter.q);
  if (search) {
    const prefix = bind(search.prefix);
    const referenceVisible = filter.referenceVisible?.('o.code', bind) ?? 'true';
    // lower(e.reference) has a trigram index (ContributionListSearch); donors are few.
    conditions.push(
      `(lower(o.code) = ${bind(search.term)} OR lower(o.name) LIKE ${prefix} OR lower(e.currency) = ${bind(search.term)}
        OR (lower(e.reference) LIKE ${bind(search.contains)} AND ${referenceVisible}))`,
    );
  }
  return { where: `WHERE ${conditions.join(' AND ')}`, params };
}

/** Donors' contributions: ledger entries of the contribution kinds and their AA fees. */
@Injectable()
export class ContributionRepository {
  async count(db: SqlRunner, filter: ContributionListFilter): Promise<number> {
    const { where: condition, params } = where(filter);
    const row = await sqlRow<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.donor_org_id ${condition}`,
      params,
    );
    return row?.total ?? 0;
  }

  /**
   * US$ of deposits and of commitments (kept apart: a commitment is a promise, a deposit money
   * received) and the AA fees, over every contribution the filter lets through (the totals rows).
   */
  async totals(
    db: SqlRunner,
    filter: ContributionListFilter,
  ): Promise<{ deposits: string; commitments: string; aaFee: string }> {
    const { where: condition, params } = where(filter);
    const row = await sqlRow<{ deposits: string; commitments: string; fee: string }>(
      db,
      `SELECT coalesce(sum(e.amount) FILTER (WHERE e.kind = '${LedgerKind.DEPOSIT}'), 0)::text AS deposits,
              coalesce(sum(e.amount) FILTER (WHERE e.kind = '${LedgerKind.COMMITMENT}'), 0)::text AS commitments,
              coalesce((SELECT sum(f.amount) FROM ledger_entries f
                         WHERE f.kind = '${LedgerKind.AA_FEE}' AND f.related_entry_id IN (
                           SELECT e.id FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.donor_org_id ${condition})), 0)::text AS fee
         FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.donor_org_id ${condition}`,
      params,
    );
    return { deposits: row?.deposits ?? '0', commitments: row?.commitments ?? '0', aaFee: row?.fee ?? '0' };
  }

  /** One page in the `sort` order, newest first without one (and to break ties). */
  async page(
    db: SqlRunner,
    filter: ContributionListFilter,
    page: { page: number; pageSize: number },
  ): Promise<ContributionView[]> {
    const { where: condition, params } = where(filter);
    const sorted = orderByOf(filter.sort, CONTRIBUTION_SORT_FIELDS).map((term) => `${term} NULLS LAST`);
    return sqlRows(
      db,
      `${SELECT} ${condition} ORDER BY ${[...sorted, 'e.entry_date DESC', 'e.seq DESC'].join(', ')} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.pageSize, offsetOf(page)],
      toContributionView,
    );
  }

  /** Every contribution matching the filter, in date order. */
  async all(db: SqlRunner, filter: ContributionFilter): Promise<ContributionView[]> {
    const { where: condition, params } = where(filter);
    return sqlRows(db, `${SELECT} ${condition} ORDER BY e.entry_date, e.seq`, params, toContributionView);
  }

  async find(db: SqlRunner, id: string): Promise<ContributionView | null> {
    return sqlRow<ContributionRow, ContributionView>(
      db,
      `${SELECT} WHERE e.id = $1`,
      [id],
      toContributionView,
    );
  }

  async findForReversal(db: SqlRunner, id: string): Promise<ContributionForReversal | null> {
    return sqlRow(
      db,
      `SELECT e.id, e.kind, e.amount::text AS amount, e.original_amount::text AS original_amount, e.currency,
              e.exchange_rate::text AS exchange_rate, e.donor_org_id, e.earmark_thematic_area_code AS earmark,
              e.reference, e.corrects_entry_id,
              (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
         FROM ledger_entries e
        WHERE e.id = $1 AND e.kind = ANY($2)`,
      [id, CONTRIBUTION_KINDS],
      (row: {
        id: string;
        kind: ContributionKind;
        amount: string;
        original_amount: string;
        currency: string;
        exchange_rate: string;
        donor_org_id: string;
        earmark: number | null;
        reference: string | null;
        corrects_entry_id: string | null;
        reversed_by: string | null;
      }): ContributionForReversal => ({
        id: row.id,
        kind: row.kind,
        amount: BigInt(row.amount),
        originalAmount: BigInt(row.original_amount),
        currency: row.currency,
        exchangeRate: row.exchange_rate,
        donorOrgId: row.donor_org_id,
        earmark: row.earmark,
        reference: row.reference,
        correctsEntryId: row.corrects_entry_id,
        reversedBy: row.reversed_by,
      }),
    );
  }

  /** The AA fees posted with a deposit. */
  async feesOf(db: SqlRunner, depositId: string): Promise<{ id: string; amount: bigint }[]> {
    return sqlRows(
      db,
      `SELECT id, amount::text AS amount FROM ledger_entries WHERE related_entry_id = $1 AND kind = '${LedgerKind.AA_FEE}'`,
      [depositId],
      (row: { id: string; amount: string }) => ({ id: row.id, amount: BigInt(row.amount) }),
    );
  }

  /**
   * Whether a standing (not reversed) contribution of this kind carries the reference, asked under
   * an advisory lock per reference held to the end of the transaction, so two concurrent requests
   * cannot both find it free.
   */
  async referenceInUse(db: SqlRunner, kind: ContributionKind, reference: string): Promise<boolean> {
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `contribution-reference:${kind}:${reference}`,
    ]);
    const taken = await sqlRow(
      db,
      `SELECT 1 FROM ledger_entries e
        WHERE e.kind = $1 AND e.reference = $2 AND e.corrects_entry_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.corrects_entry_id = e.id)`,
      [kind, reference],
    );
    return taken !== null;
  }
}
