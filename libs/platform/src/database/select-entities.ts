import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

const columnLists = new WeakMap<EntityMetadata, string>();

/**
 * The columns of a plain table's entity (no relations) as a SQL select list, `"name", …`, each
 * qualified by `alias` when given: for statements that read or return whole rows and hand them to
 * `hydrateEntities`.
 */
export function entityColumns<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  alias?: string,
): string {
  const metadata = manager.connection.getMetadata(target);
  let columns = columnLists.get(metadata);
  if (!columns) {
    columns = metadata.columns.map((column) => `"${column.databaseName}"`).join(', ');
    columnLists.set(metadata, columns);
  }
  return alias ? columns.replace(/"([^"]+)"/g, `${alias}."$1"`) : columns;
}

/** Entities from rows keyed by column name, each value converted as TypeORM's `find` converts it. */
export function hydrateEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly Record<string, unknown>[],
): T[] {
  const metadata = manager.connection.getMetadata(target);
  const { driver } = manager.connection;
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns)
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  });
}

/**
 * Entities of a plain table read with one plain statement: the columns, the table and each
 * value's conversion come from TypeORM's metadata, as its `find` does, without building the
 * statement through the query builder on every call (about 0.4 ms of CPU a read, a third of a
 * proposal submission's). `condition` and `orderBy` are SQL over the table's column names, with
 * `$n` parameters.
 */
export async function selectEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  condition: string,
  params: unknown[],
  orderBy?: string,
): Promise<T[]> {
  const { tableName } = manager.connection.getMetadata(target);
  const rows = (await manager.query(
    `SELECT ${entityColumns(manager, target)} FROM "${tableName}" WHERE ${condition}${orderBy ? ` ORDER BY ${orderBy}` : ''}`,
    params,
  )) as Record<string, unknown>[];
  return hydrateEntities(manager, target, rows);
}
