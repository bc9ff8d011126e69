import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  Processor,
  Queue,
  QueueOptions,
  Worker,
  WorkerOptions,
  createPostgresBackend,
  withBackend,
} from 'bullmq';
import IORedis, { Redis, RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { QueueName } from './job-catalogue';

/** How long start-up waits for the PostgreSQL backend's first queue before it goes on regardless. */
const WARM_UP_MS = 5_000;

/**
 * The one place that knows whether BullMQ runs on Redis (production shape) or on its PostgreSQL
 * backend in the application database (embedded default). Everything else asks it for queues and
 * workers.
 */
@Injectable()
export class QueueConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private redis?: Redis;
  private readonly workerConnections: Redis[] = [];
  private readonly queues = new Map<QueueName, Queue>();
  private readonly postgresClasses = withBackend(createPostgresBackend);

  constructor(private readonly config: AppConfig) {}

  get backend(): 'redis' | 'postgres' {
    return this.config.queueBackend;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.createQueue(name);
      // Connection errors surface where the queue is used (enqueue, health); an 'error' event
      // without a listener would take the process down instead.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  createWorker(name: QueueName, processor: Processor, options: Partial<WorkerOptions> = {}): Worker {
    if (this.backend === 'redis') {
      // Workers need their own connection; BullMQ does not close one it was given, so we do.
      const connection = this.newRedis();
      this.workerConnections.push(connection);
      return new Worker(name, processor, {
        ...options,
        prefix: this.config.env.QUEUE_PREFIX,
        connection,
      });
    }
    return new this.postgresClasses.Worker(name, processor, {
      ...options,
      connection: this.postgresConnection(),
    } as WorkerOptions<never>) as unknown as Worker;
  }

  /** Round trip to the queue backend; rejects when it is unreachable. */
  async ping(): Promise<void> {
    if (this.backend === 'redis') {
      const redis = this.sharedRedis();
      if (redis.status !== 'ready') {
        await new Promise<void>((resolve, reject) => {
          redis.once('ready', resolve);
          redis.once('error', reject);
        });
      }
      await redis.ping();
      return;
    }
    await this.queue(QueueName.MAINTENANCE).getJobCounts('waiting');
  }

  /**
   * Opens every queue of the catalogue at start-up. BullMQ waits for a queue's first connection
   * without a bound, so a queue first used while Redis is down would hang its request; opened
   * early, an enqueue during a later outage fails at once (the fail-fast shared connection) and
   * the API answers 503.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.backend === 'redis') {
      for (const name of Object.values(QueueName)) this.queue(name);
      return;
    }
    // On its PostgreSQL backend a queue connects (and checks its schema) at its first use: the
    // one /health pings is used once here, before the API listens, so the first health checks do
    // not all wait on that (the queue dashboard, which opened every queue at start-up, now opens
    // them at its first request). A failure shows in /health, not here.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.ping().catch(() => undefined),
      new Promise((done) => (timer = setTimeout(done, WARM_UP_MS))),
    ]);
    clearTimeout(timer);
  }

  /** Last, after the worker has finished its running jobs (they may still enqueue). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    if (this.redis) {
      this.redis.disconnect();
      this.redis = undefined;
    }
    // The workers were closed before (JobDispatcher, beforeApplicationShutdown).
    for (const connection of this.workerConnections.splice(0)) connection.disconnect();
  }

  private createQueue(name: QueueName): Queue {
    if (this.backend === 'redis') {
      const options: QueueOptions = { connection: this.sharedRedis(), prefix: this.config.env.QUEUE_PREFIX };
      return new Queue(name, options);
    }
    return new this.postgresClasses.Queue(name, {
      connection: this.postgresConnection(),
    } as QueueOptions<never>) as unknown as Queue;
  }

  private postgresConnection() {
    return {
      connectionString: this.config.databaseUrl,
      schema: `${this.config.env.QUEUE_PREFIX}_queue`,
      migrate: true,
    };
  }

  private sharedRedis(): Redis {
    if (!this.redis) {
      // Fail fast on the API side: a request should get a clear error, not hang while Redis is down.
      this.redis = this.newRedis({ maxRetriesPerRequest: 1, enableOfflineQueue: false });
      this.redis.on('error', () => undefined);
    }
    return this.redis;
  }

  private newRedis(overrides: RedisOptions = {}): Redis {
    const redis = new IORedis(this.config.env.REDIS_URL as string, {
      maxRetriesPerRequest: null,
      ...overrides,
    });
    redis.on('error', () => undefined);
    return redis;
  }
}
