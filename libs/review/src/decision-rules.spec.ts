import type { AuthUser } from '@mptf/identity';
import { Role } from '@mptf/identity';
import { ProposalAction, transition, ProposalStatus } from '@mptf/proposals';
import { DecisionCapacity, decisionAuthority } from './review-access';
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

describe('who records a decision', () => {
  const facts = { convenerOrgId: 'iom', organizationIds: ['iom', 'unicef'], conflictUserIds: [] as string[] };
  const person = (id: string, roles: Role[], organizationId: string | null): AuthUser => ({
    id,
    email: `${id}@mptf.test`,
    name: id,
    roles,
    organizationId,
    organizationCode: null,
    organizationType: null,
  });
  const chair = person('chair', [Role.SC_CHAIR], 'network');
  const deu = person('sc.deu', [Role.SC_MEMBER], 'deu');
  const unicef = person('sc.unicef', [Role.SC_MEMBER], 'unicef');
  const chairs = [{ id: 'chair', organizationId: 'network' }];

  it('is the chair, unless recused; a member only then, as acting chair, and never a recused one', () => {
    expect(decisionAuthority(chair, facts, chairs)).toEqual({ capacity: DecisionCapacity.CHAIR });
    expect(decisionAuthority(deu, facts, chairs)).toMatchObject({
      capacity: null,
      rule: 'CHAIR_NOT_RECUSED',
    });
    const conflicted = { ...facts, conflictUserIds: ['chair'] };
    expect(decisionAuthority(chair, conflicted, chairs)).toMatchObject({ capacity: null, rule: 'RECUSED' });
    expect(decisionAuthority(deu, conflicted, chairs)).toEqual({ capacity: DecisionCapacity.ACTING_CHAIR });
    expect(decisionAuthority(unicef, conflicted, chairs)).toMatchObject({ capacity: null, rule: 'RECUSED' });
    // A chair whose organization takes part in the proposal is recused too.
    const punoChair = person('chair', [Role.SC_CHAIR], 'iom');
    expect(decisionAuthority(punoChair, facts, [{ id: 'chair', organizationId: 'iom' }])).toMatchObject({
      rule: 'RECUSED',
    });
    expect(decisionAuthority(deu, facts, [{ id: 'chair', organizationId: 'iom' }]).capacity).toBe(
      DecisionCapacity.ACTING_CHAIR,
    );
  });

  it('needs every chair recused (or the seat vacant) before a member acts, and a committee role', () => {
    const two = [...chairs, { id: 'vice', organizationId: 'iom' }];
    expect(decisionAuthority(deu, facts, two).capacity).toBeNull();
    expect(decisionAuthority(deu, { ...facts, conflictUserIds: ['chair'] }, two).capacity).toBe(
      DecisionCapacity.ACTING_CHAIR,
    );
    expect(decisionAuthority(deu, facts, []).capacity).toBe(DecisionCapacity.ACTING_CHAIR);
    expect(decisionAuthority(person('fmu', [Role.FMU_OFFICER], null), facts, []).capacity).toBeNull();
  });
});
