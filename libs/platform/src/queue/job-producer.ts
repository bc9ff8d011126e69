import { Injectable } from '@nestjs/common';
import { JobsOptions } from 'bullmq';
import {
  DIGEST_SCHEDULER_ID,
  JOB_DEFINITIONS,
  JobName,
  JobPayload,
  OBLIGATION_SCAN_CRON,
  OBLIGATION_SCAN_SCHEDULER_ID,
  REPORT_SCHEDULER_ID,
} from './job-catalogue';
import { QueueConnection } from './queue-connection';

/** One producer method per job. Job ids are deterministic so a repeated request enqueues once. */
@Injectable()
export class JobProducer {
  constructor(private readonly connection: QueueConnection) {}

  heartbeat(payload: JobPayload<JobName.HEARTBEAT>): Promise<string> {
    return this.add(JobName.HEARTBEAT, payload, `heartbeat-${payload.heartbeatId}`);
  }

  /**
   * Enqueues the generation of a report run; the job id is the run id, so a run is queued at most
   * once. A failed job of the same run (failed jobs are kept) is moved back to waiting instead,
   * with a fresh set of attempts; a waiting or active one is left alone.
   */
  async generateReport(payload: JobPayload<JobName.GENERATE_REPORT>): Promise<string> {
    const queue = this.connection.queue(JOB_DEFINITIONS[JobName.GENERATE_REPORT].queue);
    const existing = await queue.getJob(payload.runId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'failed') {
        await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return payload.runId;
      }
      if (state !== 'completed' && state !== 'unknown') return payload.runId;
      await existing.remove();
    }
    return this.add(JobName.GENERATE_REPORT, payload, payload.runId);
  }

  /** Fires the report schedule once now (operators and tests; the scheduler fires it daily). */
  scheduleReportsNow(): Promise<string> {
    return this.add(JobName.SCHEDULE_REPORTS, { trigger: 'manual' }, `schedule-reports-${Date.now()}`);
  }

  /**
   * Creates or updates the BullMQ job scheduler that fires SCHEDULE_REPORTS on a cron pattern
   * (UTC). Upserting is idempotent, so every worker may call it at start-up.
   */
  async upsertReportSchedule(pattern: string): Promise<void> {
    const definition = JOB_DEFINITIONS[JobName.SCHEDULE_REPORTS];
    await this.connection.queue(definition.queue).upsertJobScheduler(
      REPORT_SCHEDULER_ID,
      { pattern, tz: 'UTC' },
      {
        name: JobName.SCHEDULE_REPORTS,
        data: { trigger: 'scheduler' } satisfies JobPayload<JobName.SCHEDULE_REPORTS>,
        opts: this.options(JobName.SCHEDULE_REPORTS),
      },
    );
  }

  /** Queues the sending of one outbox message; a message is queued at most once at a time. */
  async sendMail(payload: JobPayload<JobName.SEND_MAIL>): Promise<string> {
    const jobId = `mail-${payload.messageId}`;
    const queue = this.connection.queue(JOB_DEFINITIONS[JobName.SEND_MAIL].queue);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return jobId;
      await existing.remove();
    }
    return this.add(JobName.SEND_MAIL, payload, jobId);
  }

  /**
   * Queues the sending of a message written by the transaction that just committed: no job can
   * exist under its new id yet, so it is added without first looking for one (one Redis round
   * trip, not two). Were one there after all, BullMQ keeps it and ignores the duplicate id.
   */
  sendNewMail(payload: JobPayload<JobName.SEND_MAIL>): Promise<string> {
    return this.add(JobName.SEND_MAIL, payload, `mail-${payload.messageId}`);
  }

  /** Composes and queues the daily digests now (operators and tests; the scheduler fires it daily). */
  sendDigestsNow(): Promise<string> {
    return this.add(JobName.SEND_DIGESTS, { trigger: 'manual' }, `send-digests-${Date.now()}`);
  }

  /** Creates or updates the job scheduler of the daily digest (UTC cron); idempotent. */
  async upsertDigestSchedule(pattern: string): Promise<void> {
    await this.connection.queue(JOB_DEFINITIONS[JobName.SEND_DIGESTS].queue).upsertJobScheduler(
      DIGEST_SCHEDULER_ID,
      { pattern, tz: 'UTC' },
      {
        name: JobName.SEND_DIGESTS,
        data: { trigger: 'scheduler' } satisfies JobPayload<JobName.SEND_DIGESTS>,
        opts: this.options(JobName.SEND_DIGESTS),
      },
    );
  }

  /** Runs the obligation scan once now (operators and tests; the scheduler fires it daily). */
  scanObligationsNow(): Promise<string> {
    return this.add(JobName.SCAN_OBLIGATIONS, { trigger: 'manual' }, `scan-obligations-${Date.now()}`);
  }

  /** Creates or updates the job scheduler of the daily obligation scan (UTC cron); idempotent. */
  async upsertObligationScanSchedule(pattern: string = OBLIGATION_SCAN_CRON): Promise<void> {
    await this.connection.queue(JOB_DEFINITIONS[JobName.SCAN_OBLIGATIONS].queue).upsertJobScheduler(
      OBLIGATION_SCAN_SCHEDULER_ID,
      { pattern, tz: 'UTC' },
      {
        name: JobName.SCAN_OBLIGATIONS,
        data: { trigger: 'scheduler' } satisfies JobPayload<JobName.SCAN_OBLIGATIONS>,
        opts: this.options(JobName.SCAN_OBLIGATIONS),
      },
    );
  }

  private async add<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<string> {
    const definition = JOB_DEFINITIONS[name];
    const job = await this.connection
      .queue(definition.queue)
      .add(name, payload, { jobId, ...this.options(name) });
    return job.id ?? jobId;
  }

  private options(
    name: JobName,
  ): Pick<JobsOptions, 'attempts' | 'backoff' | 'removeOnComplete' | 'removeOnFail'> {
    const definition = JOB_DEFINITIONS[name];
    return {
      attempts: definition.attempts,
      backoff: { type: 'exponential', delay: definition.backoffMs },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
      // Failed jobs stay for inspection.
      removeOnFail: false,
    };
  }
}
