import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review round is part of the proposal's lifecycle, so the proposals lib owns it (issue 16):
 * the trigger the Review migration put on `proposals` is redefined here by the table's owner,
 * with the same rule. Every way into UNDER_REVIEW (a status change, or a row inserted in that
 * status by a data load) starts a new round, so reviews of an earlier round never count again.
 */
export class ProposalReviewRound1765700300000 implements MigrationInterface {
  name = 'ProposalReviewRound1765700300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER proposals_review_round ON proposals;
      DROP FUNCTION proposals_review_round();
      CREATE FUNCTION proposal_next_review_round() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'UNDER_REVIEW' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'UNDER_REVIEW') THEN
          NEW.review_round := CASE WHEN TG_OP = 'INSERT' THEN NEW.review_round ELSE OLD.review_round END + 1;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER proposal_review_round BEFORE INSERT OR UPDATE OF status ON proposals
        FOR EACH ROW EXECUTE FUNCTION proposal_next_review_round();
      COMMENT ON COLUMN proposals.review_round IS
        'Entries into UNDER_REVIEW so far (trigger proposal_review_round, owned by the proposals lib)';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      COMMENT ON COLUMN proposals.review_round IS NULL;
      DROP TRIGGER proposal_review_round ON proposals;
      DROP FUNCTION proposal_next_review_round();
      CREATE FUNCTION proposals_review_round() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'UNDER_REVIEW' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'UNDER_REVIEW') THEN
          NEW.review_round := CASE WHEN TG_OP = 'INSERT' THEN NEW.review_round ELSE OLD.review_round END + 1;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER proposals_review_round BEFORE INSERT OR UPDATE OF status ON proposals
        FOR EACH ROW EXECUTE FUNCTION proposals_review_round();
    `);
  }
}
