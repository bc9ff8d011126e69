import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Results: the fund-level results framework, each proposal's results matrix (outcomes, outputs,
 * indicators with baselines and targets per period) and the periodic actuals with their
 * disaggregation. Indicator and result rows keep their ids across matrix edits (upsert by key), so
 * actuals, which hang on an indicator and a period, survive an edit.
 */
export class Results1764806400000 implements MigrationInterface {
  name = 'Results1764806400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE fund_indicators (
        code text PRIMARY KEY CHECK (code ~ '^FI-[0-9]{1,2}\\.[0-9]{1,2}$'),
        thematic_area_code smallint NOT NULL REFERENCES thematic_areas(code),
        title text NOT NULL CHECK (length(title) > 0),
        description text NOT NULL DEFAULT '',
        measure text NOT NULL CHECK (measure IN ('UNIT','PERCENTAGE','NOMINAL','ORDINAL','QUALITATIVE')),
        unit text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX fund_indicators_area_idx ON fund_indicators (thematic_area_code, code);

      -- Outcomes and the outputs under them; key is the author's stable handle within the matrix.
      CREATE TABLE matrix_results (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        key text NOT NULL,
        type text NOT NULL CHECK (type IN ('OUTCOME','OUTPUT')),
        title text NOT NULL,
        parent_id uuid REFERENCES matrix_results(id),
        position smallint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (proposal_id, key),
        CHECK ((type = 'OUTCOME') = (parent_id IS NULL))
      );
      CREATE INDEX matrix_results_parent_idx ON matrix_results (parent_id);

      -- proposal_id is repeated from the result so roll-ups join indicators to programmes directly.
      CREATE TABLE indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposal_id uuid NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        result_id uuid NOT NULL REFERENCES matrix_results(id) ON DELETE CASCADE,
        key text NOT NULL,
        title text NOT NULL,
        measure text NOT NULL CHECK (measure IN ('UNIT','PERCENTAGE','NOMINAL','ORDINAL','QUALITATIVE')),
        ascending boolean NOT NULL,
        unit text,
        fund_indicator_code text REFERENCES fund_indicators(code) ON UPDATE CASCADE,
        baseline_year smallint NOT NULL CHECK (baseline_year BETWEEN 1900 AND 2200),
        baseline_value numeric(20,4),
        position smallint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (proposal_id, key),
        CHECK (measure = 'QUALITATIVE' OR baseline_value IS NOT NULL)
      );
      CREATE INDEX indicators_result_idx ON indicators (result_id, position);
      CREATE INDEX indicators_fund_indicator_idx ON indicators (fund_indicator_code, proposal_id)
        WHERE fund_indicator_code IS NOT NULL;

      CREATE TABLE indicator_objectives (
        indicator_id uuid NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        gcm_objective_code smallint NOT NULL REFERENCES gcm_objectives(code),
        PRIMARY KEY (indicator_id, gcm_objective_code)
      );
      CREATE INDEX indicator_objectives_objective_idx ON indicator_objectives (gcm_objective_code, indicator_id);

      -- A target per reporting period; the periods of an indicator are its reporting periods.
      CREATE TABLE indicator_targets (
        indicator_id uuid NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        period_start date NOT NULL,
        period_end date NOT NULL,
        value numeric(20,4),
        PRIMARY KEY (indicator_id, period_start),
        CHECK (period_end >= period_start)
      );
      CREATE INDEX indicator_targets_end_idx ON indicator_targets (period_end, indicator_id);

      -- ON DELETE RESTRICT: an indicator with actuals is only removed after its unapproved actuals
      -- are deleted explicitly; approved ones block the removal (409 in the service).
      CREATE TABLE indicator_actuals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        indicator_id uuid NOT NULL REFERENCES indicators(id) ON DELETE RESTRICT,
        proposal_id uuid NOT NULL REFERENCES proposals(id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        value numeric(20,4),
        narrative text NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','APPROVED','RETURNED')),
        review_comment text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES users(id),
        UNIQUE (indicator_id, period_start, period_end),
        CHECK (period_end >= period_start)
      );
      CREATE INDEX indicator_actuals_proposal_idx ON indicator_actuals (proposal_id, period_end);
      CREATE INDEX indicator_actuals_queue_idx ON indicator_actuals (status, submitted_at, id);
      CREATE INDEX indicator_actuals_approved_idx ON indicator_actuals (indicator_id, period_end)
        INCLUDE (period_start, value) WHERE status = 'APPROVED';

      CREATE TABLE actual_disaggregations (
        actual_id uuid NOT NULL REFERENCES indicator_actuals(id) ON DELETE CASCADE,
        dimension text NOT NULL,
        category text NOT NULL,
        value numeric(20,4) NOT NULL,
        position smallint NOT NULL,
        PRIMARY KEY (actual_id, dimension, category)
      );

      -- An approved actual is locked: the service answers 409, this is the backstop.
      CREATE FUNCTION indicator_actuals_locked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'approved actual % is locked', OLD.id USING ERRCODE = 'integrity_constraint_violation';
      END $$;
      CREATE TRIGGER indicator_actuals_no_change_when_approved BEFORE UPDATE OR DELETE ON indicator_actuals
        FOR EACH ROW WHEN (OLD.status = 'APPROVED') EXECUTE FUNCTION indicator_actuals_locked();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER indicator_actuals_no_change_when_approved ON indicator_actuals;
      DROP FUNCTION indicator_actuals_locked();
      DROP TABLE actual_disaggregations;
      DROP TABLE indicator_actuals;
      DROP TABLE indicator_targets;
      DROP TABLE indicator_objectives;
      DROP TABLE indicators;
      DROP TABLE matrix_results;
      DROP TABLE fund_indicators;
    `);
  }
}
