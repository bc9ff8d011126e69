import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobHandler, JobHandlerInstance, JobName, JobPayload } from '@mptf/platform';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';

/** Records that a worker processed the heartbeat: proof the queue path works end to end. */
@Injectable()
@JobHandler(JobName.HEARTBEAT)
export class HeartbeatHandler implements JobHandlerInstance<JobName.HEARTBEAT> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async handle(payload: JobPayload<JobName.HEARTBEAT>): Promise<{ processedBy: string }> {
    const processedBy = `${hostname()}:${process.pid}`;
    await this.dataSource.query(
      `INSERT INTO worker_heartbeats (id, requested_at, processed_at, worker) VALUES ($1, $2, now(), $3)
       ON CONFLICT (id) DO UPDATE SET processed_at = now(), worker = EXCLUDED.worker`,
      [payload.heartbeatId, payload.requestedAt, processedBy],
    );
    return { processedBy };
  }
}
