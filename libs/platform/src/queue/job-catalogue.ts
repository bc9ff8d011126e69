/**
 * The typed job catalogue: every queue, every job, its payload, and how it is retried. The API
 * only produces (JobProducer); the worker refuses to start unless every job here has a handler.
 */
export enum QueueName {
  MAINTENANCE = 'maintenance',
  /** Donor reports: CPU-heavy rendering, kept apart so it never delays maintenance jobs. */
  REPORTS = 'reports',
  /** Notification mail: one job per message, retried on its own so one bad address delays no other. */
  MAIL = 'mail',
}

export enum JobName {
  /** Proves the pipeline end to end: the worker records that it processed the job. */
  HEARTBEAT = 'heartbeat',
  /** Composes and renders one report run (`report_runs` row); the job id is the run id. */
  GENERATE_REPORT = 'generate-report',
  /** Fired by the job scheduler: creates the scheduled report runs that are due (idempotent). */
  SCHEDULE_REPORTS = 'schedule-reports',
  /** Sends one outbox message (or keeps it, without SMTP); the job id is `mail-<message id>`. */
  SEND_MAIL = 'send-mail',
  /** Fired daily by the digest scheduler: composes each user's digest and queues it. */
  SEND_DIGESTS = 'send-digests',
  /** Fired daily: tells agencies of reports due within 14 days or overdue (programmes lib). */
  SCAN_OBLIGATIONS = 'scan-obligations',
}

export interface JobPayloads {
  [JobName.HEARTBEAT]: { heartbeatId: string; requestedAt: string };
  [JobName.GENERATE_REPORT]: { runId: string };
  /** `trigger` says who fired it (the scheduler or an operator), for the logs. */
  [JobName.SCHEDULE_REPORTS]: { trigger: 'scheduler' | 'manual' };
  [JobName.SEND_MAIL]: { messageId: string };
  [JobName.SEND_DIGESTS]: { trigger: 'scheduler' | 'manual' };
  [JobName.SCAN_OBLIGATIONS]: { trigger: 'scheduler' | 'manual' };
}

export interface JobDefinition {
  queue: QueueName;
  attempts: number;
  /** Exponential backoff base, in milliseconds. */
  backoffMs: number;
}

export const JOB_DEFINITIONS: Record<JobName, JobDefinition> = {
  [JobName.HEARTBEAT]: { queue: QueueName.MAINTENANCE, attempts: 3, backoffMs: 1000 },
  [JobName.GENERATE_REPORT]: { queue: QueueName.REPORTS, attempts: 3, backoffMs: 5000 },
  [JobName.SCHEDULE_REPORTS]: { queue: QueueName.REPORTS, attempts: 3, backoffMs: 10000 },
  // A mail server that is down for a while: 6 attempts over about a minute and a half.
  [JobName.SEND_MAIL]: { queue: QueueName.MAIL, attempts: 6, backoffMs: 3000 },
  [JobName.SEND_DIGESTS]: { queue: QueueName.MAIL, attempts: 3, backoffMs: 10000 },
  [JobName.SCAN_OBLIGATIONS]: { queue: QueueName.MAINTENANCE, attempts: 3, backoffMs: 10000 },
};

/** The id of the BullMQ job scheduler that fires SCHEDULE_REPORTS. */
export const REPORT_SCHEDULER_ID = 'report-schedule';

/** The id of the BullMQ job scheduler that fires SCAN_OBLIGATIONS, and when (daily, UTC, before the digest). */
export const OBLIGATION_SCAN_SCHEDULER_ID = 'obligation-scan';
export const OBLIGATION_SCAN_CRON = '0 6 * * *';

/** The id of the BullMQ job scheduler that fires SEND_DIGESTS. */
export const DIGEST_SCHEDULER_ID = 'mail-digest';

export type JobPayload<N extends JobName> = JobPayloads[N];
