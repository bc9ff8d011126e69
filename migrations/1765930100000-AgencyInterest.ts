import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'COMMITMENT','DEPOSIT','AA_FEE','INTEREST','OTHER_INCOME',
  'ALLOCATION','TRANSFER','REFUND','EXPENDITURE','DIRECT_COST','BANK_CHARGE'`;

/**
 * Interest earned by agencies (issue 17): a ledger kind AGENCY_INTEREST, recorded by the AA for
 * one PUNO (organization_id; no programme, no donor). It is no source of funds with the AA and
 * in no balance: the donor reports and /fund/status show it beside the PUNOs' money.
 */
export class AgencyInterest1765930100000 implements MigrationInterface {
  name = 'AgencyInterest1765930100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
      ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN (${KINDS}, 'AGENCY_INTEREST'));
      ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_agency_interest_check
        CHECK (kind <> 'AGENCY_INTEREST' OR (organization_id IS NOT NULL AND proposal_id IS NULL AND donor_org_id IS NULL));
      CREATE INDEX ledger_entries_agency_interest_idx ON ledger_entries (organization_id, year)
        WHERE kind = 'AGENCY_INTEREST';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    // The ledger is append-only: with agency interest recorded, the kind check refuses to go back.
    await db.query(`
      DROP INDEX ledger_entries_agency_interest_idx;
      ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_agency_interest_check;
      ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
      ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN (${KINDS}));
    `);
  }
}
