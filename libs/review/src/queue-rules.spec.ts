import { Role } from '@mptf/identity';
import type { AuthUser } from '@mptf/identity';
import { belongsInQueue, compareQueueItems, isOverdue, QueueCandidate, reviewCounts } from './queue-rules';
import { memberSeesRound, RecusalReason, recusalOf, reviewVisibility, seesAllReviews } from './review-access';

const IOM = 'org-iom';
const UNICEF = 'org-unicef';
const UNDP = 'org-undp';
const DEU = 'org-deu';

const proposal = (overrides: Partial<QueueCandidate> = {}): QueueCandidate => ({
  status: 'UNDER_REVIEW',
  reviewRound: 1,
  reviewDueDate: '2026-12-20',
  convenerOrgId: IOM,
  organizationIds: [IOM, UNICEF],
  conflictUserIds: [],
  reviews: [],
  ...overrides,
});

const member = (id: string, organizationId: string | null) => ({ id, organizationId });

describe('recusal', () => {
  it('recuses a member whose organization is a PUNO or the convener', () => {
    expect(recusalOf(member('sc.unicef', UNICEF), proposal())).toBe(RecusalReason.PUNO);
    expect(recusalOf(member('sc.iom', IOM), proposal({ organizationIds: [UNICEF] }))).toBe(
      RecusalReason.PUNO,
    );
    expect(recusalOf(member('sc.undp', UNDP), proposal())).toBeNull();
    expect(recusalOf(member('chair', null), proposal())).toBeNull();
  });

  it('recuses a member who declared a conflict', () => {
    expect(recusalOf(member('sc.deu', DEU), proposal({ conflictUserIds: ['sc.deu'] }))).toBe(
      RecusalReason.DECLARED_CONFLICT,
    );
  });

  it('does not count a review whose author is recused, also when they declared after reviewing', () => {
    const facts = proposal({ conflictUserIds: ['sc.deu'] });
    expect(reviewCounts({ reviewerId: 'sc.deu', reviewerOrgId: DEU }, facts)).toBe(false);
    expect(reviewCounts({ reviewerId: 'sc.undp', reviewerOrgId: UNDP }, facts)).toBe(true);
    // A PUNO added in a revision makes its member's earlier review not count.
    expect(
      reviewCounts(
        { reviewerId: 'sc.undp', reviewerOrgId: UNDP },
        proposal({ organizationIds: [IOM, UNDP] }),
      ),
    ).toBe(false);
  });
});

describe('the review queue rules', () => {
  it('lists proposals under review that the member may and has yet to review', () => {
    expect(belongsInQueue(member('sc.undp', UNDP), proposal())).toBe(true);
    expect(belongsInQueue(member('sc.deu', DEU), proposal())).toBe(true);
    expect(belongsInQueue(member('sc.unicef', UNICEF), proposal())).toBe(false);
  });

  it('drops proposals not under review', () => {
    for (const status of ['SUBMITTED', 'PIPELINE', 'APPROVED', 'REVISION_REQUESTED'])
      expect(belongsInQueue(member('sc.undp', UNDP), proposal({ status }))).toBe(false);
  });

  it('drops what I reviewed in the current round, but not what I reviewed in an earlier one', () => {
    const reviewed = proposal({ reviews: [{ reviewerId: 'sc.undp', round: 1 }] });
    expect(belongsInQueue(member('sc.undp', UNDP), reviewed)).toBe(false);
    expect(belongsInQueue(member('sc.deu', DEU), reviewed)).toBe(true);
    expect(belongsInQueue(member('sc.undp', UNDP), { ...reviewed, reviewRound: 2 })).toBe(true);
  });

  it('drops a proposal on which I declared a conflict', () => {
    expect(belongsInQueue(member('sc.deu', DEU), proposal({ conflictUserIds: ['sc.deu'] }))).toBe(false);
  });

  it('orders by due date (none last), then id; flags overdue after the due date', () => {
    const items = [
      { proposalId: 'c', reviewDueDate: null },
      { proposalId: 'b', reviewDueDate: '2026-12-01' },
      { proposalId: 'a', reviewDueDate: '2026-12-01' },
      { proposalId: 'd', reviewDueDate: '2026-11-15' },
    ];
    expect([...items].sort(compareQueueItems).map((i) => i.proposalId)).toEqual(['d', 'a', 'b', 'c']);
    expect(isOverdue('2026-11-29', '2026-11-30')).toBe(true);
    expect(isOverdue('2026-11-30', '2026-11-30')).toBe(false);
    expect(isOverdue(null, '2026-11-30')).toBe(false);
  });
});

describe('who sees the reviews', () => {
  const user = (roles: Role[]): AuthUser => ({
    id: 'u',
    email: 'u@mptf.test',
    name: 'U',
    roles,
    organizationId: null,
    organizationCode: null,
    organizationType: null,
  });

  it('FMU, chair and admins see all; members do not by role', () => {
    expect(seesAllReviews(user([Role.FMU_OFFICER]))).toBe(true);
    expect(seesAllReviews(user([Role.SC_CHAIR]))).toBe(true);
    expect(seesAllReviews(user([Role.ADMIN]))).toBe(true);
    expect(seesAllReviews(user([Role.SC_MEMBER]))).toBe(false);
  });

  it('a member sees the round after their own review, or once it is closed; never when recused', () => {
    expect(memberSeesRound({ reviewedThisRound: false, roundClosed: false, recused: false })).toBe(false);
    expect(memberSeesRound({ reviewedThisRound: true, roundClosed: false, recused: false })).toBe(true);
    expect(memberSeesRound({ reviewedThisRound: false, roundClosed: true, recused: false })).toBe(true);
    expect(memberSeesRound({ reviewedThisRound: true, roundClosed: true, recused: true })).toBe(false);
  });

  it('reviewVisibility: one answer per caller and proposal, recusal first, for the chair too', () => {
    const as = (roles: Role[], id: string, organizationId: string | null): AuthUser => ({
      ...user(roles),
      id,
      organizationId,
    });
    const open = proposal();
    const deu = as([Role.SC_MEMBER], 'sc.deu', DEU);
    expect(reviewVisibility(deu, open, 1, [])).toBe('OWN_ONLY');
    expect(reviewVisibility(deu, open, 1, ['sc.deu'])).toBe('ALL');
    expect(reviewVisibility(deu, proposal({ status: 'PIPELINE' }), 1, [])).toBe('ALL');
    expect(reviewVisibility(deu, proposal({ reviewRound: 2 }), 1, [])).toBe('ALL');
    expect(reviewVisibility(as([Role.SC_MEMBER], 'sc.unicef', UNICEF), open, 1, ['sc.unicef'])).toBe(
      'OWN_ONLY',
    );
    const chair = as([Role.SC_CHAIR], 'chair', null);
    expect(reviewVisibility(chair, open, 1, [])).toBe('ALL');
    expect(reviewVisibility(chair, proposal({ conflictUserIds: ['chair'] }), 1, [])).toBe('OWN_ONLY');
    expect(reviewVisibility(as([Role.FMU_OFFICER], 'fmu', IOM), open, 1, [])).toBe('ALL');
  });
});
