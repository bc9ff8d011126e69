import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';
import {
  Clock,
  ConflictError,
  ErrorDetail,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RuleViolationError,
} from '@mptf/platform';
import { ProposalsService, ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { isOverdue, RecusalReason, recusalOf, reviewVisibility, ReviewVisibility } from './queue-rules';
import { DecisionCapacity, decisionAuthority } from './decision-rules';
import {
  loadActiveChairs,
  loadCriteria,
  loadReviewFacts,
  loadReviews,
  ReviewFacts,
  StoredReview,
} from './review-records';
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
    private readonly proposals: ProposalsService,
    private readonly statuses: ProposalStatusService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The member declares a conflict of interest: recused from the proposal from now on, for every round. */
  async declareConflict(user: AuthUser, proposalId: string, reason: string): Promise<ConflictView> {
    this.assertCommitteeMember(user, 'declare a conflict of interest');
    return this.dataSource.transaction(async (manager) => {
      await this.statuses.lock(manager, proposalId);
      await this.proposals.assertVisible(user, proposalId, manager);
      const rows = (await manager.query(
        `INSERT INTO review_conflicts (proposal_id, user_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT (proposal_id, user_id) DO NOTHING RETURNING declared_at`,
        [proposalId, user.id, reason.trim()],
      )) as { declared_at: Date }[];
      if (!rows.length)
        throw new ConflictError('You have already declared a conflict of interest on this proposal');
      const view: ConflictView = {
        proposalId,
        userId: user.id,
        reason: reason.trim(),
        declaredAt: new Date(rows[0].declared_at).toISOString(),
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
    const chairs = await loadActiveChairs(this.dataSource.manager);
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
    this.assertCommitteeMember(user, 'review proposals');
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

      const criteria = await loadCriteria(manager);
      const problems = checkScorecard(input.scores, criteria);
      if (problems.length)
        throw new RuleViolationError(
          'The scorecard does not match the review criteria',
          problems as ErrorDetail[],
        );
      const weights = new Map(criteria.map((criterion) => [criterion.code, criterion.weight]));
      const [review] = (await manager.query(
        `INSERT INTO reviews (proposal_id, round, reviewer_id, reviewer_org_id, recommendation, comment)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          proposalId,
          facts.reviewRound,
          user.id,
          user.organizationId,
          input.recommendation,
          input.comment.trim(),
        ],
      )) as { id: string }[];
      const scores = input.scores.map((score) => ({
        criterionCode: score.criterionCode,
        weight: weights.get(score.criterionCode) as number,
        score: score.score,
      }));
      await manager.query(
        `INSERT INTO review_scores (review_id, criterion_code, weight, score)
         SELECT $1, s.code, s.weight, s.score FROM unnest($2::text[], $3::smallint[], $4::smallint[]) AS s(code, weight, score)`,
        [
          review.id,
          scores.map((s) => s.criterionCode),
          scores.map((s) => s.weight),
          scores.map((s) => s.score),
        ],
      );
      await this.audit.record(manager, {
        actor: user,
        action: 'review.submit',
        entityType: 'proposal',
        entityId: proposalId,
        after: {
          reviewId: review.id,
          round: facts.reviewRound,
          recommendation: input.recommendation,
          weightedScore: reviewWeightedScore(scores),
          scores,
        },
      });
      return review.id;
    });
    const facts = await this.requireFacts(this.dataSource.manager, proposalId);
    const [stored] = (
      await loadReviews(this.dataSource.manager, facts, { proposalIds: [proposalId] })
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
      wanted >= 1 ? await loadReviews(manager, facts, { proposalIds: [proposalId], round: wanted }) : [];
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

  private assertCommitteeMember(user: AuthUser, what: string): void {
    if (!hasRole(user, Role.SC_MEMBER, Role.SC_CHAIR))
      throw new ForbiddenError(`Only Steering Committee members ${what}`);
  }

  private async requireFacts(manager: EntityManager, proposalId: string): Promise<ReviewFacts> {
    const facts = await loadReviewFacts(manager, proposalId);
    if (!facts) throw new NotFoundError('Proposal', proposalId);
    return facts;
  }

  private async hasReviewed(manager: EntityManager, userId: string, facts: ReviewFacts): Promise<boolean> {
    const rows = (await manager.query(
      'SELECT 1 FROM reviews WHERE proposal_id = $1 AND round = $2 AND reviewer_id = $3',
      [facts.id, facts.reviewRound, userId],
    )) as unknown[];
    return rows.length > 0;
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
