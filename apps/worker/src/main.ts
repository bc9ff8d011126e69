import 'reflect-metadata';
import { MIGRATIONS } from '@mptf/migrations';
import {
  AppConfig,
  guardPgClientErrors,
  InvalidEnvironmentError,
  prepareDatabase,
  waitForLauncher,
} from '@mptf/platform';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  guardPgClientErrors();
  // Forked by `npm start`: wait until its database is ready (returns at once otherwise).
  const { schemaReady } = await waitForLauncher();
  const config = new AppConfig();
  if (!schemaReady) await prepareDatabase(config.databaseUrl, MIGRATIONS);
  await createWorkerApp();
  process.stdout.write(`Worker started (queue backend: ${config.queueBackend})\n`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof InvalidEnvironmentError ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`Worker failed to start: ${message}\n`);
  process.exit(1);
});
