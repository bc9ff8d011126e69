import { applyRate, Cents, formatMoney } from './money';

/**
 * The budget maths of a proposal, in one place. Amounts are integer cents.
 *
 * Rounding rule: indirect support costs (UNSDG category 8) are computed per PUNO as
 * `indirectRate × (sum of that PUNO's categories 1–7)`, rounded to the cent half away from zero
 * (`applyRate`). The proposal's indirect total is the sum of the rounded per-PUNO amounts, never
 * the rate applied to the overall direct total, so PUNO budgets always add up to the proposal's.
 */
export const DIRECT_CATEGORY_CODES: readonly number[] = [1, 2, 3, 4, 5, 6, 7];
/** Indirect support costs: computed from the direct ones, never typed in. */
export const INDIRECT_CATEGORY_CODE = 8;

export interface BudgetLineInput {
  orgCode: string;
  categoryCode: number;
  amount: Cents;
}

export interface OrganizationBudget {
  orgCode: string;
  direct: Cents;
  indirect: Cents;
  total: Cents;
}

export interface Budget {
  byOrganization: OrganizationBudget[];
  direct: Cents;
  indirect: Cents;
  total: Cents;
}

/** The JSON shape of api.md: money as decimal strings with two decimals. */
export interface BudgetView {
  byOrganization: { orgCode: string; direct: string; indirect: string; total: string }[];
  direct: string;
  indirect: string;
  total: string;
}

export function isDirectCategory(categoryCode: number): boolean {
  return DIRECT_CATEGORY_CODES.includes(categoryCode);
}

/** Category 8 of one PUNO: its direct costs × rate, rounded half away from zero to the cent. */
export function indirectCostsOf(direct: Cents, indirectRate: string): Cents {
  return applyRate(direct, indirectRate);
}

/**
 * Per-PUNO and overall direct, indirect and total costs. Lines outside categories 1–7 (a
 * category-8 line typed in by hand) are ignored here; the BUDGET_CATEGORY rule reports them.
 * `organizationOrder` lists the PUNOs first (each one appears, with zeros if it has no lines);
 * organizations with lines that are not listed follow in order of appearance.
 */
export function computeBudget(
  lines: readonly BudgetLineInput[],
  indirectRate: string,
  organizationOrder: readonly string[] = [],
): Budget {
  const directByOrg = new Map<string, Cents>(organizationOrder.map((code) => [code, 0n]));
  for (const line of lines) {
    if (line.amount < 0n) throw new RangeError(`budget line amount must not be negative: ${line.amount}`);
    const current = directByOrg.get(line.orgCode) ?? 0n;
    directByOrg.set(line.orgCode, isDirectCategory(line.categoryCode) ? current + line.amount : current);
  }
  const byOrganization = [...directByOrg].map(([orgCode, direct]) => {
    const indirect = indirectCostsOf(direct, indirectRate);
    return { orgCode, direct, indirect, total: direct + indirect };
  });
  const direct = byOrganization.reduce((sum, org) => sum + org.direct, 0n);
  const indirect = byOrganization.reduce((sum, org) => sum + org.indirect, 0n);
  return { byOrganization, direct, indirect, total: direct + indirect };
}

export function formatBudget(budget: Budget): BudgetView {
  return {
    byOrganization: budget.byOrganization.map((org) => ({
      orgCode: org.orgCode,
      direct: formatMoney(org.direct),
      indirect: formatMoney(org.indirect),
      total: formatMoney(org.total),
    })),
    direct: formatMoney(budget.direct),
    indirect: formatMoney(budget.indirect),
    total: formatMoney(budget.total),
  };
}

/** Per-PUNO totals (direct + indirect) in cents, keyed by organization code. */
export function totalsByOrganization(budget: Budget): Map<string, Cents> {
  return new Map(budget.byOrganization.map((org) => [org.orgCode, org.total]));
}
