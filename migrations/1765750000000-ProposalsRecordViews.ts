import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the proposals lib lets other libs read of its tables (finance, results): one view per
 * table, column for column, so a join across libs stays one statement (PostgreSQL inlines a
 * simple view: the plans are those of the tables), and the proposals lib may change its tables
 * behind them. Locking through a view locks the proposal row (`FOR SHARE OF p`).
 * - proposals_record_v: a proposal's own columns (no search vector, no markers);
 * - proposals_puno_v, proposals_country_v, proposals_objective_v: its PUNOs (in order), countries
 *   and GCM objectives;
 * - proposals_puno_budget_v: each PUNO's budgeted direct costs (categories 1–7; indirect costs
 *   are the proposal's rate of them);
 * - proposals_status_change_v: its status timeline.
 */
export class ProposalsRecordViews1765750000000 implements MigrationInterface {
  name = 'ProposalsRecordViews1765750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW proposals_record_v AS
        SELECT id, reference, title, summary, stage, scope, status, version, thematic_area_code, convener_org_id,
               duration_months, indirect_rate, start_date, submitted_at, created_at, updated_at
          FROM proposals;
      CREATE VIEW proposals_puno_v AS
        SELECT proposal_id, organization_id, position FROM proposal_organizations;
      CREATE VIEW proposals_country_v AS
        SELECT proposal_id, country_code FROM proposal_countries;
      CREATE VIEW proposals_objective_v AS
        SELECT proposal_id, gcm_objective_code FROM proposal_objectives;
      CREATE VIEW proposals_puno_budget_v AS
        SELECT proposal_id, organization_id, sum(amount) AS direct
          FROM proposal_budget_lines WHERE category_code <= 7
         GROUP BY proposal_id, organization_id;
      CREATE VIEW proposals_status_change_v AS
        SELECT proposal_id, from_status, to_status, occurred_at FROM proposal_status_changes;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP VIEW proposals_status_change_v;
      DROP VIEW proposals_puno_budget_v;
      DROP VIEW proposals_objective_v;
      DROP VIEW proposals_country_v;
      DROP VIEW proposals_puno_v;
      DROP VIEW proposals_record_v;
    `);
  }
}
