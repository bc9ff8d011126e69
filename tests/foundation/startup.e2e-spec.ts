import { MIGRATIONS } from '@mptf/migrations';
import { createScriptDataSource, prepareDatabase } from '@mptf/platform';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, AddressInfo } from 'node:net';
import { join } from 'node:path';
import { API_MAIN, freePort, spawnService } from '../../bench/lib/processes';
import { databaseUrl } from '../support/services';
import { dropDatabase, eventually } from '../support/test-context';

const START_SCRIPT = join(__dirname, '../../dist/scripts/start.js');
const SEED_SCRIPT = join(__dirname, '../../dist/seeds/run.js');

/** Runs `node dist/scripts/start.js` (what `npm start` runs after building) with a clean env. */
function startProcess(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !['DATABASE_URL', 'REDIS_URL', 'QUEUE_PREFIX', 'JWT_SECRET'].includes(key),
    ),
  );
  const child = spawn(process.execPath, [START_SCRIPT], {
    env: { ...clean, LOG_LEVEL: 'warn', ...env },
    stdio: 'pipe',
    // Its own process group, so a test can stop it as Ctrl-C does (SIGINT to the whole group).
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Ctrl-C: SIGINT to the launcher, the API, the worker (and whatever else is in its group). */
  const interrupt = () => {
    try {
      process.kill(-(child.pid as number), 'SIGINT');
    } catch {
      // already gone
    }
  };
  return { child, exited, interrupt, output: () => output };
}

/** What a process prints when a dropped database connection crashes it, or a stop is out of order. */
const CRASH_AT_STOP =
  /Unhandled 'error' event|node:events|57P01|terminating connection due to administrator command/;

/** Whether a process with this id is still there (a zombie counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** The embedded PostgreSQL's process id, from the postmaster.pid of its data folder. */
function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

describe('start-up', () => {
  it('migrates once when two processes start together, and creates a missing database', async () => {
    const name = `mptf_t_migrate_${process.pid}_${Date.now()}`;
    const url = databaseUrl(name);
    try {
      const [first, second] = await Promise.all([
        prepareDatabase(url, MIGRATIONS),
        prepareDatabase(url, MIGRATIONS),
      ]);
      expect([...first, ...second].sort()).toEqual(MIGRATIONS.map((m) => new m().name ?? m.name).sort());
      const dataSource = createScriptDataSource(url, MIGRATIONS);
      await dataSource.initialize();
      const rows = (await dataSource.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[];
      expect(rows).toHaveLength(MIGRATIONS.length);
      // Every migration can be reverted and applied again.
      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await dataSource.query('SELECT to_regclass($1) AS t', ['public.users'])).toEqual([{ t: null }]);
      await dataSource.runMigrations({ transaction: 'each' });
      expect((await dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n).toBe(
        MIGRATIONS.length,
      );
      await dataSource.destroy();
    } finally {
      await dropDatabase(name);
    }
  });

  it('exits non-zero naming DATABASE_URL when it is malformed or unreachable', async () => {
    const malformed = startProcess({ DATABASE_URL: 'mysql://nope' });
    expect(await malformed.exited).not.toBe(0);
    expect(malformed.output()).toMatch(/DATABASE_URL must be a URL starting with postgres/);

    const unreachable = startProcess({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/mptf',
      JWT_SECRET: 'a-secret-of-the-deployment-32-chars',
      PORT: '0',
    });
    expect(await unreachable.exited).not.toBe(0);
    expect(unreachable.output()).toMatch(/Cannot prepare the database at DATABASE_URL/);
  });

  it('outside development (DATABASE_URL, NODE_ENV unset) refuses the built-in key: npm start, the API and seed:demo stop naming JWT_SECRET', async () => {
    const outside = { DATABASE_URL: databaseUrl(`mptf_t_nokey_${process.pid}`), NODE_ENV: '', PORT: '0' };
    const started = startProcess(outside);
    expect(await started.exited).not.toBe(0);
    expect(started.output()).toMatch(/npm start failed: Invalid configuration: JWT_SECRET must be set/);

    const logDir = mkdtempSync(join(tmpdir(), 'mptf-nokey-'));
    try {
      for (const key of ['', 'mptf-development-secret-not-for-production']) {
        const api = spawnService('api', API_MAIN, { ...outside, JWT_SECRET: key }, logDir);
        expect(await api.exited).not.toBe(0);
        expect(readFileSync(api.logFile, 'utf8')).toMatch(
          /API failed to start: Invalid configuration: JWT_SECRET must be set/,
        );
      }
      const seed = spawnSync(process.execPath, [SEED_SCRIPT, 'demo'], {
        env: { ...process.env, ...outside, JWT_SECRET: 'a-secret-of-the-deployment-32-chars' },
        encoding: 'utf8',
      });
      expect(seed.status).not.toBe(0);
      expect(seed.stderr).toMatch(/seeded only in development: set NODE_ENV=development/);
    } finally {
      rmSync(logDir, { recursive: true, force: true });
    }
  });

  it('with DATABASE_URL and JWT_SECRET but no NODE_ENV, npm start says production and seeds no demo users', async () => {
    const name = `mptf_t_production_${process.pid}_${Date.now()}`;
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'mptf-production-'));
    const started = startProcess({
      DATABASE_URL: databaseUrl(name),
      JWT_SECRET: 'a-secret-of-the-deployment-32-chars',
      NODE_ENV: '',
      PORT: String(port),
      REPORTS_DIR: join(dir, 'reports'),
      UPLOADS_DIR: join(dir, 'uploads'),
    });
    try {
      await eventually(
        async () => started.output().includes('is running at') || started.child.exitCode !== null,
        120000,
      );
      expect(started.output()).toContain(
        'Mode: production (DATABASE_URL set, NODE_ENV not development): tokens signed with JWT_SECRET; no demo data',
      );
      expect(started.output()).not.toContain('admin@mptf.test');
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@mptf.test', password: 'demo1234' }),
      });
      expect(login.status).toBe(401);
      const dataSource = createScriptDataSource(databaseUrl(name), MIGRATIONS);
      await dataSource.initialize();
      const [{ users }] = (await dataSource.query('SELECT count(*)::int AS users FROM users')) as {
        users: number;
      }[];
      await dataSource.destroy();
      expect(users).toBe(0);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
      await dropDatabase(name);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180000);

  it("exits non-zero with the embedded server's own words when its port is taken", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mptf-embedded-'));
    chmodSync(dataDir, 0o755);
    const taken = createServer();
    await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
    const { port } = taken.address() as AddressInfo;
    try {
      const started = startProcess({ EMBEDDED_PG_DIR: join(dataDir, 'pg'), EMBEDDED_PG_PORT: String(port) });
      expect(await started.exited).not.toBe(0);
      expect(started.output()).toMatch(
        new RegExp(
          `npm start failed: The embedded PostgreSQL \\(port ${port}, .*\\) stopped while starting: .*\\S`,
        ),
      );
      expect(started.output()).not.toContain('TypeError');
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120000);

  it('runs the embedded default with nothing configured: embedded PostgreSQL, BullMQ on PostgreSQL, a real job; Ctrl-C stops it in order, and a restart serves again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mptf-embedded-'));
    // As root the server runs as the postgres OS user, which must be able to enter the folder.
    chmodSync(dataDir, 0o755);
    // Free ports, not random ones: other suites start servers at the same time.
    const port = await freePort();
    let pgPort = await freePort();
    while (pgPort === port) pgPort = await freePort();
    const env = {
      EMBEDDED_PG_DIR: join(dataDir, 'pg'),
      EMBEDDED_PG_PORT: String(pgPort),
      PORT: String(port),
      REPORTS_DIR: join(dataDir, 'reports'),
      UPLOADS_DIR: join(dataDir, 'uploads'),
    };
    let started = startProcess(env);
    try {
      await eventually(
        async () => started.output().includes('is running at') || started.child.exitCode !== null,
        120000,
      );
      expect(started.output()).toContain('Shape: embedded default');
      expect(started.output()).toContain('Mode: development (the embedded default)');
      expect(started.output()).toContain('admin@mptf.test');
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ info: { redis: { status: 'up', backend: 'postgres' } } });

      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@mptf.test', password: 'demo1234' }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const auth = { Authorization: `Bearer ${accessToken}` };
      const requested = (await (
        await fetch(`${base}/api/v1/system/heartbeats`, { method: 'POST', headers: auth })
      ).json()) as { id: string };
      const processed = await eventually(async () => {
        const body = (await (
          await fetch(`${base}/api/v1/system/heartbeats/${requested.id}`, { headers: auth })
        ).json()) as { processedAt: string | null };
        return body.processedAt ? body : undefined;
      }, 30000);
      expect(processed.processedAt).toEqual(expect.any(String));

      // Ctrl-C: the API and the worker close their connections before the database stops, so
      // none of them meets "terminating connection" (57P01), and none crashes on an 'error' event.
      const postgres = postmasterPid(join(dataDir, 'pg'));
      started.interrupt();
      // With its output, so a failed stop says why.
      expect([await started.exited, started.output()]).toEqual([0, expect.any(String)]);
      expect(started.output()).not.toMatch(CRASH_AT_STOP);
      await eventually(async () => !alive(postgres), 10000);

      // Restart, nothing changed: no migration, no seed, the same logins; and stopped again as cleanly.
      started = startProcess(env);
      await eventually(
        async () => started.output().includes('is running at') || started.child.exitCode !== null,
        120000,
      );
      expect(started.output()).toContain('Database schema is up to date.');
      expect(started.output()).not.toContain('seeding');
      expect(started.output()).toContain('admin@mptf.test');
      expect((await fetch(`${base}/health`)).status).toBe(200);
      started.interrupt();
      // With its output, so a failed stop says why.
      expect([await started.exited, started.output()]).toEqual([0, expect.any(String)]);
      expect(started.output()).not.toMatch(CRASH_AT_STOP);
    } finally {
      started.child.kill('SIGTERM');
      await started.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 360000);

  it('runs the API in API_PROCESSES processes on one port, replaces one that dies, and stops them all', async () => {
    const name = `mptf_t_processes_${process.pid}_${Date.now()}`;
    const port = await freePort();
    const logDir = mkdtempSync(join(tmpdir(), 'mptf-processes-'));
    const api = spawnService(
      'api',
      API_MAIN,
      { DATABASE_URL: databaseUrl(name), PORT: String(port), HOST: '127.0.0.1', API_PROCESSES: '2' },
      logDir,
    );
    /** The pids of the primary's child processes (from /proc: no ps needed). */
    const children = () =>
      readdirSync('/proc')
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
          try {
            // The fields after "(comm)": state, then the parent's pid.
            return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(api.pid);
          } catch {
            return false; // gone meanwhile
          }
        })
        .map(Number);
    const healthy = async () => (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
    try {
      await api.waitForLog('API listening', 120000);
      expect(readFileSync(api.logFile, 'utf8')).toContain('(production mode; 2 processes;');
      const [first, second] = children();
      expect(children()).toHaveLength(2);
      const answers = await Promise.all(Array.from({ length: 20 }, () => healthy()));
      expect(answers.every(Boolean)).toBe(true);

      process.kill(first, 'SIGKILL');
      await api.waitForLog(`API process ${first} stopped`, 30000);
      const replaced = await eventually(async () => {
        const now = children();
        return now.length === 2 && !now.includes(first) && now;
      }, 60000);
      expect(replaced).toContain(second);
      await eventually(healthy, 60000);

      await api.stop(20000);
      expect(await api.exited).toBe(0);
      expect(children()).toEqual([]);
    } finally {
      await api.kill();
      await dropDatabase(name);
      rmSync(logDir, { recursive: true, force: true });
    }
  }, 180000);
});
