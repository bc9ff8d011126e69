import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An approved budget revision that moves money between PUNOs re-posts their allocations: one
 * ALLOCATION entry per PUNO whose share changes (negative for a PUNO that loses money), naming the
 * revision (`revision_id`: the programmes lib's programme_revisions, no foreign key as finance sits
 * below it). At most one entry per revision and PUNO, so a reallocation is posted exactly once.
 */
export class RevisionReallocation1765971000000 implements MigrationInterface {
  name = 'RevisionReallocation1765971000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE ledger_entries ADD COLUMN revision_id uuid`);
    // The unnamed "positive unless a correction" check of migration Finance, found by its text.
    await db.query(`
      DO $$
      DECLARE name text;
      BEGIN
        SELECT conname INTO STRICT name FROM pg_constraint
         WHERE conrelid = 'ledger_entries'::regclass AND contype = 'c'
           AND pg_get_constraintdef(oid) LIKE '%amount > 0%corrects_entry_id IS NOT NULL%';
        EXECUTE format('ALTER TABLE ledger_entries DROP CONSTRAINT %I', name);
      END $$`);
    await db.query(`
      ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_positive_check
        CHECK (amount > 0 OR corrects_entry_id IS NOT NULL OR (kind = 'ALLOCATION' AND revision_id IS NOT NULL))`);
    await db.query(`
      ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_revision_kind_check
        CHECK (revision_id IS NULL OR (kind = 'ALLOCATION' AND proposal_id IS NOT NULL AND organization_id IS NOT NULL))`);
    await db.query(`
      CREATE UNIQUE INDEX ledger_entries_revision_idx ON ledger_entries (revision_id, organization_id)
        WHERE revision_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ledger_entries_revision_idx`);
    await db.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_revision_kind_check`);
    await db.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_positive_check`);
    await db.query(`ALTER TABLE ledger_entries ADD CHECK (amount > 0 OR corrects_entry_id IS NOT NULL)`);
    await db.query(`ALTER TABLE ledger_entries DROP COLUMN revision_id`);
  }
}
