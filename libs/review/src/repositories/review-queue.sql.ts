import { ProposalStatus } from '@mptf/proposals';

/**
 * The review queue, one statement over review's tables and the proposals lib's views (folded by
 * PostgreSQL into the plan on its tables). $1 = the member's user id, $2 = their organization id
 * (or null), $3 = page size, $4 = offset. Proposals under review are found through an index on status
 * (the partial proposals_review_due_idx or proposals_status_idx), the member's reviews through
 * reviews_reviewer_idx, declared conflicts through their primary key, the PUNO check through
 * proposal_organizations_org_idx and the total (of the page's rows only) through the budget lines'
 * primary key. The plan on a generated portfolio of 20,000 proposals (400 under review), 40,000
 * PUNO rows, 80,000 budget lines and ~50,000 reviews, after ANALYZE (PostgreSQL 15; checked by
 * tests/review/review-queue-plan.e2e-spec.ts, run it with PRINT_PLAN=1 to see it):
 *
 *   Limit -> Result (the requested total, SubPlan, for the page's rows only:
 *              Aggregate -> GroupAggregate -> Bitmap Index Scan on proposal_budget_lines_pkey)
 *     -> Sort (review_due_date, id)
 *        -> Nested Loop Anti Join
 *           -> Hash Anti Join (p.id = r.proposal_id AND p.review_round = r.round)
 *              -> Bitmap Heap Scan on proposals p
 *                   Filter: convener_org_id <> $2 AND NOT (hashed SubPlan: Bitmap Index Scan
 *                           on proposal_organizations_org_idx)
 *                 -> Bitmap Index Scan on proposals_status_idx (status = 'UNDER_REVIEW')
 *              -> Hash -> Bitmap Heap Scan on reviews r -> Bitmap Index Scan on reviews_reviewer_idx
 *           -> Index Only Scan using review_conflicts_pkey on review_conflicts c
 *
 * No sequential scan at any size: the work grows with the proposals under review and the
 * member's own reviews, not with the portfolio.
 */
export const REVIEW_QUEUE_SQL = `
  SELECT p.id AS proposal_id, p.reference, p.title, p.thematic_area_code,
         to_char(p.review_due_date, 'YYYY-MM-DD') AS review_due_date, p.review_round,
         p.requested_total::text AS total
    FROM proposals_summary_v p
   WHERE p.status = '${ProposalStatus.UNDER_REVIEW}'
     AND NOT EXISTS (SELECT 1 FROM reviews r
                      WHERE r.proposal_id = p.id AND r.round = p.review_round AND r.reviewer_id = $1)
     AND NOT EXISTS (SELECT 1 FROM review_conflicts c WHERE c.proposal_id = p.id AND c.user_id = $1)
     AND ($2::uuid IS NULL OR (p.convener_org_id <> $2::uuid AND NOT EXISTS (
           SELECT 1 FROM proposals_participants_v po WHERE po.proposal_id = p.id AND po.organization_id = $2::uuid)))
   ORDER BY p.review_due_date, p.id
   LIMIT $3 OFFSET $4`;
