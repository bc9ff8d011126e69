import { Injectable } from '@nestjs/common';
import { sqlRow, sqlRows, SqlRunner } from '../database/sql';

export interface HeartbeatRow {
  id: string;
  requestedAt: Date;
  processedAt: Date | null;
  worker: string | null;
}

/**
 * The one place `worker_heartbeats` is read and written. A heartbeat goes through the real queue:
 * the API requests one, a worker records that it processed it, an operator reads it back.
 */
@Injectable()
export class HeartbeatRepository {
  async request(db: SqlRunner, id: string, requestedAt: string): Promise<void> {
    await sqlRows(db, 'INSERT INTO worker_heartbeats (id, requested_at) VALUES ($1, $2)', [id, requestedAt]);
  }

  /** Takes a request back (its job could not be queued). */
  async withdraw(db: SqlRunner, id: string): Promise<void> {
    await sqlRows(db, 'DELETE FROM worker_heartbeats WHERE id = $1', [id]);
  }

  /** Records that `worker` processed the heartbeat (also when its request row is missing). */
  async processed(db: SqlRunner, id: string, requestedAt: string, worker: string): Promise<void> {
    await sqlRows(
      db,
      `INSERT INTO worker_heartbeats (id, requested_at, processed_at, worker) VALUES ($1, $2, now(), $3)
       ON CONFLICT (id) DO UPDATE SET processed_at = now(), worker = EXCLUDED.worker`,
      [id, requestedAt, worker],
    );
  }

  find(db: SqlRunner, id: string): Promise<HeartbeatRow | null> {
    // Columns named: a prepared statement must not change its result's shape under a migration.
    return sqlRow<HeartbeatRow>(
      db,
      `SELECT id, requested_at AS "requestedAt", processed_at AS "processedAt", worker
         FROM worker_heartbeats WHERE id = $1`,
      [id],
    );
  }
}
