import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  BindParam,
  offsetOf,
  orderByOf,
  positionalParams,
  searchPatterns,
  sqlRow,
  sqlRows,
} from '@mptf/platform';
import { DataSource, EntityManager, In, QueryRunner } from 'typeorm';
import { ReportRun, ReportSource } from './report-run.entity';
import {
  AttemptOutcome,
  ReportFormat,
  ReportParameters,
  ReportStatus,
  ReportTrigger,
  ReportType,
} from './report-types';

export interface NewReportRun {
  type: ReportType;
  format: ReportFormat;
  parameters: ReportParameters;
  trigger: ReportTrigger;
  requestedBy: string | null;
  idempotencyKey: string | null;
  scheduleKey: string | null;
  /** Set on the runs of one batch request (POST /reports/batches). */
  batchId?: string | null;
}

/** `GET /reports`: optional type and status, one page. */
export interface ReportListQuery {
  type?: ReportType;
  status?: ReportStatus;
  /** Type, format, status, file name or a parameter (donor, year); prefixes match. */
  q?: string;
  /** `field` or `-field`, several comma-separated (REPORT_RUN_SORT_FIELDS). */
  sort?: string;
  page: number;
  pageSize: number;
}

/** What the report run list sorts by, and the column each sorts on. */
export const REPORT_RUN_SORT_FIELDS: Record<string, string> = {
  createdAt: 'r.created_at',
  type: 'r.type',
  format: 'r.format',
  status: 'r.status',
  progress: 'r.progress',
  startedAt: 'r.started_at',
  finishedAt: 'r.finished_at',
  pages: 'r.pages',
  bytes: 'r.bytes',
  fileName: 'lower(r.file_name)',
};

/** What a finished run records about its file. */
export interface RunOutput {
  storageKey: string;
  fileName: string;
  contentType: string;
  bytes: number;
  pages: number | null;
  sha256: string;
  source: ReportSource;
}

/** Runs still waiting or being worked on: the ones a failure or a claim may still change. */
const UNFINISHED = [ReportStatus.QUEUED, ReportStatus.RUNNING];

/**
 * The report run aggregate's SQL: `report_runs` and its `report_run_attempts`. Status changes are
 * conditional on the current status, so a repeat or a race changes nothing twice.
 */
@Injectable()
export class ReportRunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(id: string, manager: EntityManager = this.dataSource.manager): Promise<ReportRun | null> {
    return manager.findOne(ReportRun, { where: { id } });
  }

  /** A run known to exist (in the caller's transaction). */
  get(id: string, manager: EntityManager): Promise<ReportRun> {
    return manager.findOneOrFail(ReportRun, { where: { id } });
  }

  byIdempotencyKey(userId: string, key: string): Promise<ReportRun | null> {
    return this.dataSource.manager.findOne(ReportRun, {
      where: { requestedBy: userId, idempotencyKey: key },
    });
  }

  /**
   * One page of runs, newest first, among those `readable` (an SQL condition on alias `r`) lets
   * through; read through `manager` when given (an export's snapshot).
   */
  async list(
    filter: ReportListQuery,
    readable: (bind: BindParam) => string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<[ReportRun[], number]> {
    const params: unknown[] = [];
    const bind = positionalParams(params);
    const where = [readable(bind)];
    if (filter.type) where.push(`r.type = ${bind(filter.type)}`);
    if (filter.status) where.push(`r.status = ${bind(filter.status)}`);
    const search = searchPatterns(filter.q);
    if (search) {
      const prefix = bind(search.prefix);
      // The type is matched in words ("statement" finds CONTRIBUTOR_STATEMENT); file names by part (trigram index).
      where.push(
        `(replace(lower(r.type), '_', ' ') LIKE ${prefix} OR replace(lower(r.type), '_', ' ') LIKE ${bind(`% ${search.prefix}`)}
          OR lower(r.format) = ${bind(search.term)} OR lower(r.status) LIKE ${prefix}
          OR lower(r.file_name) LIKE ${bind(search.contains)}
          OR lower(r.parameters->>'donorCode') = ${bind(search.term)} OR r.parameters->>'year' = ${bind(search.term)})`,
      );
    }
    const condition = where.join(' AND ');
    const sorted = orderByOf(filter.sort, REPORT_RUN_SORT_FIELDS).map((term) => `${term} NULLS LAST`);
    const total = await sqlRow<{ total: number }>(
      manager,
      `SELECT count(*)::int AS total FROM report_runs r WHERE ${condition}`,
      params,
    );
    const ids = await sqlRows<{ id: string }>(
      manager,
      `SELECT r.id FROM report_runs r WHERE ${condition}
        ORDER BY ${[...sorted, 'r.created_at DESC', 'r.id DESC'].join(', ')}
        LIMIT ${bind(filter.pageSize)} OFFSET ${bind(offsetOf(filter))}`,
      params,
    );
    const runs = await manager.find(ReportRun, {
      where: { id: In(ids.map((row) => row.id)) },
    });
    const byId = new Map(runs.map((run) => [run.id, run]));
    return [ids.flatMap((row) => byId.get(row.id) ?? []), total?.total ?? 0];
  }

  /** Creates a run (QUEUED); null when its schedule key already has one. */
  async insert(manager: EntityManager, run: NewReportRun): Promise<ReportRun | null> {
    const row = await sqlRow<{ id: string }>(
      manager,
      `INSERT INTO report_runs (type, format, parameters, trigger, requested_by, idempotency_key, schedule_key, batch_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (schedule_key) DO NOTHING RETURNING id`,
      [
        run.type,
        run.format,
        JSON.stringify(run.parameters),
        run.trigger,
        run.requestedBy,
        run.idempotencyKey,
        run.scheduleKey,
        run.batchId ?? null,
      ],
    );
    return row ? this.get(row.id, manager) : null;
  }

  /** Serializes one user's run requests until the transaction ends. */
  async lockRunsOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`report-runs:${userId}`]);
  }

  /** How many of the user's runs are queued or running (a batch's runs count as their batch). */
  async activeRunsOf(manager: EntityManager, userId: string): Promise<number> {
    const row = await sqlRow<{ active: number }>(
      manager,
      `SELECT count(*)::int AS active FROM report_runs
        WHERE requested_by = $1 AND status = ANY($2) AND batch_id IS NULL`,
      [userId, UNFINISHED],
    );
    return row?.active ?? 0;
  }

  /** A batch of the user's with runs still queued or running, or null. */
  async unfinishedBatchOf(manager: EntityManager, userId: string): Promise<string | null> {
    const row = await sqlRow<{ batch_id: string }>(
      manager,
      `SELECT batch_id FROM report_runs
        WHERE requested_by = $1 AND status = ANY($2) AND batch_id IS NOT NULL LIMIT 1`,
      [userId, UNFINISHED],
    );
    return row?.batch_id ?? null;
  }

  /** FAILED → QUEUED with its progress and error cleared; false when the run was not FAILED. */
  async requeueFailed(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await sqlRows(
      manager,
      `UPDATE report_runs SET status = $2, progress = 0, error = NULL, started_at = NULL,
              finished_at = NULL, updated_at = now()
        WHERE id = $1 AND status = $3 RETURNING id`,
      [id, ReportStatus.QUEUED, ReportStatus.FAILED],
    );
    return rows.length > 0;
  }

  /** A QUEUED run whose job could not be queued becomes FAILED (retryable). */
  async failQueued(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE report_runs SET status = $2, error = $3, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status = $4`,
      [id, ReportStatus.FAILED, error, ReportStatus.QUEUED],
    );
  }

  // ---- the worker's side ----------------------------------------------------------------

  /** Session-level lock on the run, held on `lock`'s connection until unlocked or the connection ends. */
  async tryLock(lock: QueryRunner, runId: string): Promise<boolean> {
    const row = await sqlRow<{ locked: boolean }>(
      lock,
      `SELECT pg_try_advisory_lock(hashtextextended('report_run:' || $1, 0)) AS locked`,
      [runId],
    );
    return row?.locked ?? false;
  }

  async unlockAll(lock: QueryRunner): Promise<void> {
    await lock.query('SELECT pg_advisory_unlock_all()');
  }

  /** QUEUED or RUNNING → RUNNING with one more attempt; false when the run is in another state. */
  async claim(runId: string): Promise<boolean> {
    const rows = await sqlRows(
      this.dataSource,
      `UPDATE report_runs SET status = $2, progress = 0, attempts = attempts + 1,
              started_at = now(), finished_at = NULL, updated_at = now()
        WHERE id = $1 AND status = ANY($3) RETURNING id`,
      [runId, ReportStatus.RUNNING, UNFINISHED],
    );
    return rows.length > 0;
  }

  async recordAttempt(runId: string, attempt: number, worker: string): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      this.dataSource,
      `INSERT INTO report_run_attempts (run_id, job_attempt, worker) VALUES ($1, $2, $3) RETURNING id`,
      [runId, attempt, worker],
    );
    if (!row) throw new Error('report run attempt insert returned nothing');
    return row.id;
  }

  async setProgress(runId: string, percent: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE report_runs SET progress = $2, updated_at = now() WHERE id = $1 AND status = $3`,
      [runId, percent, ReportStatus.RUNNING],
    );
  }

  /**
   * RUNNING → SUCCEEDED with its file, and the attempt closed, in one transaction; `also` runs in
   * it (who is told).
   */
  async succeed(
    runId: string,
    attemptId: string,
    output: RunOutput,
    also?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE report_runs SET status = $9, progress = 100, storage_key = $2, file_name = $3,
                content_type = $4, bytes = $5, pages = $6, sha256 = $7, source = $8, error = NULL,
                finished_at = now(), updated_at = now()
          WHERE id = $1 AND status = $10`,
        [
          runId,
          output.storageKey,
          output.fileName,
          output.contentType,
          output.bytes,
          output.pages,
          output.sha256,
          JSON.stringify(output.source),
          ReportStatus.SUCCEEDED,
          ReportStatus.RUNNING,
        ],
      );
      await manager.query(`UPDATE report_run_attempts SET finished_at = now(), outcome = $2 WHERE id = $1`, [
        attemptId,
        AttemptOutcome.SUCCEEDED,
      ]);
      await also?.(manager);
    });
  }

  /**
   * A failed attempt: back to QUEUED for another try, or FAILED when it was the last; the
   * attempt (when one was recorded) closed with the error; `whenFailed` runs in the transaction
   * when the run became FAILED here (who is told).
   */
  async fail(
    runId: string,
    attemptId: string | null,
    error: string,
    final: boolean,
    whenFailed?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    const status = final ? ReportStatus.FAILED : ReportStatus.QUEUED;
    await this.dataSource.transaction(async (manager) => {
      const changed = await sqlRows(
        manager,
        `UPDATE report_runs SET status = $2, error = $3, progress = 0, updated_at = now(),
                finished_at = ${final ? 'now()' : 'NULL'}
          WHERE id = $1 AND status = ANY($4) RETURNING id`,
        [runId, status, error, UNFINISHED],
      );
      if (final && changed.length) await whenFailed?.(manager);
      if (attemptId)
        await manager.query(
          `UPDATE report_run_attempts SET finished_at = now(), outcome = $3, error = $2 WHERE id = $1`,
          [attemptId, error, AttemptOutcome.FAILED],
        );
    });
  }
}
