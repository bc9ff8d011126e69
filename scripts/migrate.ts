import 'reflect-metadata';
import { MIGRATIONS } from '@mptf/migrations';
import { AppConfig, createScriptDataSource, ensureDatabaseExists, runMigrationsLocked } from '@mptf/platform';

/** `npm run migration:run` / `migration:revert` against DATABASE_URL. */
async function main(): Promise<void> {
  const command = process.argv[2];
  const config = new AppConfig();
  await ensureDatabaseExists(config.databaseUrl);
  const dataSource = createScriptDataSource(config.databaseUrl, MIGRATIONS);
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await runMigrationsLocked(dataSource);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Nothing to migrate.\n');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('Reverted the last migration.\n');
    } else {
      throw new Error('usage: migrate.js run|revert');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${(error as Error).message}\n`);
  process.exit(1);
});
