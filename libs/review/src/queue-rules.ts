import { ProposalStatus } from '@mptf/proposals';
import { Member, RecusalFacts, recusalOf } from './review-access';

/**
 * Which proposals are in a member's review queue, as pure functions; REVIEW_QUEUE_SQL applies the
 * same rules in one statement (the unit specs pin the rules, an e2e spec pins the SQL to them).
 */

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
  if (candidate.status !== ProposalStatus.UNDER_REVIEW) return false;
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
