import type { AuthUser, Member } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import { ProposalStatus } from '@mptf/proposals';

/**
 * Who may do what in review, as pure functions of the user's permissions (the permission table
 * decides what a role may do) and the proposal. The review queue applies the recusal rule in SQL
 * too (REVIEW_QUEUE_SQL); the unit specs pin the rules, an e2e spec pins the SQL to them.
 *
 * A Steering Committee member is recused from a proposal when
 * - their organization is one of its participating UN organizations (PUNOs) or its convener
 *   (automatic), or
 * - they declared a conflict of interest on it.
 * A recused member cannot review it (403), never sees it in their queue, and nothing they wrote
 * about it counts (a review written before the declaration is excluded from the summary).
 */
export enum RecusalReason {
  PUNO = 'PUNO',
  DECLARED_CONFLICT = 'DECLARED_CONFLICT',
}

export type { Member };

export interface RecusalFacts {
  convenerOrgId: string;
  /** The proposal's PUNOs. */
  organizationIds: readonly string[];
  /** Members who declared a conflict on it. */
  conflictUserIds: readonly string[];
}

export function recusalOf(member: Member, facts: RecusalFacts): RecusalReason | null {
  if (facts.conflictUserIds.includes(member.id)) return RecusalReason.DECLARED_CONFLICT;
  const org = member.organizationId;
  if (org && (org === facts.convenerOrgId || facts.organizationIds.includes(org))) return RecusalReason.PUNO;
  return null;
}

/** Steering Committee members (and the chair): they review, declare conflicts and can be recused. */
export function isCommitteeMember(user: AuthUser): boolean {
  return can(user, Permission.REVIEW_CREATE);
}

/** The FMU, the chair and admins see every review; members see them after writing their own. */
export function seesAllReviews(user: AuthUser): boolean {
  return can(user, Permission.REVIEW_READ_ALL);
}

/**
 * Whether a member sees the other members' reviews of a round (and its summary): only once they
 * have submitted their own review in that round, so nobody anchors on others' scores; once the
 * round is closed (the proposal left review) every member who is not recused sees them. Before
 * that a member gets their own reviews only (`reviews` empty) and `summary: null`.
 */
export function memberSeesRound(input: {
  reviewedThisRound: boolean;
  roundClosed: boolean;
  recused: boolean;
}): boolean {
  if (input.recused) return false;
  return input.reviewedThisRound || input.roundClosed;
}

export type ReviewVisibility = 'ALL' | 'OWN_ONLY';

/**
 * The one rule for who sees the reviews of a round and their summary (scores, recommendations,
 * count): GET /proposals/:id/reviews and the decision pack both apply it, per proposal and per
 * caller. A Steering Committee member or chair recused from the proposal sees only their own
 * reviews; otherwise the FMU, the chair and admins see everything, and a member sees everything
 * once they have reviewed in that round or the round is closed (memberSeesRound).
 */
export function reviewVisibility(
  user: AuthUser,
  facts: RecusalFacts & { status: string; reviewRound: number },
  round: number,
  reviewerIdsOfRound: readonly string[],
): ReviewVisibility {
  const recused = isCommitteeMember(user) && recusalOf(user, facts) !== null;
  if (recused) return 'OWN_ONLY';
  if (seesAllReviews(user)) return 'ALL';
  return memberSeesRound({
    reviewedThisRound: reviewerIdsOfRound.includes(user.id),
    roundClosed: round < facts.reviewRound || facts.status !== ProposalStatus.UNDER_REVIEW,
    recused: false,
  })
    ? 'ALL'
    : 'OWN_ONLY';
}

/** In which capacity a decision is recorded (kept on the decision and in its audit event). */
export enum DecisionCapacity {
  CHAIR = 'CHAIR',
  ACTING_CHAIR = 'ACTING_CHAIR',
}

export type DecisionAuthority =
  | { capacity: DecisionCapacity }
  | { capacity: null; rule: 'RECUSED' | 'CHAIR_NOT_RECUSED' | 'NOT_COMMITTEE'; message: string };

export const NOT_COMMITTEE_MESSAGE =
  'Only the Steering Committee chair, or a member acting as chair, records decisions';

/** Holders of decision.record: the chair, and members who may act as chair. */
export function recordsDecisions(user: AuthUser): boolean {
  return can(user, Permission.DECISION_RECORD);
}

/**
 * Who records the Steering Committee's decision on a proposal (the domain's recusal rule applied
 * to the chair; the real fund's rule is not public):
 * - the chair (decision.chair), unless recused from it (its organization a PUNO or the convener,
 *   or a declared conflict): a recused chair never decides;
 * - when no chair is free to decide it (every active chair recused, or the seat vacant), a holder
 *   of decision.record who is not recused from it records it as acting chair;
 * - nobody else. `chairs` are the active users holding decision.chair.
 */
export function decisionAuthority(
  user: AuthUser,
  facts: RecusalFacts,
  chairs: readonly Member[],
): DecisionAuthority {
  if (!recordsDecisions(user))
    return { capacity: null, rule: 'NOT_COMMITTEE', message: NOT_COMMITTEE_MESSAGE };
  const recusal = recusalOf(user, facts);
  if (recusal)
    return {
      capacity: null,
      rule: 'RECUSED',
      message: `You are recused from this proposal (${recusal === RecusalReason.PUNO ? 'your organization takes part in it' : 'you declared a conflict of interest'}) and cannot record its decision; a Steering Committee member who is not recused records it as acting chair`,
    };
  if (can(user, Permission.DECISION_CHAIR)) return { capacity: DecisionCapacity.CHAIR };
  if (chairs.some((chair) => recusalOf(chair, facts) === null))
    return {
      capacity: null,
      rule: 'CHAIR_NOT_RECUSED',
      message:
        'The chair records this decision: a member acts as chair only when the chair is recused from the proposal',
    };
  return { capacity: DecisionCapacity.ACTING_CHAIR };
}
