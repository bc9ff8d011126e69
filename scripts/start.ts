import 'reflect-metadata';
import { MIGRATIONS } from '@mptf/migrations';
import {
  AppConfig,
  createScriptDataSource,
  EmbeddedPostgresHandle,
  parseEnv,
  prepareDatabase,
  startEmbeddedPostgres,
} from '@mptf/platform';
import type * as Seeds from '@mptf/seeds';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm start`: one command from a fresh clone to a running system. Starts an embedded PostgreSQL
 * when DATABASE_URL is unset, migrates, seeds reference and demo data into an empty database,
 * then runs the API and the worker as two processes (as they would be deployed).
 */
const say = (message: string) => process.stdout.write(`${message}\n`);

/** Stops the embedded PostgreSQL if this process started one (also when start-up fails). */
let stopEmbedded: () => Promise<void> | undefined = () => undefined;

async function main(): Promise<void> {
  const env = parseEnv();
  let embedded: EmbeddedPostgresHandle | undefined;
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // The mode is decided here, before DATABASE_URL points at an embedded server: the embedded
  // default is development (unless NODE_ENV=production), and its processes are told so.
  const initial = new AppConfig(env);
  const mode = initial.mode;
  // Outside development, stop before anything starts unless JWT_SECRET is set (names it).
  void initial.jwtSecret;
  if (mode === 'development') childEnv.NODE_ENV = 'development';
  say(
    mode === 'development'
      ? `Mode: development (${env.NODE_ENV === 'development' ? 'NODE_ENV=development' : 'the embedded default'}): the built-in token signing key unless JWT_SECRET is set; demo users seeded into an empty database`
      : `Mode: production (${env.NODE_ENV === 'production' ? 'NODE_ENV=production' : 'DATABASE_URL set, NODE_ENV not development'}): tokens signed with JWT_SECRET; no demo data`,
  );

  if (!env.DATABASE_URL) {
    say(
      `No DATABASE_URL: starting the embedded PostgreSQL (data in ${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT})…`,
    );
    embedded = await startEmbeddedPostgres({
      dataDir: env.EMBEDDED_PG_DIR,
      dataDirChosen: process.env.EMBEDDED_PG_DIR !== undefined,
      say,
      port: env.EMBEDDED_PG_PORT,
      database: 'mptf',
    });
    childEnv.DATABASE_URL = embedded.databaseUrl;
    process.env.DATABASE_URL = embedded.databaseUrl;
    stopEmbedded = () => embedded?.stop();
  }
  const config = new AppConfig(parseEnv(childEnv));
  say(
    config.queueBackend === 'redis'
      ? `Shape: production (PostgreSQL at DATABASE_URL, BullMQ on Redis at REDIS_URL)`
      : `Shape: ${embedded ? 'embedded default (PostgreSQL from npm' : 'PostgreSQL at DATABASE_URL'}, BullMQ on its PostgreSQL backend${embedded ? ')' : ''}`,
  );

  try {
    const applied = await prepareDatabase(config.databaseUrl, MIGRATIONS);
    say(applied.length ? `Applied ${applied.length} migration(s).` : 'Database schema is up to date.');
  } catch (error) {
    throw new Error(`Cannot prepare the database at DATABASE_URL: ${(error as Error).message}`, {
      cause: error,
    });
  }

  const dataSource = createScriptDataSource(config.databaseUrl);
  await dataSource.initialize();
  const [{ empty }] = (await dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM users) AS empty')) as {
    empty: boolean;
  }[];
  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) => new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done))),
      ),
    );
    await embedded?.stop();
    process.exit(code);
  };
  const startServices = () => {
    for (const [name, script] of [
      ['api', 'apps/api/src/main.js'],
      ['worker', 'apps/worker/src/main.js'],
    ] as const) {
      const child = fork(join(__dirname, '..', script), [], { env: childEnv, stdio: 'inherit' });
      child.on('exit', (code) => {
        if (!stopping) {
          process.stderr.write(`The ${name} process exited (code ${code}); stopping.\n`);
          void stopAll(code || 1);
        }
      });
      children.push(child);
    }
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // The seeds load every domain module (the demo seed runs the real services): a second of
  // start-up, loaded here only. A database with users already has its reference data, so the API
  // and the worker start first and the reference data of this version is brought up to date
  // while they boot; an empty one is seeded before anything serves it.
  if (!empty) startServices();
  const seeds = loadSeeds();
  await dataSource.transaction((manager) => seeds.seedReference(manager));
  await dataSource.destroy();
  if (empty) {
    if (config.isDevelopment) {
      say('Empty database: seeding reference and demo data…');
      await seeds.runDemoSeed((message) => say(`  ${message}`));
    }
    startServices();
  }

  const url = `http://localhost:${config.env.PORT}`;
  await waitForHealth(`${url}/health`);
  say('');
  say(`Migration MPTF is running at ${url}`);
  say(`  API: ${url}/api/v1   OpenAPI: ${url}/api/docs   Health: ${url}/health`);
  if (config.isDevelopment) {
    say(`  Demo logins (password ${seeds.DEMO_PASSWORD}):`);
    for (const user of seeds.DEMO_USERS) say(`    ${user.email.padEnd(26)} ${user.roles.join(', ')}`);
  }
}

function loadSeeds(): typeof Seeds {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@mptf/seeds') as typeof Seeds;
}

async function waitForHealth(url: string): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`${url} did not answer within a minute`);
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`npm start failed: ${message}\n`);
  await Promise.resolve(stopEmbedded()).catch(() => undefined);
  process.exit(1);
});
