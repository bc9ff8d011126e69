import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What other libs may read of the proposals lib's tables inside their own statements, as views
 * (issue 16). Plain projections, folded by PostgreSQL into the statements that use them: the
 * review queue's plan is the one it had on the tables (tests/review/review-queue-plan.e2e-spec.ts).
 * A column of the summary that a statement does not read costs nothing.
 */
export class ProposalsViews1765700200000 implements MigrationInterface {
  name = 'ProposalsViews1765700200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW proposals_summary_v AS
        SELECT p.id, p.reference, p.title, p.summary, p.status, p.version, p.stage, p.scope, p.thematic_area_code,
               p.convener_org_id, p.duration_months, p.indirect_rate, p.review_round, p.review_due_date,
               p.start_date, p.submitted_at, p.created_at,
               -- The requested total in cents: per PUNO, its direct costs (categories 1-7) plus indirect
               -- costs at the proposal's own rate, rounded half away from zero like budget.ts.
               (SELECT coalesce(sum(d.direct + round(d.direct * p.indirect_rate)), 0)::bigint
                  FROM (SELECT sum(bl.amount) AS direct FROM proposal_budget_lines bl
                         WHERE bl.proposal_id = p.id AND bl.category_code <= 7
                         GROUP BY bl.organization_id) d) AS requested_total
          FROM proposals p;
      -- The participating UN organizations (PUNOs) of each proposal, in the proposal's order.
      CREATE VIEW proposals_participants_v AS
        SELECT proposal_id, organization_id, position FROM proposal_organizations;
      CREATE VIEW proposals_countries_v AS
        SELECT proposal_id, country_code FROM proposal_countries;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP VIEW proposals_countries_v;
      DROP VIEW proposals_participants_v;
      DROP VIEW proposals_summary_v;
    `);
  }
}
