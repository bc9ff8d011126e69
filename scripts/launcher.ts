import 'reflect-metadata';
import { MIGRATIONS } from '@mptf/migrations';
import {
  AppConfig,
  createScriptDataSource,
  DatabaseReadyMessage,
  EmbeddedPostgresHandle,
  LauncherMessage,
  parseEnv,
  prepareDatabase,
  startEmbeddedPostgres,
} from '@mptf/platform';
import type * as Seeds from '@mptf/seeds';
import { ChildProcess } from 'node:child_process';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../seeds/demo/demo-users.data';
import { seedReference } from '../seeds/reference.seed';

/**
 * The part of `npm start` after the API and the worker were forked (start.ts): the database,
 * then `database-ready` to them, then the URL and the logins. Stops in order: the services first
 * (they close their connections), then the embedded PostgreSQL (in a process group of its own,
 * so Ctrl-C reaches it only through here).
 */
const say = (message: string) => process.stdout.write(`${message}\n`);

/** How long the services get to close before they are killed (a stuck job, a hung pool). */
const SERVICE_STOP_MS = 20_000;

export interface Service {
  name: 'api' | 'worker';
  child: ChildProcess;
}

export function launch(services: Service[]): void {
  const launcher = new Launcher(services);
  process.on('SIGINT', () => void launcher.stop(0));
  process.on('SIGTERM', () => void launcher.stop(0));
  launcher.run().catch(async (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`npm start failed: ${message}\n`);
    await launcher.stop(1);
  });
}

class Launcher {
  private embedded?: EmbeddedPostgresHandle;
  private ready = false;
  private stopping = false;

  constructor(private readonly services: Service[]) {
    for (const { name, child } of services) {
      child.on('exit', (code) => {
        if (this.stopping) return;
        process.stderr.write(`The ${name} process exited (code ${code}); stopping.\n`);
        void this.stop(code || 1);
      });
    }
  }

  async run(): Promise<void> {
    const env = parseEnv();
    const childEnv: Record<string, string> = {};
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
      this.embedded = await startEmbeddedPostgres({
        dataDir: env.EMBEDDED_PG_DIR,
        dataDirChosen: process.env.EMBEDDED_PG_DIR !== undefined,
        say,
        port: env.EMBEDDED_PG_PORT,
        database: 'mptf',
      });
      childEnv.DATABASE_URL = this.embedded.databaseUrl;
      process.env.DATABASE_URL = this.embedded.databaseUrl;
    }
    const config = new AppConfig(parseEnv({ ...process.env, ...childEnv }));
    say(
      config.queueBackend === 'redis'
        ? `Shape: production (PostgreSQL at DATABASE_URL, BullMQ on Redis at REDIS_URL)`
        : `Shape: ${this.embedded ? 'embedded default (PostgreSQL from npm' : 'PostgreSQL at DATABASE_URL'}, BullMQ on its PostgreSQL backend${this.embedded ? ')' : ''}`,
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
    try {
      const [{ empty }] = (await dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM users) AS empty')) as {
        empty: boolean;
      }[];
      // A database with users already has its reference data, so the API and the worker go on at
      // once and the reference data of this version is brought up to date while they boot. An
      // empty one is seeded before anything serves it; only then are the seeds loaded (the demo
      // seed runs the real services, so it loads every domain module).
      if (!empty) this.databaseReady(childEnv);
      await dataSource.transaction((manager) => seedReference(manager));
      if (empty && config.isDevelopment) {
        say('Empty database: seeding reference and demo data…');
        await loadSeeds().runDemoSeed((message) => say(`  ${message}`));
      }
      if (empty) this.databaseReady(childEnv);
    } finally {
      await dataSource.destroy();
    }

    const url = `http://localhost:${config.env.PORT}`;
    await waitForHealth(`${url}/health`);
    say('');
    say(`Migration MPTF is running at ${url}`);
    say(`  API: ${url}/api/v1   OpenAPI: ${url}/api/docs   Health: ${url}/health`);
    if (config.isDevelopment) {
      say(`  Demo logins (password ${DEMO_PASSWORD}):`);
      for (const user of DEMO_LOGINS) say(`    ${user.email.padEnd(26)} ${user.roles.join(', ')}`);
    }
  }

  /** The services go on: the database is up and migrated (and seeded when it was empty). */
  private databaseReady(env: Record<string, string>): void {
    this.ready = true;
    const message: DatabaseReadyMessage = { type: 'mptf:database-ready', env, schemaReady: true };
    for (const { child } of this.services) if (child.connected) child.send(message);
  }

  /**
   * The services first, and only once they have exited (closed their pools) the database. A
   * service still waiting for `database-ready` is only loading code: SIGTERM ends it. One that
   * runs is sent `stop` rather than a signal: on Ctrl-C it already has its SIGINT, and a second
   * signal would cut its shutdown short.
   */
  async stop(code: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const running = this.services.map(({ child }) => child).filter((child) => !exited(child));
    for (const child of running) {
      if (this.ready && child.connected) child.send({ type: 'mptf:stop' } satisfies LauncherMessage);
      else child.kill('SIGTERM');
    }
    const all = Promise.all(running.map((child) => new Promise((done) => child.once('exit', done))));
    const timer = setTimeout(
      () => running.forEach((child) => exited(child) || child.kill('SIGKILL')),
      SERVICE_STOP_MS,
    );
    await all;
    clearTimeout(timer);
    await this.embedded?.stop().catch(() => undefined);
    process.exit(code);
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function loadSeeds(): typeof Seeds {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@mptf/seeds') as typeof Seeds;
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} did not answer within a minute`);
}
