import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';
import { Cents, ErrorDetail, formatMoney } from '@mptf/platform';
import { ProposalAction } from '@mptf/proposals';
import { Member, RecusalFacts, RecusalReason, recusalOf } from './queue-rules';

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
        message: `${orgCode}: ${formatMoney(amountCents)} is above its budgeted total of ${formatMoney(budgeted)}`,
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

/** In which capacity a decision is recorded (kept on the decision and in its audit event). */
export enum DecisionCapacity {
  CHAIR = 'CHAIR',
  ACTING_CHAIR = 'ACTING_CHAIR',
}

export type DecisionAuthority =
  | { capacity: DecisionCapacity }
  | { capacity: null; rule: 'RECUSED' | 'CHAIR_NOT_RECUSED' | 'NOT_COMMITTEE'; message: string };

/**
 * Who records the Steering Committee's decision on a proposal (the domain's recusal rule applied
 * to the chair; the real fund's rule is not public):
 * - the chair, unless recused from it (its organization a PUNO or the convener, or a declared
 *   conflict): a recused chair never decides;
 * - when no chair is free to decide it (every active chair recused, or the seat vacant), a
 *   Steering Committee member who is not recused from it records it as acting chair;
 * - nobody else. `chairs` are the active users holding SC_CHAIR.
 */
export function decisionAuthority(
  user: AuthUser,
  facts: RecusalFacts,
  chairs: readonly Member[],
): DecisionAuthority {
  if (!hasRole(user, Role.SC_CHAIR, Role.SC_MEMBER))
    return {
      capacity: null,
      rule: 'NOT_COMMITTEE',
      message: 'Only the Steering Committee chair, or a member acting as chair, records decisions',
    };
  const recusal = recusalOf(user, facts);
  if (recusal)
    return {
      capacity: null,
      rule: 'RECUSED',
      message: `You are recused from this proposal (${recusal === RecusalReason.PUNO ? 'your organization takes part in it' : 'you declared a conflict of interest'}) and cannot record its decision; a Steering Committee member who is not recused records it as acting chair`,
    };
  if (hasRole(user, Role.SC_CHAIR)) return { capacity: DecisionCapacity.CHAIR };
  if (chairs.some((chair) => recusalOf(chair, facts) === null))
    return {
      capacity: null,
      rule: 'CHAIR_NOT_RECUSED',
      message:
        'The chair records this decision: a member acts as chair only when the chair is recused from the proposal',
    };
  return { capacity: DecisionCapacity.ACTING_CHAIR };
}
