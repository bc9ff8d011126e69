import { sqlRow, SqlRunner } from '@mptf/platform';

/** When the run's snapshot was taken: now() is the start of the REPEATABLE READ transaction. */
export async function snapshotTime(db: SqlRunner): Promise<string> {
  const row = await sqlRow<{ at: string }>(
    db,
    `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
  );
  if (!row) throw new Error('SELECT now() returned no row');
  return row.at;
}
