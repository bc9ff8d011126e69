import 'reflect-metadata';
import cluster from 'node:cluster';
import { MIGRATIONS } from '@mptf/migrations';
import {
  AppConfig,
  guardPgClientErrors,
  InvalidEnvironmentError,
  prepareDatabase,
  waitForLauncher,
} from '@mptf/platform';
import { superviseApiProcesses } from './api-processes';
import { createApiApp } from './bootstrap';

const say = (message: string) => process.stdout.write(`${message}\n`);

async function main(): Promise<void> {
  guardPgClientErrors();
  // A process forked by superviseApiProcesses: the primary has migrated and reports for all.
  if (cluster.isWorker) return serve(new AppConfig());
  // Forked by `npm start`: wait until its database is ready (returns at once otherwise).
  const { schemaReady } = await waitForLauncher();
  const config = new AppConfig();
  // Outside development, no start without a signing key of our own (names JWT_SECRET).
  void config.jwtSecret;
  if (!schemaReady) await prepareDatabase(config.databaseUrl, MIGRATIONS);
  const processes = config.env.API_PROCESSES;
  if (processes > 1) await superviseApiProcesses(processes, say);
  else await serve(config);
  const url = `http://localhost:${config.env.PORT}`;
  say(
    `API listening on ${url} (${config.mode} mode; ${processes} process${processes > 1 ? 'es' : ''}; OpenAPI at ${url}/api/docs, queue backend: ${config.queueBackend})`,
  );
}

async function serve(config: AppConfig): Promise<void> {
  // Outside development, no start without a signing key of our own (names JWT_SECRET).
  void config.jwtSecret;
  await (await createApiApp()).listen(config.env.PORT, config.env.HOST);
}

main().catch((error: unknown) => {
  const message =
    error instanceof InvalidEnvironmentError ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`API failed to start: ${message}\n`);
  process.exit(1);
});
