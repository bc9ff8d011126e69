import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sqlRow } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';

/** One stored part of a batch (table report_shared_parts), as read back. */
export interface StoredPartRow {
  version: string;
  snapshotAt: string;
  data: unknown;
}

/** The SQL of the shared report parts (SharedPartsStore holds the rules: versions, memory). */
@Injectable()
export class SharedPartsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The part as stored now, outside any run's snapshot (a part another process stored counts). */
  async find(batchId: string, part: string): Promise<StoredPartRow | null> {
    const row = await sqlRow<{ version: string; snapshot_at: Date; data: unknown }>(
      this.dataSource.manager,
      `SELECT version, snapshot_at, data FROM report_shared_parts WHERE batch_id = $1 AND part = $2`,
      [batchId, part],
    );
    return row ? { version: row.version, snapshotAt: row.snapshot_at.toISOString(), data: row.data } : null;
  }

  /**
   * Locks the batch's part for the rest of `manager`'s transaction (a run's snapshot): the one
   * run that computes a part holds it until the part is stored and its transaction ends.
   */
  async lockPart(manager: EntityManager, batchId: string, part: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `report_shared_part:${batchId}:${part}`,
    ]);
  }

  /**
   * Stores a part unless one is stored already (the first process wins), in one transaction with
   * the purge of the parts older than `retention` (an SQL interval, e.g. '1 day').
   */
  async insert(
    batchId: string,
    part: string,
    stored: { version: string; snapshotAt: string; json: string },
    retention: string,
  ): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      await db.query(`DELETE FROM report_shared_parts WHERE created_at < now() - $1::interval`, [retention]);
      await db.query(
        `INSERT INTO report_shared_parts (batch_id, part, version, snapshot_at, data)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (batch_id, part) DO NOTHING`,
        [batchId, part, stored.version, stored.snapshotAt, stored.json],
      );
    });
  }
}
