import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fund's current indirect-cost rate as a reference view, so a proposal's create reads it in
 * the statement that checks the input's codes (one round trip fewer on every create) rather than
 * reading the whole settings row again inside its transaction.
 */
export class ReferenceFundRateView1765920000000 implements MigrationInterface {
  name = 'ReferenceFundRateView1765920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE VIEW reference_fund_rates_v AS SELECT indirect_rate FROM fund_settings WHERE id = 1`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW reference_fund_rates_v`);
  }
}
