import { Cents, ErrorDetail, formatMoney, formatUsd } from '@mptf/platform';
import { ProposalAction } from '@mptf/proposals';

/** What the Steering Committee decides on a proposal under review (or in the pipeline). */
export enum DecisionOutcome {
  APPROVED = 'APPROVED',
  PIPELINE = 'PIPELINE',
  REVISION_REQUESTED = 'REVISION_REQUESTED',
  REJECTED = 'REJECTED',
}

/** The lifecycle action each outcome applies (the state machine says from where: 409 otherwise). */
export const OUTCOME_ACTIONS: Record<DecisionOutcome, ProposalAction> = {
  [DecisionOutcome.APPROVED]: ProposalAction.DECIDE_APPROVE,
  [DecisionOutcome.PIPELINE]: ProposalAction.DECIDE_PIPELINE,
  [DecisionOutcome.REVISION_REQUESTED]: ProposalAction.DECIDE_REVISION,
  [DecisionOutcome.REJECTED]: ProposalAction.DECIDE_REJECT,
};

export interface RequestedAllocation {
  orgCode: string;
  amountCents: Cents;
}

/**
 * The allocation rules of a decision, every violation listed (422):
 * - APPROVED needs at least one allocation; other outcomes take none;
 * - each allocation is for a PUNO of the proposal, listed once, above zero, and at most that
 *   PUNO's budgeted total (direct + indirect at the proposal's own rate).
 * Whether the sum fits the funds available is finance's check (409 with the amount available).
 */
export function checkDecisionAllocations(
  outcome: DecisionOutcome,
  allocations: readonly RequestedAllocation[] | undefined,
  budgetByOrganization: ReadonlyMap<string, Cents>,
): ErrorDetail[] {
  const list = allocations ?? [];
  if (outcome !== DecisionOutcome.APPROVED) {
    return list.length
      ? [
          {
            field: 'allocations',
            rule: 'NO_ALLOCATIONS',
            message: `a ${outcome} decision allocates no money`,
          },
        ]
      : [];
  }
  if (list.length === 0)
    return [
      {
        field: 'allocations',
        rule: 'ALLOCATIONS_REQUIRED',
        message: 'an approval needs an allocation for at least one participating organization',
      },
    ];
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  list.forEach(({ orgCode, amountCents }, index) => {
    const field = `allocations[${index}]`;
    if (seen.has(orgCode))
      problems.push({ field, rule: 'UNIQUE_PUNO', message: `${orgCode} is listed twice` });
    seen.add(orgCode);
    if (amountCents <= 0n) problems.push({ field, rule: 'POSITIVE', message: 'amount must be above zero' });
    const budgeted = budgetByOrganization.get(orgCode);
    if (budgeted === undefined) {
      problems.push({
        field,
        rule: 'PUNO',
        message: `${orgCode} is not a participating organization of the proposal`,
      });
    } else if (amountCents > budgeted) {
      problems.push({
        field,
        rule: 'WITHIN_BUDGET',
        message: `${orgCode}: ${formatUsd(amountCents)} is above its budgeted total of ${formatUsd(budgeted)}`,
        budgeted: formatMoney(budgeted),
      });
    }
  });
  return problems;
}

/** New pipeline entries go to the end: the next rank after the current ones. */
export function nextRank(ranks: readonly number[]): number {
  return ranks.length ? Math.max(...ranks) + 1 : 1;
}

/**
 * A re-ranking must list exactly the proposals in the pipeline, each once; every difference is a
 * violation (422).
 */
export function checkPipelineOrder(requested: readonly string[], pipeline: readonly string[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const inPipeline = new Set(pipeline);
  const seen = new Set<string>();
  requested.forEach((id, index) => {
    if (seen.has(id))
      problems.push({ field: `proposalIds[${index}]`, rule: 'DUPLICATE', message: `${id} is listed twice` });
    else if (!inPipeline.has(id))
      problems.push({
        field: `proposalIds[${index}]`,
        rule: 'NOT_IN_PIPELINE',
        message: `${id} is not in the pipeline`,
      });
    seen.add(id);
  });
  for (const id of pipeline) {
    if (!seen.has(id))
      problems.push({
        field: 'proposalIds',
        rule: 'MISSING',
        message: `${id} is in the pipeline and must be ranked`,
      });
  }
  return problems;
}
