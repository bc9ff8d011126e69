import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sqlRow } from '../database/sql';

export interface WorkerHeartbeat {
  id: string;
  requestedAt: Date;
  processedAt: Date | null;
  worker: string | null;
}

/**
 * `worker_heartbeats`: a heartbeat is requested (the API), then processed by a worker, which
 * proves the queue path works end to end. Not provided by PlatformModule: the API and the worker
 * each provide it where they use it.
 */
@Injectable()
export class WorkerHeartbeatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async request(id: string, requestedAt: string): Promise<void> {
    await this.dataSource.query('INSERT INTO worker_heartbeats (id, requested_at) VALUES ($1, $2)', [
      id,
      requestedAt,
    ]);
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM worker_heartbeats WHERE id = $1', [id]);
  }

  find(id: string): Promise<WorkerHeartbeat | null> {
    // Columns named: a prepared statement must not change its result's shape under a migration.
    return sqlRow<WorkerHeartbeat>(
      this.dataSource,
      `SELECT id, requested_at AS "requestedAt", processed_at AS "processedAt", worker
         FROM worker_heartbeats WHERE id = $1`,
      [id],
    );
  }

  /** Marks the heartbeat processed by `worker` (and creates it when its request row is gone). */
  async recordProcessed(id: string, requestedAt: string, worker: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO worker_heartbeats (id, requested_at, processed_at, worker) VALUES ($1, $2, now(), $3)
       ON CONFLICT (id) DO UPDATE SET processed_at = now(), worker = EXCLUDED.worker`,
      [id, requestedAt, worker],
    );
  }
}
