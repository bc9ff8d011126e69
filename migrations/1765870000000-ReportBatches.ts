import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches of report runs ("statements for all donors" as one request) and the parts their runs
 * share: the fund-level part of a contributor statement is computed once per batch and snapshot
 * of the ledger, stored here, and read by every worker process running the batch's jobs.
 */
export class ReportBatches1765870000000 implements MigrationInterface {
  name = 'ReportBatches1765870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE report_runs ADD COLUMN batch_id uuid`);
    await queryRunner.query(
      `CREATE INDEX report_runs_batch_idx ON report_runs (batch_id) WHERE batch_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE report_shared_parts (
        batch_id uuid NOT NULL,
        part text NOT NULL,
        -- What the part was computed from (e.g. the ledger's state in its snapshot): a run reuses
        -- it only when its own snapshot has the same.
        version text NOT NULL,
        snapshot_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (batch_id, part)
      )`);
    await queryRunner.query(
      `CREATE INDEX report_shared_parts_created_idx ON report_shared_parts (created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE report_shared_parts`);
    await queryRunner.query(`DROP INDEX report_runs_batch_idx`);
    await queryRunner.query(`ALTER TABLE report_runs DROP COLUMN batch_id`);
  }
}
