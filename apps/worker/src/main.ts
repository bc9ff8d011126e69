import 'reflect-metadata';
import { MIGRATIONS } from '@mptf/migrations';
import { AppConfig, InvalidEnvironmentError, prepareDatabase } from '@mptf/platform';
import { createWorkerApp } from './bootstrap';

async function main(): Promise<void> {
  const config = new AppConfig();
  await prepareDatabase(config.databaseUrl, MIGRATIONS);
  await createWorkerApp();
  process.stdout.write(`Worker started (queue backend: ${config.queueBackend})\n`);
}

main().catch((error: unknown) => {
  const message =
    error instanceof InvalidEnvironmentError ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`Worker failed to start: ${message}\n`);
  process.exit(1);
});
