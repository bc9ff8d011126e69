import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the finance lib lets other libs read of its tables (results, review, reporting):
 * - finance_puno_money_v: each PUNO's money on a programme (allocated, transferred, refunded,
 *   spent), the one PUNO-money sum: `puno_ledger_sums`, which the database keeps as the ledger
 *   grows (migration PunoLedgerSums);
 * - finance_programme_money_v: the same per programme;
 * - finance_programme_entry_v: the ledger's entries on programmes (allocations, transfers, refunds,
 *   expenditure, and the entries reversing them), for what needs the movements themselves.
 */
export class FinanceMoneyViews1765750100000 implements MigrationInterface {
  name = 'FinanceMoneyViews1765750100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE VIEW finance_puno_money_v AS
        SELECT proposal_id, organization_id, allocated, transferred, refunded, expenditure FROM puno_ledger_sums;
      CREATE VIEW finance_programme_money_v AS
        SELECT proposal_id, sum(allocated) AS allocated, sum(transferred) AS transferred,
               sum(refunded) AS refunded, sum(expenditure) AS expenditure
          FROM puno_ledger_sums GROUP BY proposal_id;
      CREATE VIEW finance_programme_entry_v AS
        SELECT id, seq, kind, entry_date, year, amount, proposal_id, organization_id, budget_category_code,
               expenditure_report_id, corrects_entry_id
          FROM ledger_entries WHERE proposal_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP VIEW finance_programme_entry_v;
      DROP VIEW finance_programme_money_v;
      DROP VIEW finance_puno_money_v;
    `);
  }
}
