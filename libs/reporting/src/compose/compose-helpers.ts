import { Cents, formatMoney, parseMoney } from '@mptf/platform';

/** "2026-05-02T10:11:12.000Z" → "2026-05-02 10:11 UTC". */
export function asOfLabel(snapshotAt: string): string {
  return `${snapshotAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/** Sum of money strings as the API shows them ("1250000.00"), exactly. */
export function sumMoney(values: Iterable<string>): string {
  let total: Cents = 0n;
  for (const value of values) total += parseMoney(value);
  return formatMoney(total);
}

/** Money strings in descending order of amount (for charts), then by label. */
export function byAmountDesc<T>(amount: (item: T) => string, label: (item: T) => string) {
  // Each amount parsed once, not twice per comparison (a sort of 1,000 programmes compares ~10,000 times).
  const parsed = new Map<string, Cents>();
  const centsOf = (item: T) => {
    const text = amount(item);
    let cents = parsed.get(text);
    if (cents === undefined) parsed.set(text, (cents = parseMoney(text)));
    return cents;
  };
  return (a: T, b: T): number => {
    const diff = centsOf(b) - centsOf(a);
    return diff > 0n ? 1 : diff < 0n ? -1 : label(a).localeCompare(label(b));
  };
}

/** A ledger record's reversal state as a report shows it: "reversed", "reversal: <reason>" or "". */
export function reversalNote(record: {
  reversedBy: string | null;
  reverses: string | null;
  reason: string | null;
}): string {
  if (record.reverses) return `reversal${record.reason ? `: ${record.reason}` : ''}`;
  return record.reversedBy ? 'reversed' : '';
}

/** "Deposit (reversed) · earmarked TA2": a contribution's kind column in the donor reports. */
export function contributionKindLabel(contribution: {
  kind: string;
  earmark: { thematicAreaCode: number } | null;
  reversedBy: string | null;
  reverses: string | null;
  reason: string | null;
}): string {
  const note = reversalNote(contribution);
  return `${contribution.kind === 'DEPOSIT' ? 'Deposit' : 'Commitment'}${note ? ` (${note})` : ''}${contribution.earmark ? ` · earmarked TA${contribution.earmark.thematicAreaCode}` : ''}`;
}

/** A report's window in a sentence: "since inception" or the year ("2025"). */
export function periodLabel(year: number | undefined): string {
  return year === undefined ? 'since inception' : String(year);
}

/** A report's window on its cover: "Since inception" or "1 January – 31 December 2025". */
export function reportingPeriodLabel(year: number | undefined): string {
  return year === undefined ? 'Since inception' : `1 January – 31 December ${year}`;
}
