/**
 * The budget maths of a proposal (categories 1–7 direct, category 8 indirect at the fund's rate,
 * rounded per PUNO) lives in the shared pure package, so the web app's live budget grid computes
 * exactly what the server does. Re-exported here for the proposals lib and its readers.
 */
export {
  computeBudget,
  DIRECT_CATEGORY_CODES,
  formatBudget,
  INDIRECT_CATEGORY_CODE,
  indirectCostsOf,
  isDirectCategory,
  totalsByOrganization,
} from '@mptf/common';
export type { Budget, BudgetLineInput, BudgetView, OrganizationBudget } from '@mptf/common';
