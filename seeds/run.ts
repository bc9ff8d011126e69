import 'reflect-metadata';
import { MIGRATIONS } from '@mptf/migrations';
import { AppConfig, createScriptDataSource, prepareDatabase } from '@mptf/platform';
import { runDemoSeed, seedReference } from './index';

/** `npm run seed` (reference data) and `npm run seed:demo` (reference + demo users and portfolio). */
async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind !== 'reference' && kind !== 'demo') throw new Error('usage: run.js reference|demo');
  const config = new AppConfig();
  if (kind === 'demo' && !config.isDevelopment) {
    throw new Error(
      'Demo data (users with a published password) is seeded only in development: set NODE_ENV=development',
    );
  }
  const progress = (message: string) => process.stdout.write(`  ${message}\n`);
  await prepareDatabase(config.databaseUrl, MIGRATIONS);
  if (kind === 'reference') {
    const dataSource = createScriptDataSource(config.databaseUrl);
    await dataSource.initialize();
    try {
      await dataSource.transaction((manager) => seedReference(manager, progress));
    } finally {
      await dataSource.destroy();
    }
  } else {
    await runDemoSeed(progress);
  }
  process.stdout.write(`Seeded ${kind} data.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Seeding failed: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
