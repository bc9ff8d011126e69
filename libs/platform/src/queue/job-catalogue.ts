/**
 * The typed job catalogue: every queue, every job, its payload, and how it is retried. The API
 * only produces (JobProducer); the worker refuses to start unless every job here has a handler.
 */
export enum QueueName {
  MAINTENANCE = 'maintenance',
}

export enum JobName {
  /** Proves the pipeline end to end: the worker records that it processed the job. */
  HEARTBEAT = 'heartbeat',
}

export interface JobPayloads {
  [JobName.HEARTBEAT]: { heartbeatId: string; requestedAt: string };
}

export interface JobDefinition {
  queue: QueueName;
  attempts: number;
  /** Exponential backoff base, in milliseconds. */
  backoffMs: number;
}

export const JOB_DEFINITIONS: Record<JobName, JobDefinition> = {
  [JobName.HEARTBEAT]: { queue: QueueName.MAINTENANCE, attempts: 3, backoffMs: 1000 },
};

export type JobPayload<N extends JobName> = JobPayloads[N];
