import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

const columnLists = new WeakMap<EntityMetadata, string>();

/**
 * Entities of a plain table (columns only, no relations) read with one plain statement: the
 * columns, the table and each value's conversion come from TypeORM's metadata, as its `find`
 * does, without building the statement through the query builder on every call (about 0.4 ms of
 * CPU a read, a third of a proposal submission's). `condition` and `orderBy` are SQL over the
 * table's column names, with `$n` parameters.
 */
export async function selectEntities<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  condition: string,
  params: unknown[],
  orderBy?: string,
): Promise<T[]> {
  const metadata = manager.connection.getMetadata(target);
  let columns = columnLists.get(metadata);
  if (!columns) {
    columns = metadata.columns.map((column) => `"${column.databaseName}"`).join(', ');
    columnLists.set(metadata, columns);
  }
  const rows = (await manager.query(
    `SELECT ${columns} FROM "${metadata.tableName}" WHERE ${condition}${orderBy ? ` ORDER BY ${orderBy}` : ''}`,
    params,
  )) as Record<string, unknown>[];
  const { driver } = manager.connection;
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of metadata.columns)
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  });
}
