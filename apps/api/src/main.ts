import 'reflect-metadata';
import { MIGRATIONS } from '@mptf/migrations';
import { AppConfig, InvalidEnvironmentError, prepareDatabase } from '@mptf/platform';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = new AppConfig();
  await prepareDatabase(config.databaseUrl, MIGRATIONS);
  const app = await createApiApp();
  await app.listen(config.env.PORT, config.env.HOST);
  const url = `http://localhost:${config.env.PORT}`;
  process.stdout.write(
    `API listening on ${url} (OpenAPI at ${url}/api/docs, queue backend: ${config.queueBackend})\n`,
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof InvalidEnvironmentError ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`API failed to start: ${message}\n`);
  process.exit(1);
});
