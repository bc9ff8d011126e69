import { MigrationInterface, QueryRunner } from 'typeorm';

const SEARCH_VECTOR = `setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'B')`;

/**
 * The proposals' full-text column (`search`) was a stored generated column. PostgreSQL 15
 * recomputes stored generated columns on every UPDATE of a table with a BEFORE ROW UPDATE
 * trigger (it cannot tell what the trigger changes), and `proposals` has one
 * (`proposal_review_round`): every status change (submit, screening, decisions, finance) parsed
 * the title and summary into a tsvector again. The column is now kept by triggers that run when a
 * row is inserted or its title or summary (or the column itself) is written with another value, so
 * a status change leaves it alone; its values and its GIN index stay as they are. The column still
 * always equals the same expression (`tests/proposals/proposal-search-column.e2e-spec.ts`).
 */
export class ProposalSearchTrigger1766300000000 implements MigrationInterface {
  name = 'ProposalSearchTrigger1766300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE proposals ALTER COLUMN search DROP EXPRESSION;
      CREATE FUNCTION proposal_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search := ${SEARCH_VECTOR};
        RETURN NEW;
      END $$;
      CREATE TRIGGER proposal_search_insert BEFORE INSERT ON proposals
        FOR EACH ROW EXECUTE FUNCTION proposal_search_vector();
      CREATE TRIGGER proposal_search_update BEFORE UPDATE OF title, summary, search ON proposals
        FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.summary IS DISTINCT FROM NEW.summary
                           OR OLD.search IS DISTINCT FROM NEW.search)
        EXECUTE FUNCTION proposal_search_vector();
      COMMENT ON COLUMN proposals.search IS
        'Full-text vector of title (A) and summary (B), kept by triggers proposal_search_insert/_update (not recomputed on status changes)';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER proposal_search_update ON proposals;
      DROP TRIGGER proposal_search_insert ON proposals;
      DROP FUNCTION proposal_search_vector();
      ALTER TABLE proposals DROP COLUMN search;
      ALTER TABLE proposals ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(summary, '')), 'B')
      ) STORED;
      CREATE INDEX proposals_search_idx ON proposals USING gin (search);
    `);
  }
}
