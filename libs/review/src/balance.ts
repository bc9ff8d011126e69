import { Cents, ratio } from '@mptf/platform';

/**
 * The portfolio balance the decision pack shows: shares of allocated US$ by thematic area and by
 * region, now and if one proposal on the agenda were approved.
 *
 * Rules:
 * - current = the allocations recorded for programmes (sum of the ledger's ALLOCATION entries per
 *   programme, any programme status);
 * - if approved = current plus that proposal's requested total (its budget, direct + indirect)
 *   counted in its primary thematic area;
 * - by region, an amount is split evenly across the programme's countries (remainder cents to
 *   the first countries in code order) and each country's part is counted in its UN M49 region;
 *   a programme without countries (global scope) counts in 'Global';
 * - a share is part ÷ total as a decimal string with four decimals (half away from zero), so the
 *   shares of one breakdown sum to 1 within rounding (±0.0001 per group); all "0.0000" when nothing
 *   is allocated. Every group passed in `groups` is listed, with "0.0000" if unused.
 */
export const GLOBAL_REGION = 'Global';

export interface BalanceItem {
  thematicAreaCode: number;
  /** The region of each of its countries (one entry per country, repeats allowed); empty = global. */
  countryRegions: readonly string[];
  amount: Cents;
}

export interface BalanceShares {
  byThematicArea: Record<string, string>;
  byRegion: Record<string, string>;
}

export interface BalanceGroups {
  thematicAreaCodes: readonly number[];
  regions: readonly string[];
}

/** amount split evenly across the countries, each part credited to the country's region. */
export function regionParts(item: BalanceItem): Map<string, Cents> {
  const parts = new Map<string, Cents>();
  const regions = item.countryRegions.length ? item.countryRegions : [GLOBAL_REGION];
  const count = BigInt(regions.length);
  const base = item.amount / count;
  let remainder = item.amount - base * count;
  for (const region of regions) {
    let part = base;
    if (remainder > 0n) {
      part += 1n;
      remainder -= 1n;
    }
    parts.set(region, (parts.get(region) ?? 0n) + part);
  }
  return parts;
}

export function balanceTotals(items: readonly BalanceItem[]): {
  total: Cents;
  byThematicArea: Map<number, Cents>;
  byRegion: Map<string, Cents>;
} {
  const byThematicArea = new Map<number, Cents>();
  const byRegion = new Map<string, Cents>();
  let total = 0n;
  for (const item of items) {
    total += item.amount;
    byThematicArea.set(
      item.thematicAreaCode,
      (byThematicArea.get(item.thematicAreaCode) ?? 0n) + item.amount,
    );
    for (const [region, part] of regionParts(item)) byRegion.set(region, (byRegion.get(region) ?? 0n) + part);
  }
  return { total, byThematicArea, byRegion };
}

export function balanceShares(items: readonly BalanceItem[], groups: BalanceGroups): BalanceShares {
  const totals = balanceTotals(items);
  const areaCodes = [...new Set([...groups.thematicAreaCodes, ...totals.byThematicArea.keys()])].sort(
    (a, b) => a - b,
  );
  const regions = [...new Set([...groups.regions, ...totals.byRegion.keys()])].sort((a, b) =>
    a === GLOBAL_REGION ? 1 : b === GLOBAL_REGION ? -1 : a.localeCompare(b),
  );
  return {
    byThematicArea: Object.fromEntries(
      areaCodes.map((code) => [String(code), ratio(totals.byThematicArea.get(code) ?? 0n, totals.total, 4)]),
    ),
    byRegion: Object.fromEntries(
      regions.map((region) => [region, ratio(totals.byRegion.get(region) ?? 0n, totals.total, 4)]),
    ),
  };
}

/** The current balance and, per proposal, the balance if it alone were approved as requested. */
export function balanceIfApproved(
  current: readonly BalanceItem[],
  proposals: readonly (BalanceItem & { proposalId: string })[],
  groups: BalanceGroups,
): { current: BalanceShares; ifApproved: Record<string, BalanceShares> } {
  return {
    current: balanceShares(current, groups),
    ifApproved: Object.fromEntries(
      proposals.map((proposal) => [proposal.proposalId, balanceShares([...current, proposal], groups)]),
    ),
  };
}
