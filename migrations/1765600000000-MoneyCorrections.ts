import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money corrections and input bounds.
 * - Fund settings: the fund's inception date (no money entry may be dated before it) and the
 *   largest amount one entry may carry (a mistyped 9,999,999,999,999.99 is refused, not booked).
 * - Expenditure reports: a report may be reversed by a new version that names it and a reason;
 *   a unique index makes that happen at most once, also under concurrent requests.
 * - Ledger: a reversing entry must mirror the entry it corrects (same kind, opposite amount),
 *   give a reason, and may not correct a correction. The services check all of this first; the
 *   trigger keeps the ledger honest whatever writes to it.
 * - A donor reference names one standing contribution: a reversed one frees it for the corrected
 *   entry. An index cannot see "not reversed" (another row), so the unique index becomes a plain
 *   one and the service checks under an advisory lock per reference.
 * - Report runs: each user's active (queued or running) runs are counted on every request.
 */
export class MoneyCorrections1765600000000 implements MigrationInterface {
  name = 'MoneyCorrections1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE fund_settings
        ADD COLUMN inception_date date NOT NULL DEFAULT '2019-01-01' CHECK (inception_date >= '2000-01-01'),
        ADD COLUMN max_entry_amount bigint NOT NULL DEFAULT 100000000000 CHECK (max_entry_amount > 0);

      ALTER TABLE expenditure_reports
        ADD COLUMN reverses_report_id uuid REFERENCES expenditure_reports(id),
        ADD COLUMN reason text,
        ADD CONSTRAINT expenditure_reports_reversal_reason CHECK ((reverses_report_id IS NULL) = (reason IS NULL));
      CREATE UNIQUE INDEX expenditure_reports_reverses_idx ON expenditure_reports (reverses_report_id)
        WHERE reverses_report_id IS NOT NULL;

      CREATE INDEX report_runs_active_idx ON report_runs (requested_by) WHERE status IN ('QUEUED', 'RUNNING');

      DROP INDEX ledger_entries_reference_idx;
      CREATE INDEX ledger_entries_reference_idx ON ledger_entries (kind, reference)
        WHERE reference IS NOT NULL AND corrects_entry_id IS NULL;

      CREATE FUNCTION ledger_correction_mirrors() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE original ledger_entries%ROWTYPE;
      BEGIN
        SELECT * INTO original FROM ledger_entries WHERE id = NEW.corrects_entry_id;
        IF original.corrects_entry_id IS NOT NULL THEN
          RAISE EXCEPTION 'a correcting entry cannot itself be corrected' USING ERRCODE = 'check_violation';
        END IF;
        IF original.kind <> NEW.kind OR original.amount <> -NEW.amount THEN
          RAISE EXCEPTION 'a correcting entry must have the kind and the opposite amount of the entry it corrects'
            USING ERRCODE = 'check_violation';
        END IF;
        IF coalesce(btrim(NEW.description), '') = '' THEN
          RAISE EXCEPTION 'a correcting entry must give its reason' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER ledger_entries_correction_mirrors BEFORE INSERT ON ledger_entries
        FOR EACH ROW WHEN (NEW.corrects_entry_id IS NOT NULL) EXECUTE FUNCTION ledger_correction_mirrors();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER ledger_entries_correction_mirrors ON ledger_entries;
      DROP FUNCTION ledger_correction_mirrors();
      DROP INDEX report_runs_active_idx;
      DROP INDEX ledger_entries_reference_idx;
      CREATE UNIQUE INDEX ledger_entries_reference_idx ON ledger_entries (kind, reference)
        WHERE reference IS NOT NULL AND corrects_entry_id IS NULL;
      DROP INDEX expenditure_reports_reverses_idx;
      ALTER TABLE expenditure_reports DROP CONSTRAINT expenditure_reports_reversal_reason,
        DROP COLUMN reason, DROP COLUMN reverses_report_id;
      ALTER TABLE fund_settings DROP COLUMN max_entry_amount, DROP COLUMN inception_date;
    `);
  }
}
