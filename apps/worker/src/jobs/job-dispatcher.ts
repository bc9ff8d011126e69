import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import {
  JOB_DEFINITIONS,
  JOB_HANDLER_METADATA,
  JobHandlerInstance,
  JobName,
  QueueConnection,
  QueueName,
  RequestContext,
  AppConfig,
} from '@mptf/platform';
import { Job, Worker } from 'bullmq';
import { hostname } from 'node:os';
import { HeapRelease } from './heap-release';

/**
 * Finds the handler of every job in the catalogue and runs one BullMQ worker per queue. Refuses to
 * start when a job has no handler (or two), so a deploy cannot silently drop a kind of work.
 */
@Injectable()
export class JobDispatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private handlers = new Map<JobName, JobHandlerInstance>();
  /** Jobs running in this process, on every queue. */
  private running = 0;
  readonly identity = `${hostname()}:${process.pid}`;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly connection: QueueConnection,
    private readonly config: AppConfig,
    private readonly heap: HeapRelease,
  ) {}

  /** Maps every catalogue job to exactly one handler, or throws naming what is missing. */
  resolveHandlers(): Map<JobName, JobHandlerInstance> {
    const found = new Map<JobName, JobHandlerInstance>();
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance) continue;
      const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, metatype);
      if (!name) continue;
      if (found.has(name)) throw new Error(`Job ${name} has two handlers`);
      found.set(name, instance as JobHandlerInstance);
    }
    const missing = Object.values(JobName).filter((name) => !found.has(name));
    if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
    return found;
  }

  start(): void {
    this.handlers = this.resolveHandlers();
    const queues = new Set(Object.values(JOB_DEFINITIONS).map((definition) => definition.queue));
    for (const queue of queues) {
      const worker = this.connection.createWorker(queue, (job) => this.process(queue, job), {
        concurrency: this.config.env.WORKER_CONCURRENCY,
        name: this.identity,
        // A dead worker's job goes back to the queue once its lock lapses and a stalled check runs.
        lockDuration: this.config.env.WORKER_LOCK_DURATION_MS,
        stalledInterval: this.config.env.WORKER_STALLED_INTERVAL_MS,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(
          { jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: error },
          'job failed',
        ),
      );
      worker.on('error', (error) => this.logger.error({ err: error }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.log(
      `Processing queues ${[...queues].join(', ')} on ${this.connection.backend} as ${this.identity}`,
    );
  }

  private async process(queue: QueueName, job: Job): Promise<unknown> {
    const name = job.name as JobName;
    const handler = this.handlers.get(name);
    if (!handler || JOB_DEFINITIONS[name]?.queue !== queue) {
      throw new Error(`Job ${job.name} is not in the catalogue of queue ${queue}`);
    }
    if (this.running === 0) this.heap.jobsStarted();
    this.running += 1;
    try {
      return await this.run(name, handler, job);
    } finally {
      this.running -= 1;
      // On the next turn, once BullMQ has taken the result, and only if no job started meanwhile.
      setImmediate(() => this.releaseHeapWhenIdle());
    }
  }

  private releaseHeapWhenIdle(): void {
    if (this.running === 0) this.heap.jobsEnded();
  }

  private run(name: JobName, handler: JobHandlerInstance, job: Job): Promise<unknown> {
    const correlationId = `job:${job.id}`;
    return RequestContext.run({ correlationId }, async () => {
      const started = Date.now();
      this.logger.log(
        { jobId: job.id, job: name, attempt: job.attemptsMade + 1, correlationId },
        'job started',
      );
      try {
        const result = await handler.handle(job.data, {
          jobId: String(job.id),
          attempt: job.attemptsMade + 1,
          updateProgress: (progress) => {
            // Only long jobs (reports) report progress: a large one's garbage is given back as it
            // goes, so it never piles up a whole run's.
            this.heap.jobProgressed();
            return job.updateProgress(progress);
          },
        });
        this.logger.log(
          { jobId: job.id, job: name, durationMs: Date.now() - started, correlationId },
          'job finished',
        );
        return result;
      } catch (error) {
        this.logger.warn(
          { jobId: job.id, job: name, durationMs: Date.now() - started, err: error, correlationId },
          'job attempt failed',
        );
        throw error;
      }
    });
  }

  /**
   * Graceful stop: take no new jobs and let running ones finish (BullMQ's close waits for them).
   * Before the shutdown hooks, because those close the database the running jobs still use.
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.workers.length) this.logger.log('Stopping: finishing running jobs');
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
  }
}
