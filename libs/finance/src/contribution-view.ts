import { formatMoney } from '@mptf/platform';
import { impliedRate } from './fund-math';
import { ContributionKind, LedgerKind } from './ledger-kind';

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

/** A contribution as `ContributionRepository` reads it. */
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
    aaFee: row.kind === LedgerKind.DEPOSIT ? formatMoney(row.fee ?? 0) : null,
    reference: row.reference,
    recordedAt: new Date(row.created_at).toISOString(),
    reversedBy: row.reversed_by,
    reverses: row.reverses,
    reason: row.reason,
  };
}
