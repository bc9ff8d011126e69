import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The views house-core's migrations IdentityViews, ReferenceViews and ProposalsViews
 * (1765700000000–1765700200000, issue 16) define, copied verbatim so this branch reads identity,
 * reference data and proposals through those exports before the branches meet. WHEN MERGING WITH
 * house-core: keep theirs and drop this migration (both create the same views, so running both
 * fails at once rather than drifting).
 */
export class HouseCoreOwnerViews1765750000000 implements MigrationInterface {
  name = 'HouseCoreOwnerViews1765750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW identity_organizations_v AS
        SELECT id, code, name, acronym, type, country_code, active FROM organizations;
      CREATE VIEW identity_users_v AS
        SELECT id, email, name, roles, organization_id, active FROM users;
    
      CREATE VIEW reference_countries_v AS
        SELECT code, alpha2, name, region, region_code, sub_region FROM countries;
      CREATE VIEW reference_thematic_areas_v AS
        SELECT code, title, short_title FROM thematic_areas;
      CREATE VIEW reference_gcm_objectives_v AS
        SELECT code, title, short_title FROM gcm_objectives;
      CREATE VIEW reference_area_objectives_v AS
        SELECT thematic_area_code, gcm_objective_code FROM thematic_area_objectives;
      CREATE VIEW reference_review_criteria_v AS
        SELECT code, title, description, weight, position FROM review_criteria;
    
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
      DROP VIEW reference_review_criteria_v;
      DROP VIEW reference_area_objectives_v;
      DROP VIEW reference_gcm_objectives_v;
      DROP VIEW reference_thematic_areas_v;
      DROP VIEW reference_countries_v;
      DROP VIEW identity_users_v; DROP VIEW identity_organizations_v;
    `);
  }
}
