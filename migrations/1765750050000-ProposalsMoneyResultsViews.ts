import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What finance and results read of the proposals lib's tables beyond its views of migration
 * ProposalsViews (summary, participants, countries), as views of the proposals lib: plain
 * projections, folded by PostgreSQL into the statements that use them.
 * - proposals_objectives_v: a proposal's GCM objectives;
 * - proposals_participant_budgets_v: each PUNO's budgeted direct costs (categories 1–7; indirect
 *   costs are the proposal's rate of them);
 * - proposals_status_changes_v: its status timeline;
 * - proposals_updated_at_v: when its row last changed (IATI's last-updated date).
 */
export class ProposalsMoneyResultsViews1765750050000 implements MigrationInterface {
  name = 'ProposalsMoneyResultsViews1765750050000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW proposals_objectives_v AS
        SELECT proposal_id, gcm_objective_code FROM proposal_objectives;
      CREATE VIEW proposals_participant_budgets_v AS
        SELECT proposal_id, organization_id, sum(amount) AS direct
          FROM proposal_budget_lines WHERE category_code <= 7
         GROUP BY proposal_id, organization_id;
      CREATE VIEW proposals_status_changes_v AS
        SELECT proposal_id, from_status, to_status, occurred_at FROM proposal_status_changes;
      CREATE VIEW proposals_updated_at_v AS
        SELECT id AS proposal_id, updated_at FROM proposals;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP VIEW proposals_updated_at_v;
      DROP VIEW proposals_status_changes_v;
      DROP VIEW proposals_participant_budgets_v;
      DROP VIEW proposals_objectives_v;
    `);
  }
}
