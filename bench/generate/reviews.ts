import { Client } from 'pg';
import { ProgressLine } from '../lib/progress';

/**
 * Review rounds: every proposal that has been under review gets, for its latest round, one
 * scorecard (recommendation and a score per criterion) from each Steering Committee member who is
 * not recused (not one of its PUNOs); of the proposals still under review, a third have been
 * reviewed by the members already, so the review queue's anti-join has rows to skip.
 */
export async function insertReviews(db: Client, progress: ProgressLine): Promise<void> {
  progress.update('review rounds');
  // Rows past review were inserted in their final status, which the round trigger does not see.
  await db.query(
    `UPDATE proposals SET review_round = 1
      WHERE review_round = 0
        AND status IN ('PIPELINE','REVISION_REQUESTED','REJECTED','APPROVED','ACTIVE','OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED')`,
  );
  await db.query(
    `INSERT INTO reviews (proposal_id, round, reviewer_id, reviewer_org_id, recommendation, comment, submitted_at)
     SELECT p.id, p.review_round, u.id, u.organization_id,
            (ARRAY['APPROVE','REVISE','REJECT'])[1 + pg_temp.rnd(g.n, 40, 3)], 'Generated review',
            coalesce(p.submitted_at, p.created_at) + interval '20 days'
       FROM g_plan g
       JOIN proposals p ON p.id = g.id
       JOIN users u ON 'SC_MEMBER' = ANY (u.roles) AND u.active
      WHERE p.review_round >= 1
        AND (p.status <> 'UNDER_REVIEW' OR g.n % 3 = 0)
        AND NOT EXISTS (SELECT 1 FROM proposal_organizations po
                         WHERE po.proposal_id = p.id AND po.organization_id = u.organization_id)`,
  );
  await db.query(
    `INSERT INTO review_scores (review_id, criterion_code, weight, score)
     SELECT r.id, c.code, c.weight, 1 + (abs(hashtext(r.id::text || c.code)) % 5)
       FROM reviews r CROSS JOIN review_criteria c`,
  );
}
