import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';

/**
 * Who may review what, as pure functions. The review queue applies the same rules in one SQL
 * query (REVIEW_QUEUE_SQL); the unit specs pin the rules, an e2e spec pins the SQL to them.
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

export interface RecusalFacts {
  convenerOrgId: string;
  /** The proposal's PUNOs. */
  organizationIds: readonly string[];
  /** Members who declared a conflict on it. */
  conflictUserIds: readonly string[];
}

export interface Member {
  id: string;
  organizationId: string | null;
}

export function recusalOf(member: Member, facts: RecusalFacts): RecusalReason | null {
  if (facts.conflictUserIds.includes(member.id)) return RecusalReason.DECLARED_CONFLICT;
  const org = member.organizationId;
  if (org && (org === facts.convenerOrgId || facts.organizationIds.includes(org))) return RecusalReason.PUNO;
  return null;
}

/** A review counts unless its author is recused (judged with their organization when reviewing). */
export function reviewCounts(
  review: { reviewerId: string; reviewerOrgId: string | null },
  facts: RecusalFacts,
): boolean {
  return recusalOf({ id: review.reviewerId, organizationId: review.reviewerOrgId }, facts) === null;
}

export interface QueueCandidate extends RecusalFacts {
  status: string;
  reviewRound: number;
  reviewDueDate: string | null;
  /** Reviewers of the proposal per round. */
  reviews: readonly { reviewerId: string; round: number }[];
}

/** Under review, not reviewed by the member in the current round, member not recused. */
export function belongsInQueue(member: Member, candidate: QueueCandidate): boolean {
  if (candidate.status !== 'UNDER_REVIEW') return false;
  if (recusalOf(member, candidate) !== null) return false;
  return !candidate.reviews.some(
    (review) => review.reviewerId === member.id && review.round === candidate.reviewRound,
  );
}

/** Overdue: the due date has passed (due today is not overdue). */
export function isOverdue(reviewDueDate: string | null, today: string): boolean {
  return reviewDueDate !== null && reviewDueDate < today;
}

/** Queue order: by due date (none last), then by id, as the queue's index is ordered. */
export function compareQueueItems(
  a: { reviewDueDate: string | null; proposalId: string },
  b: { reviewDueDate: string | null; proposalId: string },
): number {
  if (a.reviewDueDate !== b.reviewDueDate) {
    if (a.reviewDueDate === null) return 1;
    if (b.reviewDueDate === null) return -1;
    return a.reviewDueDate < b.reviewDueDate ? -1 : 1;
  }
  return a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : 0;
}

/** The FMU, the chair and admins see every review; members see them after writing their own. */
export function seesAllReviews(user: AuthUser): boolean {
  return hasRole(user, Role.FMU_OFFICER, Role.SC_CHAIR, Role.ADMIN);
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
  const recused = hasRole(user, Role.SC_MEMBER, Role.SC_CHAIR) && recusalOf(user, facts) !== null;
  if (recused) return 'OWN_ONLY';
  if (seesAllReviews(user)) return 'ALL';
  return memberSeesRound({
    reviewedThisRound: reviewerIdsOfRound.includes(user.id),
    roundClosed: round < facts.reviewRound || facts.status !== 'UNDER_REVIEW',
    recused: false,
  })
    ? 'ALL'
    : 'OWN_ONLY';
}

/**
 * The review queue, one statement. $1 = the member's user id, $2 = their organization id (or
 * null), $3 = page size, $4 = offset. Proposals under review are found through an index on status
 * (the partial proposals_review_due_idx or proposals_status_idx), the member's reviews through
 * reviews_reviewer_idx, declared conflicts through their primary key, the PUNO check through
 * proposal_organizations_org_idx and the total through the budget lines' primary key. The plan on
 * a generated portfolio of 20,000 proposals (400 under review), 40,000 PUNO rows, 80,000 budget
 * lines and ~50,000 reviews, after ANALYZE (PostgreSQL 15; checked by
 * tests/review/review-queue-plan.e2e-spec.ts, run it with PRINT_PLAN=1 to see it):
 *
 *   Limit -> Sort (review_due_date, id)
 *     -> Nested Loop Left Join
 *        -> Nested Loop Anti Join
 *           -> Hash Anti Join (p.id = r.proposal_id AND p.review_round = r.round)
 *              -> Bitmap Heap Scan on proposals p
 *                   Filter: convener_org_id <> $2 AND NOT (hashed SubPlan: Bitmap Index Scan
 *                           on proposal_organizations_org_idx)
 *                 -> Bitmap Index Scan on proposals_status_idx (status = 'UNDER_REVIEW')
 *              -> Hash -> Bitmap Heap Scan on reviews r -> Bitmap Index Scan on reviews_reviewer_idx
 *           -> Index Only Scan using review_conflicts_pkey on review_conflicts c
 *        -> Aggregate -> GroupAggregate -> Bitmap Index Scan on proposal_budget_lines_pkey
 *
 * No sequential scan at any size: the work grows with the proposals under review and the
 * member's own reviews, not with the portfolio.
 */
export const REVIEW_QUEUE_SQL = `
  SELECT p.id AS proposal_id, p.reference, p.title, p.thematic_area_code,
         to_char(p.review_due_date, 'YYYY-MM-DD') AS review_due_date, p.review_round,
         coalesce(b.total, 0)::text AS total
    FROM proposals p
    LEFT JOIN LATERAL (
      SELECT sum(d.direct + round(d.direct * p.indirect_rate))::bigint AS total
        FROM (SELECT sum(bl.amount) AS direct FROM proposal_budget_lines bl
               WHERE bl.proposal_id = p.id AND bl.category_code <= 7
               GROUP BY bl.organization_id) d
    ) b ON true
   WHERE p.status = 'UNDER_REVIEW'
     AND NOT EXISTS (SELECT 1 FROM reviews r
                      WHERE r.proposal_id = p.id AND r.round = p.review_round AND r.reviewer_id = $1)
     AND NOT EXISTS (SELECT 1 FROM review_conflicts c WHERE c.proposal_id = p.id AND c.user_id = $1)
     AND ($2::uuid IS NULL OR (p.convener_org_id <> $2::uuid AND NOT EXISTS (
           SELECT 1 FROM proposal_organizations po WHERE po.proposal_id = p.id AND po.organization_id = $2::uuid)))
   ORDER BY p.review_due_date, p.id
   LIMIT $3 OFFSET $4`;
