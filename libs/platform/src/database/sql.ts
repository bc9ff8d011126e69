import type { DataSource, EntityManager } from 'typeorm';

/** Whatever runs a statement: a DataSource, or the EntityManager of a transaction. */
export type SqlRunner = Pick<EntityManager, 'query'>;

/**
 * The rows of a statement, typed by the caller, optionally mapped (a repository's row mapper:
 * snake_case columns and SQL types in, the lib's own camelCase values out).
 */
export async function sqlRows<Row, T = Row>(
  db: SqlRunner,
  text: string,
  params: readonly unknown[] = [],
  map?: (row: Row) => T,
): Promise<T[]> {
  const rows = unwrapReturning((await db.query(text, params as unknown[])) as unknown) as Row[];
  return map ? rows.map(map) : (rows as unknown as T[]);
}

/** The first row of a statement, or null when it returned none. */
export async function sqlRow<Row, T = Row>(
  db: SqlRunner,
  text: string,
  params: readonly unknown[] = [],
  map?: (row: Row) => T,
): Promise<T | null> {
  const [row] = await sqlRows(db, text, params, map);
  return row ?? null;
}

/**
 * TypeORM hands back the result of `UPDATE … RETURNING` and `DELETE … RETURNING` as
 * `[rows, affectedCount]`, and that of SELECT and INSERT as the rows: this gives the rows for all.
 */
export function unwrapReturning(result: unknown): unknown[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as unknown[];
  return result as unknown[];
}

/** Answers when the database does (the health check's probe). */
export async function pingDatabase(db: SqlRunner): Promise<void> {
  await db.query('SELECT 1');
}

/**
 * `work` in one read-only REPEATABLE READ transaction: every statement it runs through the
 * manager sees the same snapshot (a list read page by page for an export agrees with itself).
 */
export function inReadSnapshot<T>(
  dataSource: Pick<DataSource, 'transaction'>,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    return work(manager);
  });
}
