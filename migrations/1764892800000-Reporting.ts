import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Donor report runs: one row per requested (or scheduled) report, the state of its background
 * job, the file it produced and the snapshot it was computed from; one row per processing start,
 * so a run processed twice would show.
 */
export class Reporting1764892800000 implements MigrationInterface {
  name = 'Reporting1764892800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('ANNUAL_CONSOLIDATED','CONTRIBUTOR_STATEMENT','PROGRAMME_FACTSHEET','DECISION_PACK')),
        format text NOT NULL CHECK (format IN ('pdf','csv','xlsx')),
        parameters jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(parameters) = 'object'),
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED','RUNNING','SUCCEEDED','FAILED')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        trigger text NOT NULL DEFAULT 'USER' CHECK (trigger IN ('USER','SCHEDULE')),
        requested_by uuid REFERENCES users(id),
        -- A client's Idempotency-Key: one run per user and key.
        idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
        -- A scheduled run's slot ('ANNUAL_CONSOLIDATED:2025'): one run per slot.
        schedule_key text UNIQUE,
        -- Donor scoping reads this; kept as a column so the list query is indexed.
        donor_code text GENERATED ALWAYS AS (parameters->>'donorCode') STORED,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        storage_key text UNIQUE,
        file_name text,
        content_type text,
        bytes bigint CHECK (bytes >= 0),
        pages integer CHECK (pages >= 0),
        sha256 char(64) CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        -- What the run was computed from: snapshot time, row counts, data fingerprint.
        source jsonb,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT report_runs_requester CHECK ((trigger = 'USER') = (requested_by IS NOT NULL)),
        CONSTRAINT report_runs_schedule CHECK ((trigger = 'SCHEDULE') = (schedule_key IS NOT NULL)),
        CONSTRAINT report_runs_file CHECK (
          status <> 'SUCCEEDED' OR (storage_key IS NOT NULL AND bytes IS NOT NULL AND sha256 IS NOT NULL AND finished_at IS NOT NULL)
        )
      );
      CREATE UNIQUE INDEX report_runs_idempotency_idx ON report_runs (requested_by, idempotency_key)
        WHERE idempotency_key IS NOT NULL;
      CREATE INDEX report_runs_created_idx ON report_runs (created_at DESC, id);
      CREATE INDEX report_runs_status_idx ON report_runs (status, created_at DESC);
      CREATE INDEX report_runs_type_idx ON report_runs (type, created_at DESC);
      CREATE INDEX report_runs_donor_idx ON report_runs (donor_code, created_at DESC) WHERE donor_code IS NOT NULL;

      -- Every time a worker starts processing a run (a retry or a crash recovery adds one).
      CREATE TABLE report_run_attempts (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES report_runs(id) ON DELETE CASCADE,
        job_attempt integer NOT NULL,
        worker text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        outcome text CHECK (outcome IN ('SUCCEEDED','FAILED','SKIPPED')),
        error text
      );
      CREATE INDEX report_run_attempts_run_idx ON report_run_attempts (run_id, started_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE report_run_attempts;
      DROP TABLE report_runs;
    `);
  }
}
