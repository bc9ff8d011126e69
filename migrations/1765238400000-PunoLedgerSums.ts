import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each PUNO's programme money in `source` (ledger rows), one row per programme and PUNO. */
const sumsOf = (source: string) => `
  SELECT proposal_id, organization_id,
         coalesce(sum(amount) FILTER (WHERE kind = 'ALLOCATION'), 0),
         coalesce(sum(amount) FILTER (WHERE kind = 'TRANSFER'), 0),
         coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0),
         coalesce(sum(amount) FILTER (WHERE kind = 'EXPENDITURE'), 0)
    FROM ${source}
   WHERE proposal_id IS NOT NULL AND kind IN ('ALLOCATION','TRANSFER','REFUND','EXPENDITURE')
   GROUP BY proposal_id, organization_id`;

/**
 * Each PUNO's programme money (allocated, transferred, refunded, spent), kept by the database as
 * the ledger grows. Every portfolio breakdown, programme list and fund report summed the whole
 * ledger per request (a third of `/portfolio`'s time at 1,000 programmes). The ledger is
 * append-only (corrections are new entries of the opposite sign), so the sums only ever add: an
 * AFTER INSERT statement trigger adds what a statement inserted, in its transaction, taking the
 * rows' locks in key order so concurrent writers of the same PUNOs cannot deadlock.
 */
export class PunoLedgerSums1765238400000 implements MigrationInterface {
  name = 'PunoLedgerSums1765238400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE puno_ledger_sums (
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        allocated bigint NOT NULL,
        transferred bigint NOT NULL,
        refunded bigint NOT NULL,
        expenditure bigint NOT NULL,
        PRIMARY KEY (proposal_id, organization_id)
      );

      CREATE FUNCTION puno_ledger_sums_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO puno_ledger_sums AS s (proposal_id, organization_id, allocated, transferred, refunded, expenditure)
        ${sumsOf('changed_rows')}
         ORDER BY proposal_id, organization_id
        ON CONFLICT (proposal_id, organization_id) DO UPDATE
           SET allocated = s.allocated + EXCLUDED.allocated,
               transferred = s.transferred + EXCLUDED.transferred,
               refunded = s.refunded + EXCLUDED.refunded,
               expenditure = s.expenditure + EXCLUDED.expenditure;
        RETURN NULL;
      END $$;

      CREATE TRIGGER ledger_entries_puno_sums AFTER INSERT ON ledger_entries
        REFERENCING NEW TABLE AS changed_rows
        FOR EACH STATEMENT EXECUTE FUNCTION puno_ledger_sums_after_insert();

      INSERT INTO puno_ledger_sums (proposal_id, organization_id, allocated, transferred, refunded, expenditure)
      ${sumsOf('ledger_entries')};
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER ledger_entries_puno_sums ON ledger_entries;
      DROP FUNCTION puno_ledger_sums_after_insert();
      DROP TABLE puno_ledger_sums;
    `);
  }
}
