import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { can, Permission, UsersService } from '@mptf/identity';
import {
  Clock,
  ConflictError,
  ErrorDetail,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RuleViolationError,
} from '@mptf/platform';
import { ProposalQueriesService, ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { isOverdue } from './queue-rules';
import {
  DecisionCapacity,
  decisionAuthority,
  RecusalReason,
  recusalOf,
  reviewVisibility,
  ReviewVisibility,
} from './review-access';
import { ReviewFacts, ReviewRepository, StoredReview } from './repositories/review.repository';
import {
  checkScorecard,
  Recommendation,
  reviewWeightedScore,
  ReviewSummary,
  summarizeReviews,
} from './scoring';

export interface ScorecardInput {
  scores: { criterionCode: string; score: number }[];
  recommendation: Recommendation;
  comment: string;
}

export interface ReviewView {
  id: string;
  proposalId: string;
  round: number;
  reviewer: { id: string; name: string; organizationCode: string | null };
  scores: { criterionCode: string; weight: number; score: number }[];
  recommendation: Recommendation;
  comment: string;
  /** This review's weighted score on 0–100, two decimals. */
  weightedScore: string;
  /** False when the reviewer is recused (PUNO member or declared conflict): excluded from the summary. */
  counted: boolean;
  submittedAt: string;
}

export interface ProposalReviews {
  proposalId: string;
  round: number;
  currentRound: number;
  status: ProposalStatus;
  reviewDueDate: string | null;
  overdue: boolean;
  /**
   * ALL: every review of the round and the summary. OWN_ONLY: a member who has not yet reviewed
   * in this open round (or is recused) sees only their own reviews and no summary.
   */
  visibility: ReviewVisibility;
  reviews: ReviewView[];
  summary: ReviewSummary | null;
}

export interface ConflictView {
  proposalId: string;
  userId: string;
  reason: string;
  declaredAt: string;
  recused: true;
}

export interface RecusalView {
  proposalId: string;
  recused: boolean;
  reason: RecusalReason | null;
  reviewedThisRound: boolean;
  /** In which capacity I may record its decision (decisionAuthority), null when I may not. */
  decidesAs: DecisionCapacity | null;
}

/** Conflicts of interest and scorecards of the Steering Committee. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReviewRepository,
    private readonly proposals: ProposalQueriesService,
    private readonly statuses: ProposalStatusService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The member declares a conflict of interest: recused from the proposal from now on, for every round. */
  async declareConflict(user: AuthUser, proposalId: string, reason: string): Promise<ConflictView> {
    this.assertCommitteeMember(user, Permission.CONFLICT_DECLARE, 'declare a conflict of interest');
    return this.dataSource.transaction(async (manager) => {
      await this.statuses.lock(manager, proposalId);
      await this.proposals.assertVisible(user, proposalId, manager);
      const declaredAt = await this.repository.declareConflict(manager, proposalId, user.id, reason.trim());
      if (!declaredAt)
        throw new ConflictError('You have already declared a conflict of interest on this proposal');
      const view: ConflictView = {
        proposalId,
        userId: user.id,
        reason: reason.trim(),
        declaredAt: declaredAt.toISOString(),
        recused: true,
      };
      await this.audit.record(manager, {
        actor: user,
        action: 'review.conflict-declare',
        entityType: 'proposal',
        entityId: proposalId,
        after: { conflict: { userId: user.id, reason: view.reason } },
      });
      return view;
    });
  }

  /** Whether I am recused from the proposal, and why. */
  async recusal(user: AuthUser, proposalId: string): Promise<RecusalView> {
    await this.proposals.assertVisible(user, proposalId);
    const facts = await this.requireFacts(this.dataSource.manager, proposalId);
    const reason = recusalOf(user, facts);
    const chairs = await this.users.activeHolders(this.dataSource.manager, Permission.DECISION_CHAIR);
    return {
      proposalId,
      recused: reason !== null,
      reason,
      reviewedThisRound: await this.hasReviewed(this.dataSource.manager, user.id, facts),
      decidesAs: decisionAuthority(user, facts, chairs).capacity,
    };
  }

  /**
   * A scorecard: 404, 403 (not visible; recused), 409 (not under review; already reviewed this
   * round), then 422 (criteria: every one scored exactly once, nothing else).
   */
  async submit(user: AuthUser, proposalId: string, input: ScorecardInput): Promise<ReviewView> {
    this.assertCommitteeMember(user, Permission.REVIEW_CREATE, 'review proposals');
    const id = await this.dataSource.transaction(async (manager) => {
      const status = await this.statuses.lock(manager, proposalId);
      await this.proposals.assertVisible(user, proposalId, manager);
      const facts = await this.requireFacts(manager, proposalId);
      const recusal = recusalOf(user, facts);
      if (recusal === RecusalReason.PUNO)
        throw new ForbiddenError(
          'You are recused: your organization is a participating organization of this proposal',
        );
      if (recusal === RecusalReason.DECLARED_CONFLICT)
        throw new ForbiddenError('You are recused: you declared a conflict of interest on this proposal');
      if (status !== ProposalStatus.UNDER_REVIEW) throw new InvalidStateError('proposal', status, 'review');
      if (await this.hasReviewed(manager, user.id, facts))
        throw new ConflictError(
          `You have already reviewed this proposal in review round ${facts.reviewRound}`,
        );

      const criteria = await this.repository.criteria(manager);
      const problems = checkScorecard(input.scores, criteria);
      if (problems.length)
        throw new RuleViolationError(
          'The scorecard does not match the review criteria',
          problems as ErrorDetail[],
        );
      const weights = new Map(criteria.map((criterion) => [criterion.code, criterion.weight]));
      const scores = input.scores.map((score) => ({
        criterionCode: score.criterionCode,
        weight: weights.get(score.criterionCode) as number,
        score: score.score,
      }));
      const reviewId = await this.repository.addReview(manager, {
        proposalId,
        round: facts.reviewRound,
        reviewerId: user.id,
        reviewerOrgId: user.organizationId,
        recommendation: input.recommendation,
        comment: input.comment.trim(),
        scores,
      });
      await this.audit.record(manager, {
        actor: user,
        action: 'review.submit',
        entityType: 'proposal',
        entityId: proposalId,
        after: {
          reviewId,
          round: facts.reviewRound,
          recommendation: input.recommendation,
          weightedScore: reviewWeightedScore(scores),
          scores,
        },
      });
      return reviewId;
    });
    const facts = await this.requireFacts(this.dataSource.manager, proposalId);
    const [stored] = (
      await this.repository.reviews(this.dataSource, facts, { proposalIds: [proposalId] })
    ).filter((review) => review.id === id);
    return toReviewView(stored);
  }

  /**
   * The reviews of one round (default: the current one) and their summary. The FMU, the chair and
   * admins see everything; a member sees the others' reviews and the summary only once they have
   * reviewed in that round or the round is closed (see memberSeesRound).
   */
  async list(user: AuthUser, proposalId: string, round?: number): Promise<ProposalReviews> {
    await this.proposals.assertVisible(user, proposalId);
    const manager = this.dataSource.manager;
    const facts = await this.requireFacts(manager, proposalId);
    const wanted = round ?? facts.reviewRound;
    if (round !== undefined && (round < 1 || round > facts.reviewRound))
      throw new NotFoundError(`Review round ${round} of proposal`, proposalId);
    const reviews =
      wanted >= 1
        ? await this.repository.reviews(manager, facts, { proposalIds: [proposalId], round: wanted })
        : [];
    const visibility = reviewVisibility(
      user,
      facts,
      wanted,
      reviews.map((review) => review.reviewer.id),
    );
    const seesAll = visibility === 'ALL';
    const visible = seesAll ? reviews : reviews.filter((review) => review.reviewer.id === user.id);
    return {
      proposalId,
      round: wanted,
      currentRound: facts.reviewRound,
      status: facts.status,
      reviewDueDate: facts.reviewDueDate,
      overdue:
        facts.status === ProposalStatus.UNDER_REVIEW && isOverdue(facts.reviewDueDate, this.clock.today()),
      visibility,
      reviews: visible.map(toReviewView),
      summary: seesAll ? summarizeReviews(reviews) : null,
    };
  }

  private assertCommitteeMember(user: AuthUser, permission: Permission, what: string): void {
    if (!can(user, permission)) throw new ForbiddenError(`Only Steering Committee members ${what}`);
  }

  private async requireFacts(manager: EntityManager, proposalId: string): Promise<ReviewFacts> {
    const facts = await this.repository.facts(manager, proposalId);
    if (!facts) throw new NotFoundError('Proposal', proposalId);
    return facts;
  }

  private hasReviewed(manager: EntityManager, userId: string, facts: ReviewFacts): Promise<boolean> {
    return this.repository.hasReviewed(manager, facts.id, facts.reviewRound, userId);
  }
}

export function toReviewView(review: StoredReview): ReviewView {
  return {
    id: review.id,
    proposalId: review.proposalId,
    round: review.round,
    reviewer: {
      id: review.reviewer.id,
      name: review.reviewer.name,
      organizationCode: review.reviewer.organizationCode,
    },
    scores: review.scores,
    recommendation: review.recommendation,
    comment: review.comment,
    weightedScore: reviewWeightedScore(review.scores),
    counted: review.counted,
    submittedAt: review.submittedAt.toISOString(),
  };
}
