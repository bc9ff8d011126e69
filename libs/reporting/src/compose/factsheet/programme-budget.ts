import { applyRate, Cents } from '@mptf/platform';
import type { ProgrammeProfile } from '@mptf/proposals';
import type { BudgetCategoryRef } from '@mptf/reference';

export interface OrganizationBudget {
  orgCode: string;
  direct: Cents;
  indirect: Cents;
  total: Cents;
}

export interface ProgrammeBudget {
  byOrganization: OrganizationBudget[];
  /** Category → PUNO → cents; category 8 holds each PUNO's indirect support costs. */
  byCategory: { code: number; title: string; byOrganization: Map<string, Cents>; total: Cents }[];
  direct: Cents;
  indirect: Cents;
  total: Cents;
}

/**
 * The budget the way the fund states it: direct costs per PUNO from the budget lines, indirect
 * support costs (category 8) per PUNO at the fund rate, rounded to the cent per PUNO.
 */
export function programmeBudget(
  programme: Pick<ProgrammeProfile, 'punos' | 'budgetLines'>,
  categories: BudgetCategoryRef[],
  indirectRate: string,
): ProgrammeBudget {
  const byOrganization = programme.punos.map((puno) => {
    const direct = programme.budgetLines
      .filter((line) => line.orgCode === puno.code)
      .reduce((sum, line) => sum + line.amount, 0n);
    const indirect = applyRate(direct, indirectRate);
    return { orgCode: puno.code, direct, indirect, total: direct + indirect };
  });
  const byCategory = categories.map((category) => {
    const cells = new Map<string, Cents>();
    for (const puno of byOrganization) {
      const amount = category.direct
        ? programme.budgetLines
            .filter((line) => line.orgCode === puno.orgCode && line.categoryCode === category.code)
            .reduce((sum, line) => sum + line.amount, 0n)
        : puno.indirect;
      cells.set(puno.orgCode, amount);
    }
    const total = [...cells.values()].reduce((sum, amount) => sum + amount, 0n);
    return { code: category.code, title: category.title, byOrganization: cells, total };
  });
  const direct = byOrganization.reduce((sum, org) => sum + org.direct, 0n);
  const indirect = byOrganization.reduce((sum, org) => sum + org.indirect, 0n);
  return { byOrganization, byCategory, direct, indirect, total: direct + indirect };
}
