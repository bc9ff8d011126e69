import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sqlRow } from '@mptf/platform';
import { DataSource } from 'typeorm';

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
