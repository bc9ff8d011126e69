import { ProposalAction, transition, ProposalStatus } from '@mptf/proposals';
import {
  checkDecisionAllocations,
  checkPipelineOrder,
  DecisionOutcome,
  nextRank,
  OUTCOME_ACTIONS,
} from './decision-rules';

const budget = new Map([
  ['IOM', 53500000n],
  ['UNICEF', 21400000n],
]);

describe('decision allocations', () => {
  it('needs allocations to approve, and none otherwise', () => {
    expect(checkDecisionAllocations(DecisionOutcome.APPROVED, [], budget)[0].rule).toBe(
      'ALLOCATIONS_REQUIRED',
    );
    expect(checkDecisionAllocations(DecisionOutcome.APPROVED, undefined, budget)[0].rule).toBe(
      'ALLOCATIONS_REQUIRED',
    );
    expect(checkDecisionAllocations(DecisionOutcome.PIPELINE, undefined, budget)).toEqual([]);
    expect(
      checkDecisionAllocations(DecisionOutcome.REJECTED, [{ orgCode: 'IOM', amountCents: 1n }], budget)[0]
        .rule,
    ).toBe('NO_ALLOCATIONS');
  });

  it("keeps each allocation within its PUNO's budgeted total, listing every problem", () => {
    expect(
      checkDecisionAllocations(
        DecisionOutcome.APPROVED,
        [
          { orgCode: 'IOM', amountCents: 53500000n },
          { orgCode: 'UNICEF', amountCents: 1n },
        ],
        budget,
      ),
    ).toEqual([]);
    const problems = checkDecisionAllocations(
      DecisionOutcome.APPROVED,
      [
        { orgCode: 'IOM', amountCents: 53500001n },
        { orgCode: 'UNDP', amountCents: 100n },
        { orgCode: 'UNICEF', amountCents: 0n },
        { orgCode: 'UNICEF', amountCents: 5n },
      ],
      budget,
    );
    expect(problems.map((p) => `${p.field}:${p.rule}`)).toEqual([
      'allocations[0]:WITHIN_BUDGET',
      'allocations[1]:PUNO',
      'allocations[2]:POSITIVE',
      'allocations[3]:UNIQUE_PUNO',
    ]);
  });

  it('maps outcomes onto the lifecycle: approve from review or pipeline, the rest from review', () => {
    expect(transition(ProposalStatus.PIPELINE, OUTCOME_ACTIONS.APPROVED)).toBe(ProposalStatus.APPROVED);
    expect(transition(ProposalStatus.UNDER_REVIEW, OUTCOME_ACTIONS.PIPELINE)).toBe(ProposalStatus.PIPELINE);
    expect(transition(ProposalStatus.UNDER_REVIEW, OUTCOME_ACTIONS.REVISION_REQUESTED)).toBe(
      ProposalStatus.REVISION_REQUESTED,
    );
    expect(OUTCOME_ACTIONS.REJECTED).toBe(ProposalAction.DECIDE_REJECT);
    expect(() => transition(ProposalStatus.APPROVED, OUTCOME_ACTIONS.APPROVED)).toThrow(/APPROVED/);
  });
});

describe('pipeline ranks', () => {
  it('puts new entries at the end', () => {
    expect(nextRank([])).toBe(1);
    expect(nextRank([2, 1, 3])).toBe(4);
  });

  it('accepts exactly the pipeline, in any order', () => {
    expect(checkPipelineOrder(['b', 'a'], ['a', 'b'])).toEqual([]);
    expect(checkPipelineOrder(['a', 'a', 'x'], ['a', 'b']).map((p) => p.rule)).toEqual([
      'DUPLICATE',
      'NOT_IN_PIPELINE',
      'MISSING',
    ]);
  });
});
