import { applyRate, Cents } from '@mptf/platform';

/** One PUNO's direct budget (categories 1–7) before and after a budget revision, in cents. */
export interface PunoShare {
  orgCode: string;
  before: Cents;
  after: Cents;
}

/**
 * How much each PUNO's allocation changes when a budget revision moves money between PUNOs:
 * its budgeted total (direct + indirect at the fund's rate, rounded per PUNO as the budget is)
 * after less before. A reallocation moves money, it never adds any: when the per-PUNO rounding of
 * the indirect costs leaves a cent over or short, the PUNO gaining most (then by code) absorbs it,
 * so the changes sum to zero. PUNOs whose allocation does not change are left out.
 */
export function reallocationChanges(
  shares: readonly PunoShare[],
  indirectRate: string,
): { orgCode: string; amount: Cents }[] {
  const total = (direct: Cents) => direct + applyRate(direct, indirectRate);
  const changes = shares
    .map((share) => ({ orgCode: share.orgCode, amount: total(share.after) - total(share.before) }))
    .sort((a, b) =>
      a.amount === b.amount ? a.orgCode.localeCompare(b.orgCode) : a.amount > b.amount ? -1 : 1,
    );
  const remainder = changes.reduce((sum, change) => sum + change.amount, 0n);
  if (remainder !== 0n && changes.length) changes[0].amount -= remainder;
  return changes.filter((change) => change.amount !== 0n).sort((a, b) => a.orgCode.localeCompare(b.orgCode));
}
