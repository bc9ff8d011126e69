import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proposal references (`MIG-<year>-<NNNN>`) are numbered by one sequence per year instead of a
 * counter row. The row was locked until its transaction committed, so creates numbered it in a
 * statement and a commit of their own; `nextval` takes no lock, so the number is now drawn in the
 * statement that inserts the proposal. As before, a create that fails leaves a gap, never a
 * duplicate.
 */
export class ProposalReferenceSequences1765324800000 implements MigrationInterface {
  name = 'ProposalReferenceSequences1765324800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The sequence of a year's numbers, created by the first proposal of the year.
      CREATE FUNCTION proposal_number_sequence(year integer) RETURNS regclass LANGUAGE plpgsql AS $$
      DECLARE
        name text := 'proposal_reference_' || year;
        sequence regclass := to_regclass(name);
      BEGIN
        IF sequence IS NULL THEN
          -- Two first proposals of a year: the second waits here, then finds the first's sequence.
          PERFORM pg_advisory_xact_lock(hashtext(name));
          EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', name);
          sequence := name::regclass;
        END IF;
        RETURN sequence;
      END $$;

      CREATE FUNCTION next_proposal_reference(year integer) RETURNS text LANGUAGE sql AS $$
        SELECT 'MIG-' || year || '-' || lpad(n::text, greatest(4, length(n::text)), '0')
          FROM (SELECT nextval(proposal_number_sequence(year)) AS n) AS drawn
      $$;

      SELECT setval(proposal_number_sequence(year), last_number) FROM proposal_reference_counters;
      DROP TABLE proposal_reference_counters;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE proposal_reference_counters (
        year smallint PRIMARY KEY,
        last_number integer NOT NULL
      );
      INSERT INTO proposal_reference_counters (year, last_number)
      SELECT substr(sequencename, length('proposal_reference_') + 1)::smallint, last_value
        FROM pg_sequences
       WHERE schemaname = current_schema() AND sequencename ~ '^proposal_reference_[0-9]+$'
         AND last_value IS NOT NULL;
    `);
    const sequences = (await db.query(
      `SELECT sequencename FROM pg_sequences
        WHERE schemaname = current_schema() AND sequencename ~ '^proposal_reference_[0-9]+$'`,
    )) as { sequencename: string }[];
    for (const { sequencename } of sequences) await db.query(`DROP SEQUENCE "${sequencename}"`);
    await db.query(`
      DROP FUNCTION next_proposal_reference(integer);
      DROP FUNCTION proposal_number_sequence(integer);
    `);
  }
}
