import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake details on top of the proposals schema: the indirect rate a proposal's budget was last
 * computed with (frozen at submission, so a later settings change never rewrites a submitted
 * budget), and the index behind the default list order.
 */
export class ProposalIntake1764633600000 implements MigrationInterface {
  name = 'ProposalIntake1764633600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE proposals ADD COLUMN indirect_rate numeric(6,4);
      UPDATE proposals SET indirect_rate = COALESCE((SELECT indirect_rate FROM fund_settings WHERE id = 1), 0.07);
      ALTER TABLE proposals
        ALTER COLUMN indirect_rate SET NOT NULL,
        ADD CONSTRAINT proposals_indirect_rate_check CHECK (indirect_rate >= 0 AND indirect_rate < 1),
        ADD CONSTRAINT proposals_title_check CHECK (char_length(btrim(title)) BETWEEN 1 AND 300),
        ADD CONSTRAINT proposals_endorsement_date_check
          CHECK (government_endorsement_date IS NULL OR government_endorsed IS NOT NULL);
      CREATE INDEX proposals_created_idx ON proposals (created_at DESC, reference DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX proposals_created_idx;
      ALTER TABLE proposals
        DROP CONSTRAINT proposals_endorsement_date_check,
        DROP CONSTRAINT proposals_title_check,
        DROP CONSTRAINT proposals_indirect_rate_check,
        DROP COLUMN indirect_rate;
    `);
  }
}
