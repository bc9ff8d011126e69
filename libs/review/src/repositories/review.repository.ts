import { Injectable } from '@nestjs/common';
import { ProposalStatus } from '@mptf/proposals';
import { offsetOf, positionalParams, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { reviewCounts } from '../queue-rules';
import { REVIEW_QUEUE_SQL } from './review-queue.sql';
import { RecusalFacts } from '../review-access';
import { CriterionScore, Recommendation, ScoredReview } from '../scoring';

/** A proposal as review needs it: state, round and who is recused. */
export interface ReviewFacts extends RecusalFacts {
  id: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  reviewRound: number;
  reviewDueDate: string | null;
}

export interface CriterionRow {
  code: string;
  title: string;
  weight: number;
}

/** One stored scorecard with its author. */
export interface StoredReview extends ScoredReview {
  id: string;
  proposalId: string;
  round: number;
  reviewer: { id: string; name: string; email: string; organizationCode: string | null };
  reviewerOrgId: string | null;
  recommendation: Recommendation;
  comment: string;
  scores: CriterionScore[];
  submittedAt: Date;
}

export interface QueueRow {
  proposal_id: string;
  reference: string;
  title: string;
  thematic_area_code: number;
  review_due_date: string | null;
  review_round: number;
  total: string;
}

interface ReviewRow {
  id: string;
  proposal_id: string;
  round: number;
  reviewer_id: string;
  reviewer_org_id: string | null;
  recommendation: Recommendation;
  comment: string;
  submitted_at: Date;
  name: string;
  email: string;
  org_code: string | null;
  scores: CriterionScore[];
}

const FACTS_SQL = `
  SELECT p.id, p.reference, p.title, p.status, p.review_round AS "reviewRound", p.convener_org_id AS "convenerOrgId",
         to_char(p.review_due_date, 'YYYY-MM-DD') AS "reviewDueDate",
         array(SELECT po.organization_id FROM proposals_participants_v po WHERE po.proposal_id = p.id) AS "organizationIds",
         array(SELECT c.user_id FROM review_conflicts c WHERE c.proposal_id = p.id) AS "conflictUserIds"
    FROM proposals_summary_v p`;

/** Conflicts of interest, scorecards and the review queue (reviews, review_scores, review_conflicts). */
@Injectable()
export class ReviewRepository {
  facts(db: SqlRunner, proposalId: string): Promise<ReviewFacts | null> {
    return sqlRow<ReviewFacts>(db, `${FACTS_SQL} WHERE p.id = $1`, [proposalId]);
  }

  /** The facts of several proposals, by id (those that exist). */
  async factsOf(db: SqlRunner, proposalIds: readonly string[]): Promise<Map<string, ReviewFacts>> {
    const rows = await sqlRows<ReviewFacts>(db, `${FACTS_SQL} WHERE p.id = ANY($1::uuid[])`, [proposalIds]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async reviewRound(db: SqlRunner, proposalId: string): Promise<number | null> {
    const row = await sqlRow<{ review_round: number }>(
      db,
      'SELECT review_round FROM proposals_summary_v WHERE id = $1',
      [proposalId],
    );
    return row?.review_round ?? null;
  }

  /** The review criteria in their order (reference data), with the weights a scorecard copies. */
  criteria(db: SqlRunner): Promise<CriterionRow[]> {
    return sqlRows<CriterionRow>(
      db,
      'SELECT code, title, weight FROM reference_review_criteria_v ORDER BY position, code',
    );
  }

  async hasReviewed(db: SqlRunner, proposalId: string, round: number, userId: string): Promise<boolean> {
    const rows = await sqlRows(
      db,
      'SELECT 1 FROM reviews WHERE proposal_id = $1 AND round = $2 AND reviewer_id = $3',
      [proposalId, round, userId],
    );
    return rows.length > 0;
  }

  /** Records the declaration and returns its time, or null when the member already declared one. */
  async declareConflict(
    db: SqlRunner,
    proposalId: string,
    userId: string,
    reason: string,
  ): Promise<Date | null> {
    const row = await sqlRow<{ declared_at: Date }>(
      db,
      `INSERT INTO review_conflicts (proposal_id, user_id, reason) VALUES ($1, $2, $3)
       ON CONFLICT (proposal_id, user_id) DO NOTHING RETURNING declared_at`,
      [proposalId, userId, reason],
    );
    return row ? new Date(row.declared_at) : null;
  }

  /** A scorecard and its scores in one statement; returns the review's id. */
  async addReview(
    db: SqlRunner,
    review: {
      proposalId: string;
      round: number;
      reviewerId: string;
      reviewerOrgId: string | null;
      recommendation: Recommendation;
      comment: string;
      scores: CriterionScore[];
    },
  ): Promise<string> {
    const [row] = await sqlRows<{ id: string }>(
      db,
      `WITH review AS (
         INSERT INTO reviews (proposal_id, round, reviewer_id, reviewer_org_id, recommendation, comment)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
       ), scores AS (
         INSERT INTO review_scores (review_id, criterion_code, weight, score)
         SELECT review.id, s.code, s.weight, s.score
           FROM review, unnest($7::text[], $8::smallint[], $9::smallint[]) AS s(code, weight, score)
       )
       SELECT id FROM review`,
      [
        review.proposalId,
        review.round,
        review.reviewerId,
        review.reviewerOrgId,
        review.recommendation,
        review.comment,
        review.scores.map((s) => s.criterionCode),
        review.scores.map((s) => s.weight),
        review.scores.map((s) => s.score),
      ],
    );
    return row.id;
  }

  /** The reviews of proposals (in `round`, or every round), counted or not per the recusal rule. */
  async reviews(
    db: SqlRunner,
    facts: Map<string, RecusalFacts> | RecusalFacts,
    filter: { proposalIds: string[]; round?: number; currentRoundOnly?: boolean },
  ): Promise<StoredReview[]> {
    if (filter.proposalIds.length === 0) return [];
    const params: unknown[] = [];
    const param = positionalParams(params);
    const where = [`r.proposal_id = ANY(${param(filter.proposalIds)})`];
    if (filter.round !== undefined) where.push(`r.round = ${param(filter.round)}`);
    if (filter.currentRoundOnly) where.push('r.round = p.review_round');
    const rows = await sqlRows<ReviewRow>(
      db,
      `SELECT r.id, r.proposal_id, r.round, r.reviewer_id, r.reviewer_org_id, r.recommendation, r.comment,
              r.submitted_at, u.name, u.email, o.code AS org_code,
              coalesce(json_agg(json_build_object('criterionCode', s.criterion_code, 'weight', s.weight, 'score', s.score)
                       ORDER BY rc.position, s.criterion_code) FILTER (WHERE s.review_id IS NOT NULL), '[]') AS scores
         FROM reviews r
         JOIN proposals_summary_v p ON p.id = r.proposal_id
         JOIN identity_users_v u ON u.id = r.reviewer_id
         LEFT JOIN identity_organizations_v o ON o.id = r.reviewer_org_id
         LEFT JOIN review_scores s ON s.review_id = r.id
         LEFT JOIN reference_review_criteria_v rc ON rc.code = s.criterion_code
        WHERE ${where.join(' AND ')}
        GROUP BY r.id, u.name, u.email, o.code
        ORDER BY r.proposal_id, r.round, r.submitted_at, r.id`,
      params,
    );
    return rows.map((row) => toStoredReview(row, facts instanceof Map ? facts.get(row.proposal_id) : facts));
  }

  /** One page of the member's review queue (REVIEW_QUEUE_SQL). */
  queue(
    db: SqlRunner,
    member: { id: string; organizationId: string | null },
    page: { page: number; pageSize: number },
  ) {
    return sqlRows<QueueRow>(db, REVIEW_QUEUE_SQL, [
      member.id,
      member.organizationId,
      page.pageSize,
      offsetOf(page),
    ]);
  }
}

function toStoredReview(row: ReviewRow, recusal: RecusalFacts | undefined): StoredReview {
  return {
    id: row.id,
    proposalId: row.proposal_id,
    round: row.round,
    reviewer: { id: row.reviewer_id, name: row.name, email: row.email, organizationCode: row.org_code },
    reviewerOrgId: row.reviewer_org_id,
    recommendation: row.recommendation,
    comment: row.comment,
    scores: row.scores,
    submittedAt: new Date(row.submitted_at),
    counted: recusal
      ? reviewCounts({ reviewerId: row.reviewer_id, reviewerOrgId: row.reviewer_org_id }, recusal)
      : true,
  };
}
