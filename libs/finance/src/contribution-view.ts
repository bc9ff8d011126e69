import { formatMoney } from '@mptf/platform';
import { impliedRate } from './fund-math';
import { ContributionKind } from './ledger-kind';

export interface ContributionView {
  id: string;
  donorCode: string;
  donorName: string;
  kind: ContributionKind;
  currency: string;
  /** In the donor's currency; negative on a reversal. */
  amount: string;
  usdAmount: string;
  /** US$ per unit of `currency` implied by the two amounts, four decimals ("1.0850"). */
  exchangeRate: string;
  date: string;
  earmark: { thematicAreaCode: number } | null;
  /** The AA fee posted with a deposit (negative on a deposit's reversal); null for a commitment. */
  aaFee: string | null;
  reference: string | null;
  recordedAt: string;
  /** Set when the contribution was reversed (corrected): the id of the reversing entry. */
  reversedBy: string | null;
  /** Set on a reversing entry: the id of the contribution it reverses. */
  reverses: string | null;
  /** Why it was reversed (on the reversing entry). */
  reason: string | null;
}

export interface ContributionRow {
  id: string;
  donor_code: string;
  donor_name: string;
  kind: ContributionKind;
  currency: string;
  original_amount: string;
  amount: string;
  entry_date: string;
  earmark: number | null;
  fee: string | null;
  reference: string | null;
  created_at: Date;
  reversed_by: string | null;
  reverses: string | null;
  reason: string | null;
}

export const CONTRIBUTION_SELECT = `
  SELECT e.id, o.code AS donor_code, o.name AS donor_name, e.kind, e.currency,
         e.original_amount::text AS original_amount, e.amount::text AS amount,
         to_char(e.entry_date, 'YYYY-MM-DD') AS entry_date, e.earmark_thematic_area_code AS earmark,
         (SELECT sum(f.amount) FROM ledger_entries f WHERE f.related_entry_id = e.id AND f.kind = 'AA_FEE')::text AS fee,
         e.reference, e.created_at,
         (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by,
         e.corrects_entry_id AS reverses,
         CASE WHEN e.corrects_entry_id IS NOT NULL THEN e.description END AS reason
    FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id`;

/**
 * Commitments and deposits, and the entries reversing them: every listing shows both, so its rows
 * add up to the totals of the period they fall in (a reversal counts on the day it is recorded).
 */
export function contributionFilter(filter: { donor?: string; year?: number; kind?: ContributionKind }): {
  where: string;
  params: unknown[];
} {
  const conditions = [`e.kind IN ('COMMITMENT','DEPOSIT')`];
  const params: unknown[] = [];
  if (filter.donor) {
    params.push(filter.donor);
    conditions.push(`o.code = $${params.length}`);
  }
  if (filter.year !== undefined) {
    params.push(filter.year);
    conditions.push(`e.year = $${params.length}`);
  }
  if (filter.kind) {
    params.push(filter.kind);
    conditions.push(`e.kind = $${params.length}`);
  }
  return { where: `WHERE ${conditions.join(' AND ')}`, params };
}

export function toContributionView(row: ContributionRow): ContributionView {
  const usd = BigInt(row.amount);
  const original = BigInt(row.original_amount);
  return {
    id: row.id,
    donorCode: row.donor_code,
    donorName: row.donor_name,
    kind: row.kind,
    currency: row.currency,
    amount: formatMoney(original),
    usdAmount: formatMoney(usd),
    exchangeRate: impliedRate(usd, original),
    date: row.entry_date,
    earmark: row.earmark === null ? null : { thematicAreaCode: row.earmark },
    aaFee: row.kind === 'DEPOSIT' ? formatMoney(row.fee ?? 0) : null,
    reference: row.reference,
    recordedAt: new Date(row.created_at).toISOString(),
    reversedBy: row.reversed_by,
    reverses: row.reverses,
    reason: row.reason,
  };
}
