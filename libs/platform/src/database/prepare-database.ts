import { DataSource, MigrationInterface } from 'typeorm';
import { ensureDatabaseExists, runMigrationsLocked } from './database-admin';
import { SnakeNamingStrategy } from './naming.strategy';

type MigrationClass = new () => MigrationInterface;

/** A short-lived data source for migrations and scripts (no entities needed for raw SQL). */
export function createScriptDataSource(databaseUrl: string, migrations: MigrationClass[] = []): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: 2, application_name: 'mptf-migrate' },
  });
}

/**
 * Start-up step of every process: create the database if it is missing, then apply pending
 * migrations under an advisory lock. Returns the names of the migrations it applied.
 */
export async function prepareDatabase(databaseUrl: string, migrations: MigrationClass[]): Promise<string[]> {
  await ensureDatabaseExists(databaseUrl);
  const dataSource = createScriptDataSource(databaseUrl, migrations);
  await dataSource.initialize();
  try {
    return await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
