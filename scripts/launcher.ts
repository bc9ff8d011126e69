import 'reflect-metadata';
import { MIGRATIONS } from '@mptf/migrations';
import type * as Platform from '@mptf/platform';
import {
  AppConfig,
  DatabaseReadyMessage,
  EmbeddedPostgresHandle,
  LauncherMessage,
  parseEnv,
  startEmbeddedPostgres,
} from '@mptf/platform/launcher';
import type * as Seeds from '@mptf/seeds';
import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../seeds/demo/demo-users.data';

/**
 * The part of `npm start` after the API was forked (start.ts): the database, then
 * `database-ready` to the API, then, once it answers /health, the URL and the logins and the
 * worker. Stops in order: the services first (they close their connections), then the embedded
 * PostgreSQL (in a process group of its own, so Ctrl-C reaches it only through here).
 *
 * Until the API answers, nothing else takes its CPU on a 2-CPU machine: this process loads only
 * the light face of the platform (no Nest, TypeORM or BullMQ) and, on a restart, checks the
 * schema and the users with one pg connection; TypeORM is loaded only to migrate or seed. The
 * worker (about 1.5 s of CPU to load and boot) is forked once the API answers, and the reference
 * data of this version is brought up to date then (a database with users already has it).
 */
const say = (message: string) => process.stdout.write(`${message}\n`);

/** How long the services get to close before they are killed (a stuck job, a hung pool). */
const SERVICE_STOP_MS = 20_000;

export interface Service {
  name: 'api' | 'worker';
  child: ChildProcess;
}

export function launch(api: Service, forkWorker: () => Service): void {
  const launcher = new Launcher(api, forkWorker);
  process.on('SIGINT', () => void launcher.stop(0));
  process.on('SIGTERM', () => void launcher.stop(0));
  launcher.run().catch(async (error: unknown) => {
    // Stopped (Ctrl-C) while it still worked, e.g. on the reference data once the API answered:
    // the database going away ended that work (its transaction is rolled back); not a failure.
    if (launcher.stopping) return;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`npm start failed: ${message}\n`);
    await launcher.stop(1);
  });
}

/** What a restart needs to know before the API may go on, read with one plain pg connection. */
interface DatabaseState {
  /** Every migration of this version is applied (false when the database or the table is missing). */
  schemaCurrent: boolean;
  /** It has users (so its reference data was seeded by an earlier start). */
  hasUsers: boolean;
}

class Launcher {
  private embedded?: EmbeddedPostgresHandle;
  private readonly services: Service[] = [];
  private readyEnv?: Record<string, string>;
  stopping = false;

  constructor(
    api: Service,
    private readonly forkWorker: () => Service,
  ) {
    this.add(api);
  }

  private add(service: Service): void {
    this.services.push(service);
    service.child.on('exit', (code, signal) => {
      if (this.stopping) return;
      // Ctrl-C reaches the whole group: on a busy machine a service may finish its orderly stop
      // before this process handles its own SIGINT. That is a stop, not a failure.
      const stopped = code === 0 || signal === 'SIGINT' || signal === 'SIGTERM';
      if (!stopped)
        process.stderr.write(`The ${service.name} process exited (code ${code ?? signal}); stopping.\n`);
      void this.stop(stopped ? 0 : code || 1);
    });
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

    const state = await databaseState(config.databaseUrl);
    let seededReference = false;
    if (state.schemaCurrent && state.hasUsers) {
      // A restart: nothing to migrate, nothing to seed first; the API goes on at once.
      say('Database schema is up to date.');
      this.databaseReady(childEnv);
    } else {
      const platform = loadPlatform();
      try {
        const applied = await platform.prepareDatabase(config.databaseUrl, MIGRATIONS);
        say(applied.length ? `Applied ${applied.length} migration(s).` : 'Database schema is up to date.');
      } catch (error) {
        throw new Error(`Cannot prepare the database at DATABASE_URL: ${(error as Error).message}`, {
          cause: error,
        });
      }
      // A database with users already has its reference data: the API goes on now, and the
      // reference data of this version is brought up to date once it answers. An empty one is
      // seeded before anything serves it; only then are the seeds loaded (the demo seed runs the
      // real services, so it loads every domain module).
      const empty = !(await databaseState(config.databaseUrl)).hasUsers;
      if (!empty) this.databaseReady(childEnv);
      else {
        await this.seedReference(config.databaseUrl);
        seededReference = true;
        if (config.isDevelopment) {
          say('Empty database: seeding reference and demo data…');
          await loadSeeds().runDemoSeed((message) => say(`  ${message}`));
        }
        this.databaseReady(childEnv);
      }
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
    this.startWorker();
    if (!seededReference) await this.seedReference(config.databaseUrl);
  }

  /** The reference data of this version (thematic areas, countries, …), in one transaction. */
  private async seedReference(databaseUrl: string): Promise<void> {
    const { seedReference } = loadReferenceSeed();
    const dataSource = loadPlatform().createScriptDataSource(databaseUrl);
    await dataSource.initialize();
    try {
      await dataSource.transaction((manager) => seedReference(manager));
    } finally {
      await dataSource.destroy();
    }
  }

  /** The worker, once the API answers: it gets `database-ready` at once (queued on its channel). */
  private startWorker(): void {
    if (this.stopping || !this.readyEnv) return;
    const worker = this.forkWorker();
    this.add(worker);
    this.send(worker, this.readyEnv);
  }

  /** The API goes on: the database is up and migrated (and seeded when it was empty). */
  private databaseReady(env: Record<string, string>): void {
    this.readyEnv = env;
    for (const service of this.services) this.send(service, env);
  }

  private send({ child }: Service, env: Record<string, string>): void {
    const message: DatabaseReadyMessage = { type: 'mptf:database-ready', env, schemaReady: true };
    if (child.connected) child.send(message);
  }

  /**
   * The services first, and only once they have exited (closed their pools) the database. A
   * service not yet told `database-ready` is only loading code: SIGTERM ends it. One that was
   * told is sent `stop` rather than a signal: on Ctrl-C it already has its SIGINT, and a second
   * signal would cut its shutdown short (a worker still loading reads `stop` after `database-ready`
   * from its channel and stops as soon as it listens).
   */
  async stop(code: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const running = this.services.map(({ child }) => child).filter((child) => !exited(child));
    for (const child of running) {
      if (this.readyEnv && child.connected) child.send({ type: 'mptf:stop' } satisfies LauncherMessage);
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

/**
 * Whether every migration of this version is applied (by name, as TypeORM records them) and
 * whether there are users. A missing database or migrations table reads as "not current": the
 * full path (TypeORM, under the migration lock) then creates and migrates it.
 */
async function databaseState(databaseUrl: string): Promise<DatabaseState> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'mptf-start' });
  // An error of the server while connected (e.g. it stops) must not crash the launcher.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === '3D000') return { schemaCurrent: false, hasUsers: false };
    throw new Error(`Cannot prepare the database at DATABASE_URL: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const tables = (
      await client.query<{ migrations: boolean; users: boolean }>(
        `SELECT to_regclass('migrations') IS NOT NULL AS migrations, to_regclass('users') IS NOT NULL AS users`,
      )
    ).rows[0];
    const applied = new Set(
      tables.migrations
        ? (await client.query<{ name: string }>('SELECT name FROM migrations')).rows.map((row) => row.name)
        : [],
    );
    const schemaCurrent = MIGRATIONS.every((migration) =>
      applied.has(new migration().name ?? migration.name),
    );
    const hasUsers = tables.users
      ? (await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM users) AS any')).rows[0].any
      : false;
    return { schemaCurrent, hasUsers };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** The whole platform (Nest, TypeORM, BullMQ): only to migrate or seed. */
function loadPlatform(): typeof Platform {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const platform = require('@mptf/platform') as typeof Platform;
  // Ctrl-C while it migrates or seeds: a connection the stopping server drops must not crash
  // the launcher before it has stopped its services and the server in order.
  platform.guardPgClientErrors();
  return platform;
}

function loadReferenceSeed(): typeof import('../seeds/reference.seed') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../seeds/reference.seed') as typeof import('../seeds/reference.seed');
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
