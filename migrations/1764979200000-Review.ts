import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Steering Committee review: review rounds on proposals, declared conflicts of interest,
 * scorecards, meetings with their agendas, the append-only decision record and the pipeline rank.
 */
export class Review1764979200000 implements MigrationInterface {
  name = 'Review1764979200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The review round: 1 for the first time a proposal is under review, +1 on every re-entry
      -- (a resubmission after RETURNED or REVISION_REQUESTED). Kept by a trigger, so every way
      -- into UNDER_REVIEW starts a new round and reviews of an earlier round never count again.
      ALTER TABLE proposals ADD COLUMN review_round integer NOT NULL DEFAULT 0 CHECK (review_round >= 0);
      UPDATE proposals p SET review_round = GREATEST(
        (SELECT count(*) FROM proposal_status_changes c WHERE c.proposal_id = p.id AND c.to_status = 'UNDER_REVIEW'),
        CASE WHEN p.status IN ('UNDER_REVIEW','PIPELINE','APPROVED','ACTIVE','OPERATIONALLY_CLOSED','FINANCIALLY_CLOSED','REJECTED') THEN 1 ELSE 0 END);

      CREATE FUNCTION proposals_review_round() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'UNDER_REVIEW' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'UNDER_REVIEW') THEN
          NEW.review_round := CASE WHEN TG_OP = 'INSERT' THEN NEW.review_round ELSE OLD.review_round END + 1;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER proposals_review_round BEFORE INSERT OR UPDATE OF status ON proposals
        FOR EACH ROW EXECUTE FUNCTION proposals_review_round();

      -- Reviews, decisions and conflicts are a record: corrections are new rows, never edits.
      CREATE FUNCTION review_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$;

      -- A member's declared conflict of interest (automatic recusal for PUNO members is derived).
      CREATE TABLE review_conflicts (
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        user_id uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL CHECK (char_length(btrim(reason)) BETWEEN 1 AND 2000),
        declared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (proposal_id, user_id)
      );
      CREATE TRIGGER review_conflicts_no_change BEFORE UPDATE OR DELETE ON review_conflicts
        FOR EACH ROW EXECUTE FUNCTION review_append_only();

      -- One scorecard per member per proposal per round.
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        round integer NOT NULL CHECK (round >= 1),
        reviewer_id uuid NOT NULL REFERENCES users(id),
        -- The reviewer's organization when reviewing (recusal is judged against it).
        reviewer_org_id uuid REFERENCES organizations(id),
        recommendation text NOT NULL CHECK (recommendation IN ('APPROVE','REVISE','REJECT')),
        comment text NOT NULL CHECK (char_length(comment) <= 10000),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        -- Serves the review queue's anti-join and the one-review-per-round rule.
        UNIQUE (proposal_id, round, reviewer_id)
      );
      CREATE INDEX reviews_reviewer_idx ON reviews (reviewer_id, proposal_id, round);
      CREATE TRIGGER reviews_no_change BEFORE UPDATE OR DELETE ON reviews
        FOR EACH ROW EXECUTE FUNCTION review_append_only();

      -- The weight is copied from review_criteria at submission: editing the criteria later never
      -- rewrites a past score.
      CREATE TABLE review_scores (
        review_id uuid NOT NULL REFERENCES reviews(id),
        criterion_code text NOT NULL REFERENCES review_criteria(code),
        weight smallint NOT NULL CHECK (weight BETWEEN 0 AND 100),
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        PRIMARY KEY (review_id, criterion_code)
      );
      CREATE TRIGGER review_scores_no_change BEFORE UPDATE OR DELETE ON review_scores
        FOR EACH ROW EXECUTE FUNCTION review_append_only();

      CREATE TABLE sc_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (char_length(btrim(title)) BETWEEN 1 AND 300),
        meeting_date date NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sc_meetings_date_idx ON sc_meetings (meeting_date DESC, created_at DESC);

      CREATE TABLE sc_meeting_agenda (
        meeting_id uuid NOT NULL REFERENCES sc_meetings(id),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        position smallint NOT NULL CHECK (position >= 1),
        PRIMARY KEY (meeting_id, proposal_id),
        UNIQUE (meeting_id, position)
      );
      CREATE INDEX sc_meeting_agenda_proposal_idx ON sc_meeting_agenda (proposal_id);

      -- The Steering Committee's decisions, as the chair records them: append-only.
      CREATE TABLE sc_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        meeting_id uuid REFERENCES sc_meetings(id),
        round integer NOT NULL CHECK (round >= 0),
        from_status text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('APPROVED','PIPELINE','REVISION_REQUESTED','REJECTED')),
        justification text NOT NULL CHECK (char_length(btrim(justification)) BETWEEN 1 AND 10000),
        conditions text CHECK (conditions IS NULL OR char_length(conditions) <= 10000),
        total_allocated bigint NOT NULL DEFAULT 0 CHECK (total_allocated >= 0),
        decided_by uuid NOT NULL REFERENCES users(id),
        decided_at timestamptz NOT NULL DEFAULT now(),
        CHECK (outcome = 'APPROVED' OR total_allocated = 0),
        CHECK (outcome <> 'APPROVED' OR total_allocated > 0)
      );
      CREATE INDEX sc_decisions_proposal_idx ON sc_decisions (proposal_id, decided_at);
      CREATE INDEX sc_decisions_meeting_idx ON sc_decisions (meeting_id) WHERE meeting_id IS NOT NULL;
      CREATE TRIGGER sc_decisions_no_change BEFORE UPDATE OR DELETE ON sc_decisions
        FOR EACH ROW EXECUTE FUNCTION review_append_only();
      CREATE TRIGGER sc_decisions_no_truncate BEFORE TRUNCATE ON sc_decisions
        FOR EACH STATEMENT EXECUTE FUNCTION review_append_only();

      -- The allocation per PUNO an approval made, linked to its ledger entry.
      CREATE TABLE sc_decision_allocations (
        decision_id uuid NOT NULL REFERENCES sc_decisions(id),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        amount bigint NOT NULL CHECK (amount > 0),
        ledger_entry_id uuid NOT NULL UNIQUE REFERENCES ledger_entries(id),
        PRIMARY KEY (decision_id, organization_id)
      );
      CREATE TRIGGER sc_decision_allocations_no_change BEFORE UPDATE OR DELETE ON sc_decision_allocations
        FOR EACH ROW EXECUTE FUNCTION review_append_only();

      -- The rank of endorsed-but-unfunded programmes (status PIPELINE); re-ranked by the FMU.
      CREATE TABLE pipeline_ranks (
        proposal_id uuid PRIMARY KEY REFERENCES proposals(id),
        rank integer NOT NULL CHECK (rank >= 1),
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pipeline_ranks_rank_key UNIQUE (rank) DEFERRABLE INITIALLY DEFERRED
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE pipeline_ranks;
      DROP TABLE sc_decision_allocations;
      DROP TABLE sc_decisions;
      DROP TABLE sc_meeting_agenda;
      DROP TABLE sc_meetings;
      DROP TABLE review_scores;
      DROP TABLE reviews;
      DROP TABLE review_conflicts;
      DROP FUNCTION review_append_only();
      DROP TRIGGER proposals_review_round ON proposals;
      DROP FUNCTION proposals_review_round();
      ALTER TABLE proposals DROP COLUMN review_round;
    `);
  }
}
