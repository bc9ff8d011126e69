import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fund finance: one append-only ledger of every money movement (US$ cents), the expenditure
 * submissions that group expenditure entries, and the single row that serializes everything that
 * takes money out of the fund. Balances are never stored: they are sums over the ledger.
 */
export class Finance1764720000000 implements MigrationInterface {
  name = 'Finance1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Allocations, transfers and charges lock this one row (SELECT … FOR UPDATE), so concurrent
      -- requests see each other's money and the fund can never give out more than it holds.
      CREATE TABLE fund_locks (
        id smallint PRIMARY KEY CHECK (id = 1),
        note text NOT NULL DEFAULT 'the Migration MPTF'
      );
      INSERT INTO fund_locks (id) VALUES (1);

      -- One row per annual expenditure submission of one PUNO on one programme; a resubmission of
      -- the same year is a new version whose entries reverse the previous version's.
      CREATE TABLE expenditure_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        version integer NOT NULL CHECK (version >= 1),
        submitted_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (proposal_id, organization_id, year, version)
      );

      CREATE TABLE ledger_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Posting order (uuids do not sort).
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        kind text NOT NULL CHECK (kind IN ('COMMITMENT','DEPOSIT','AA_FEE','INTEREST','OTHER_INCOME',
          'ALLOCATION','TRANSFER','REFUND','EXPENDITURE','DIRECT_COST','BANK_CHARGE')),
        entry_date date NOT NULL,
        -- Reporting year: the entry date's year, or the year an expenditure is reported for.
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        -- US$ cents; negative only on a reversal (an entry that corrects another).
        amount bigint NOT NULL CHECK (amount <> 0),
        currency char(3) CHECK (currency ~ '^[A-Z]{3}$'),
        original_amount bigint CHECK (original_amount <> 0),
        exchange_rate numeric(20,10) CHECK (exchange_rate > 0),
        donor_org_id uuid REFERENCES organizations(id),
        proposal_id uuid REFERENCES proposals(id),
        organization_id uuid REFERENCES organizations(id),
        budget_category_code smallint REFERENCES budget_categories(code),
        earmark_thematic_area_code smallint REFERENCES thematic_areas(code),
        expenditure_report_id uuid REFERENCES expenditure_reports(id),
        -- The entry this one belongs to (an AA fee → its deposit).
        related_entry_id uuid REFERENCES ledger_entries(id),
        -- The entry this one corrects; a correction is a new entry, never an update.
        corrects_entry_id uuid REFERENCES ledger_entries(id),
        reference text,
        description text,
        actor_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (amount > 0 OR corrects_entry_id IS NOT NULL),
        CHECK (kind NOT IN ('COMMITMENT','DEPOSIT') OR (donor_org_id IS NOT NULL AND currency IS NOT NULL
          AND original_amount IS NOT NULL AND exchange_rate IS NOT NULL AND proposal_id IS NULL)),
        CHECK (kind <> 'AA_FEE' OR (donor_org_id IS NOT NULL AND related_entry_id IS NOT NULL)),
        CHECK (kind NOT IN ('ALLOCATION','TRANSFER','REFUND','EXPENDITURE')
          OR (proposal_id IS NOT NULL AND organization_id IS NOT NULL)),
        CHECK (kind <> 'EXPENDITURE' OR (budget_category_code IS NOT NULL AND expenditure_report_id IS NOT NULL)),
        CHECK (kind IN ('COMMITMENT','DEPOSIT') OR (currency IS NULL AND original_amount IS NULL AND exchange_rate IS NULL))
      );
      CREATE INDEX ledger_entries_kind_year_idx ON ledger_entries (kind, year);
      CREATE INDEX ledger_entries_programme_idx ON ledger_entries (proposal_id, organization_id, kind)
        WHERE proposal_id IS NOT NULL;
      CREATE INDEX ledger_entries_donor_idx ON ledger_entries (donor_org_id, kind, entry_date)
        WHERE donor_org_id IS NOT NULL;
      CREATE INDEX ledger_entries_related_idx ON ledger_entries (related_entry_id) WHERE related_entry_id IS NOT NULL;
      CREATE INDEX ledger_entries_report_idx ON ledger_entries (expenditure_report_id)
        WHERE expenditure_report_id IS NOT NULL;
      -- An entry is corrected at most once.
      CREATE UNIQUE INDEX ledger_entries_corrects_idx ON ledger_entries (corrects_entry_id)
        WHERE corrects_entry_id IS NOT NULL;
      -- A donor's agreement/deposit reference identifies one contribution.
      CREATE UNIQUE INDEX ledger_entries_reference_idx ON ledger_entries (kind, reference)
        WHERE reference IS NOT NULL AND corrects_entry_id IS NULL;

      CREATE FUNCTION finance_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: record a correcting entry instead', TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
        FOR EACH ROW EXECUTE FUNCTION finance_append_only();
      CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
        FOR EACH STATEMENT EXECUTE FUNCTION finance_append_only();
      CREATE TRIGGER expenditure_reports_no_change BEFORE UPDATE OR DELETE ON expenditure_reports
        FOR EACH ROW EXECUTE FUNCTION finance_append_only();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE ledger_entries;
      DROP TABLE expenditure_reports;
      DROP FUNCTION finance_append_only();
      DROP TABLE fund_locks;
    `);
  }
}
