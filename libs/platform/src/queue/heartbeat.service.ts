import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { NotFoundError } from '../errors/domain-error';
import { HeartbeatRepository } from './heartbeat.repository';
import { JobProducer } from './job-producer';

export interface HeartbeatRequest {
  id: string;
  requestedAt: string;
}

export interface HeartbeatStatus extends HeartbeatRequest {
  processedAt: string | null;
  worker: string | null;
}

/** Lets an operator check that a worker is consuming jobs, through the real queue. */
@Injectable()
export class HeartbeatService {
  constructor(
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly heartbeats: HeartbeatRepository,
  ) {}

  /** Records the request, then queues its job; a worker records when it processed it. */
  async request(): Promise<HeartbeatRequest> {
    const id = randomUUID();
    const requestedAt = this.clock.now().toISOString();
    await this.heartbeats.request(this.dataSource, id, requestedAt);
    try {
      await this.jobs.heartbeat({ heartbeatId: id, requestedAt });
    } catch (error) {
      // Queue down: take the row back, so a failed request leaves nothing half-written.
      await this.heartbeats.withdraw(this.dataSource, id).catch(() => undefined);
      throw error;
    }
    return { id, requestedAt };
  }

  /** The worker's side: `worker` processed the heartbeat's job. */
  recordProcessed(id: string, requestedAt: string, worker: string): Promise<void> {
    return this.heartbeats.processed(this.dataSource, id, requestedAt, worker);
  }

  async get(id: string): Promise<HeartbeatStatus> {
    const row = await this.heartbeats.find(this.dataSource, id);
    if (!row) throw new NotFoundError('Heartbeat', id);
    return {
      id: row.id,
      requestedAt: row.requestedAt.toISOString(),
      processedAt: row.processedAt?.toISOString() ?? null,
      worker: row.worker,
    };
  }
}
