import { EntityManager } from 'typeorm';
import { ProposalStatus } from '@mptf/proposals';
import { Member, RecusalFacts, reviewCounts } from './queue-rules';
import { CriterionScore, Recommendation, ScoredReview } from './scoring';

/** A proposal as review needs it: state, round and who is recused. */
export interface ReviewFacts extends RecusalFacts {
  id: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  reviewRound: number;
  reviewDueDate: string | null;
}

export async function loadReviewFacts(
  manager: EntityManager,
  proposalId: string,
): Promise<ReviewFacts | null> {
  const rows = (await manager.query(
    `SELECT p.id, p.reference, p.title, p.status, p.review_round, p.convener_org_id,
            to_char(p.review_due_date, 'YYYY-MM-DD') AS review_due_date,
            array(SELECT po.organization_id FROM proposal_organizations po WHERE po.proposal_id = p.id) AS organization_ids,
            array(SELECT c.user_id FROM review_conflicts c WHERE c.proposal_id = p.id) AS conflict_user_ids
       FROM proposals p WHERE p.id = $1`,
    [proposalId],
  )) as {
    id: string;
    reference: string;
    title: string;
    status: ProposalStatus;
    review_round: number;
    convener_org_id: string;
    review_due_date: string | null;
    organization_ids: string[];
    conflict_user_ids: string[];
  }[];
  if (!rows.length) return null;
  const [row] = rows;
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: row.status,
    reviewRound: row.review_round,
    reviewDueDate: row.review_due_date,
    convenerOrgId: row.convener_org_id,
    organizationIds: row.organization_ids,
    conflictUserIds: row.conflict_user_ids,
  };
}

/** The active users holding SC_CHAIR, as the recusal rule needs them. */
export async function loadActiveChairs(manager: EntityManager): Promise<Member[]> {
  const rows = (await manager.query(
    `SELECT id, organization_id FROM users WHERE active AND 'SC_CHAIR' = ANY(roles) ORDER BY id`,
  )) as { id: string; organization_id: string | null }[];
  return rows.map((row) => ({ id: row.id, organizationId: row.organization_id }));
}

export interface CriterionRow {
  code: string;
  title: string;
  weight: number;
}

export async function loadCriteria(manager: EntityManager): Promise<CriterionRow[]> {
  return (await manager.query(
    'SELECT code, title, weight FROM review_criteria ORDER BY position, code',
  )) as CriterionRow[];
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

/** The reviews of proposals (in `rounds`, or every round), counted or not per the recusal rule. */
export async function loadReviews(
  manager: EntityManager,
  facts: Map<string, RecusalFacts> | RecusalFacts,
  filter: { proposalIds: string[]; round?: number; currentRoundOnly?: boolean },
): Promise<StoredReview[]> {
  if (filter.proposalIds.length === 0) return [];
  const params: unknown[] = [filter.proposalIds];
  let where = 'r.proposal_id = ANY($1)';
  if (filter.round !== undefined) {
    params.push(filter.round);
    where += ` AND r.round = $${params.length}`;
  }
  if (filter.currentRoundOnly) where += ' AND r.round = p.review_round';
  const rows = (await manager.query(
    `SELECT r.id, r.proposal_id, r.round, r.reviewer_id, r.reviewer_org_id, r.recommendation, r.comment,
            r.submitted_at, u.name, u.email, o.code AS org_code,
            coalesce(json_agg(json_build_object('criterionCode', s.criterion_code, 'weight', s.weight, 'score', s.score)
                     ORDER BY rc.position, s.criterion_code) FILTER (WHERE s.review_id IS NOT NULL), '[]') AS scores
       FROM reviews r
       JOIN proposals p ON p.id = r.proposal_id
       JOIN users u ON u.id = r.reviewer_id
       LEFT JOIN organizations o ON o.id = r.reviewer_org_id
       LEFT JOIN review_scores s ON s.review_id = r.id
       LEFT JOIN review_criteria rc ON rc.code = s.criterion_code
      WHERE ${where}
      GROUP BY r.id, u.name, u.email, o.code
      ORDER BY r.proposal_id, r.round, r.submitted_at, r.id`,
    params,
  )) as {
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
  }[];
  return rows.map((row) => {
    const recusal = facts instanceof Map ? facts.get(row.proposal_id) : facts;
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
  });
}

/** Adds `days` to a YYYY-MM-DD date (UTC). */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/**
 * SQL for a proposal's requested total in cents (direct + indirect per PUNO at the proposal's own
 * rate, rounded half away from zero like `applyRate`), as a correlated subquery on alias `p`.
 */
export const PROPOSAL_TOTAL_SQL = `(SELECT coalesce(sum(d.direct + round(d.direct * p.indirect_rate)), 0)::bigint
    FROM (SELECT sum(bl.amount) AS direct FROM proposal_budget_lines bl
           WHERE bl.proposal_id = p.id AND bl.category_code <= 7 GROUP BY bl.organization_id) d)`;
