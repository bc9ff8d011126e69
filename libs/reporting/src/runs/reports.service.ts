import { ReportNarrativesService } from '../narratives/report-narratives.service';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { OrganizationNamesReader } from '@mptf/identity';
import {
  AppConfig,
  ArtifactStorage,
  ConflictError,
  DomainError,
  ErrorCode,
  ForbiddenError,
  InvalidStateError,
  JobProducer,
  NotFoundError,
  RuleViolationError,
  Page,
  pageOf,
  ValidationError,
} from '@mptf/platform';
import { ProgrammeProfilesReader } from '@mptf/proposals';
import { MeetingsService } from '@mptf/review';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { defaultStatementDonor, mayGenerate, mayRead, readableRunsCondition } from '../reporting-access';
import { ReportRun, ReportRunView, toRunView } from './report-run.entity';
import { ReportListQuery, ReportRunsRepository } from './report-runs.repository';
import {
  canonicalParameters,
  normalizeParameters,
  ReportFormat,
  ReportParameters,
  ReportStatus,
  ReportTrigger,
  ReportType,
} from './report-types';

export interface ReportRequest {
  type: ReportType;
  format: ReportFormat;
  parameters?: ReportParameters;
}

export type { ReportListQuery } from './report-runs.repository';
export { REPORT_RUN_SORT_FIELDS } from './report-runs.repository';

export interface ReportFile {
  stream: Readable;
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/** A run the schedule wants: `scheduleKey` makes creating it idempotent. */
export interface ScheduledRunRequest {
  scheduleKey: string;
  type: ReportType;
  format: ReportFormat;
  parameters: ReportParameters;
}

const SCHEDULER: AuditActor = { id: null, email: null };

/**
 * The producer side of donor reports: records runs, enqueues their jobs, shows their state and
 * serves their files. It never renders (the worker does, through ReportGenerator).
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: ReportRunsRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
    private readonly storage: ArtifactStorage,
    private readonly config: AppConfig,
    private readonly organizations: OrganizationNamesReader,
    private readonly programmes: ProgrammeProfilesReader,
    private readonly meetings: MeetingsService,
    private readonly narratives: ReportNarrativesService,
  ) {}

  /**
   * Records a run (QUEUED) and enqueues its job. With an idempotency key, a repeat by the same
   * user returns the first run (`created: false`); the same key for a different request is a 409.
   */
  async request(
    user: AuthUser,
    input: ReportRequest,
    idempotencyKey?: string,
  ): Promise<{ run: ReportRunView; created: boolean }> {
    const raw = { ...(input.parameters ?? {}) };
    // A donor's statement is its own unless it names another donor (which is then refused).
    if (input.type === ReportType.CONTRIBUTOR_STATEMENT && !raw.donorCode)
      raw.donorCode = defaultStatementDonor(user) ?? undefined;
    const { parameters, problems } = normalizeParameters(input.type, raw);
    if (problems.length)
      throw new ValidationError(
        problems.map((p) => `${p.field} ${p.message}`).join('; '),
        problems.map((p) => ({ field: p.field, message: p.message })),
      );
    if (!mayGenerate(user, input.type, parameters))
      throw new ForbiddenError(
        input.type === ReportType.CONTRIBUTOR_STATEMENT
          ? 'A donor viewer may generate only its own organization’s contributor statement'
          : `Your roles do not allow generating ${input.type} reports`,
      );

    if (idempotencyKey) {
      const existing = await this.runs.byIdempotencyKey(user.id, idempotencyKey);
      if (existing)
        return { run: this.sameRequest(existing, input.type, input.format, parameters), created: false };
    }
    await this.checkSubjects(parameters);

    let run: ReportRun;
    try {
      run = await this.dataSource.transaction(async (manager) => {
        await this.runs.lockRunsOf(manager, user.id);
        const created = await this.runs.insert(manager, {
          type: input.type,
          format: input.format,
          parameters,
          trigger: ReportTrigger.USER,
          requestedBy: user.id,
          idempotencyKey: idempotencyKey ?? null,
          scheduleKey: null,
        });
        if (!created) throw new Error('report run insert returned nothing');
        // Counted after the insert, so a concurrent repeat of one idempotency key meets the
        // unique index first (and gets the first run back) rather than the limit.
        await this.refuseTooManyRuns(manager, user.id);
        await this.audit.record(manager, {
          actor: user,
          action: 'report.request',
          entityType: 'report_run',
          entityId: created.id,
          after: { type: created.type, format: created.format, parameters: created.parameters },
        });
        return created;
      });
    } catch (error) {
      // Two concurrent requests with one key: the loser returns the winner's run.
      if (idempotencyKey && (error as { code?: string }).code === '23505') {
        const existing = await this.runs.byIdempotencyKey(user.id, idempotencyKey);
        if (existing)
          return { run: this.sameRequest(existing, input.type, input.format, parameters), created: false };
      }
      throw error;
    }
    await this.enqueue(run);
    return { run: toRunView(run), created: true };
  }

  async get(user: AuthUser, id: string): Promise<ReportRunView> {
    return toRunView(await this.visibleRun(user, id));
  }

  /** The runs the user may read; through `manager` when given (an export's snapshot). */
  async list(user: AuthUser, query: ReportListQuery, manager?: EntityManager): Promise<Page<ReportRunView>> {
    const [items, total] = await this.runs.list(query, (bind) => readableRunsCondition(user, bind), manager);
    return pageOf(items.map(toRunView), total, query);
  }

  /** The finished file, checked like the run itself; 409 naming the state while it is not ready. */
  async openFile(user: AuthUser, id: string): Promise<ReportFile> {
    const run = await this.visibleRun(user, id);
    if (run.status !== ReportStatus.SUCCEEDED || !run.storageKey)
      throw new InvalidStateError('report', run.status, 'download the file of');
    return {
      stream: await this.storage.open(run.storageKey, `report ${id}`),
      fileName: run.fileName ?? `${run.id}.${run.format}`,
      contentType: run.contentType ?? 'application/octet-stream',
      bytes: run.bytes ?? 0,
      sha256: run.sha256 ?? '',
    };
  }

  /** Puts a FAILED run back in the queue with a fresh set of attempts. */
  async retry(user: AuthUser, id: string): Promise<ReportRunView> {
    const current = await this.visibleRun(user, id);
    if (!mayGenerate(user, current.type, current.parameters))
      throw new ForbiddenError('You may not generate this report');
    const run = await this.dataSource.transaction(async (manager) => {
      await this.runs.lockRunsOf(manager, current.requestedBy ?? user.id);
      if (!(await this.runs.requeueFailed(manager, id))) {
        const status = (await this.runs.get(id, manager)).status;
        throw new InvalidStateError('report', status, 'retry');
      }
      if (current.requestedBy) await this.refuseTooManyRuns(manager, current.requestedBy);
      await this.audit.record(manager, {
        actor: user,
        action: 'report.retry',
        entityType: 'report_run',
        entityId: id,
        before: { status: ReportStatus.FAILED, error: current.error },
        after: { status: ReportStatus.QUEUED },
      });
      return this.runs.get(id, manager);
    });
    await this.enqueue(run);
    return toRunView(run);
  }

  /** 429 when the user has more than REPORT_RUNS_PER_USER runs queued or running (this one included). */
  private async refuseTooManyRuns(manager: EntityManager, userId: string): Promise<void> {
    const limit = this.config.env.REPORT_RUNS_PER_USER;
    const active = await this.runs.activeRunsOf(manager, userId);
    if (active <= limit) return;
    const message = `You already have ${active - 1} report runs queued or running, the most one user may have at once (${limit}); wait for one to finish`;
    throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, message, [
      { rule: 'REPORT_RUNS_PER_USER', message, limit, active: active - 1 },
    ]);
  }

  /**
   * Creates the scheduled runs that do not exist yet (one per schedule key) and enqueues them;
   * returns the new ones. Safe to call from several workers at once.
   */
  async createScheduled(requests: ScheduledRunRequest[]): Promise<ReportRunView[]> {
    const created: ReportRun[] = [];
    for (const request of requests) {
      const run = await this.dataSource.transaction(async (manager) => {
        const inserted = await this.runs.insert(manager, {
          type: request.type,
          format: request.format,
          parameters: normalizeParameters(request.type, request.parameters).parameters,
          trigger: ReportTrigger.SCHEDULE,
          requestedBy: null,
          idempotencyKey: null,
          scheduleKey: request.scheduleKey,
        });
        if (inserted)
          await this.audit.record(manager, {
            actor: SCHEDULER,
            action: 'report.schedule',
            entityType: 'report_run',
            entityId: inserted.id,
            after: {
              type: inserted.type,
              format: inserted.format,
              parameters: inserted.parameters,
              scheduleKey: request.scheduleKey,
            },
          });
        return inserted;
      });
      if (run) created.push(run);
    }
    for (const run of created) await this.enqueue(run);
    return created.map(toRunView);
  }

  // ---- internals -------------------------------------------------------------------------

  private async visibleRun(user: AuthUser, id: string): Promise<ReportRun> {
    const run = await this.runs.find(id);
    if (!run) throw new NotFoundError('Report', id);
    if (!mayRead(user, run.type, run.parameters)) throw new ForbiddenError('You may not see this report');
    return run;
  }

  private sameRequest(
    run: ReportRun,
    type: ReportType,
    format: ReportFormat,
    parameters: ReportParameters,
  ): ReportRunView {
    if (
      run.type !== type ||
      run.format !== format ||
      canonicalParameters(run.parameters) !== canonicalParameters(parameters)
    )
      throw new ConflictError('This Idempotency-Key was already used for a different report request', [
        { rule: 'IDEMPOTENCY_KEY', message: `already used for report ${run.id}`, runId: run.id },
      ]);
    return toRunView(run);
  }

  /** The things a report is about must exist (the rest is checked when the run is composed). */
  private async checkSubjects(parameters: ReportParameters): Promise<void> {
    const db = this.dataSource.manager;
    if (parameters.donorCode && !(await this.organizations.byCode(db, parameters.donorCode)))
      throw ValidationError.field(
        'parameters.donorCode',
        `is not a known organization: ${parameters.donorCode}`,
      );
    if (parameters.programmeId && !(await this.programmes.isProgramme(db, parameters.programmeId)))
      throw new NotFoundError('Programme', parameters.programmeId);
    if (parameters.meetingId && !(await this.meetings.find(db, parameters.meetingId)))
      throw new NotFoundError('Meeting', parameters.meetingId);
    if (parameters.final && parameters.year !== undefined)
      await this.assertNarrativeComplete(parameters.year);
  }

  /** A final annual report needs every narrative section written or explicitly left out (422 naming each). */
  private async assertNarrativeComplete(year: number): Promise<void> {
    const narrative = await this.narratives.read(year);
    const missing = narrative.sections.filter((section) => section.state === 'MISSING');
    if (missing.length)
      throw new RuleViolationError(
        `The ${year} narrative is not complete: ${missing.map((s) => s.title).join(', ')}`,
        missing.map((section) => ({
          field: `narrative.${section.key}`,
          rule: 'NARRATIVE_MISSING',
          message: `“${section.title}” is neither written nor left out with a reason`,
        })),
      );
  }

  /**
   * After commit: a run whose job cannot be queued is marked FAILED (retryable), never left
   * hanging. Also used by ReportBatchesService.
   */
  async enqueue(run: ReportRun): Promise<void> {
    try {
      await this.jobs.generateReport({ runId: run.id });
    } catch (error) {
      this.logger.error({ err: error, runId: run.id }, 'could not queue report run');
      await this.runs.failQueued(
        run.id,
        'The report could not be queued (queue unavailable); retry it later',
      );
      throw new DomainError(
        ErrorCode.DEPENDENCY_UNAVAILABLE,
        'The report queue is unavailable; the run is marked FAILED and can be retried',
      );
    }
  }
}
