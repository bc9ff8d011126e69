import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the fund's documents say about who publishes them: the Administrative Agent's name (donor
 * reports), the IATI organisation identifier of the fund (null: the IATI_ORG_PREFIX setting),
 * and the contact e-mail and website the IATI activities carry. Two views for the IATI export:
 * the proposals' markers (policy markers) and the donors' contributions (the fund's activity).
 */
export class FundPublisherSettings1765820000000 implements MigrationInterface {
  name = 'FundPublisherSettings1765820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE fund_settings
        ADD COLUMN administrative_agent_name text NOT NULL DEFAULT 'UNDP Multi-Partner Trust Fund Office'
          CHECK (length(btrim(administrative_agent_name)) BETWEEN 1 AND 200),
        ADD COLUMN iati_organisation_id text
          CHECK (iati_organisation_id ~ '^[A-Za-z0-9]{2,}-[A-Za-z0-9]+-[^\\s/&|?]+$'),
        ADD COLUMN contact_email text CHECK (contact_email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
        ADD COLUMN website text DEFAULT 'https://migrationnetwork.un.org/mptf'
          CHECK (website ~ '^https?://[^\\s]+$');
      CREATE VIEW proposals_markers_v AS
        SELECT id AS proposal_id, marker_gender, marker_human_rights, marker_child_sensitivity FROM proposals;
      CREATE VIEW finance_contribution_entry_v AS
        SELECT id, kind, entry_date, amount, currency, original_amount, donor_org_id, corrects_entry_id
          FROM ledger_entries WHERE kind IN ('COMMITMENT', 'DEPOSIT');
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP VIEW finance_contribution_entry_v;
      DROP VIEW proposals_markers_v;
      ALTER TABLE fund_settings
        DROP COLUMN website, DROP COLUMN contact_email, DROP COLUMN iati_organisation_id,
        DROP COLUMN administrative_agent_name;
    `);
  }
}
