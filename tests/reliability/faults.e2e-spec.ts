import { INestApplication } from '@nestjs/common';
import { PasswordHasher } from '@mptf/identity';
import { MIGRATIONS } from '@mptf/migrations';
import { createScriptDataSource, prepareDatabase } from '@mptf/platform';
import { DEMO_PASSWORD, DEMO_USERS, seedReference } from '@mptf/seeds';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { spawnService, WORKER_MAIN } from '../../bench/lib/processes';
import { eligibleProposal } from '../proposals/proposal-fixtures';
import { requireRoute } from '../support/routes';
import { TEST_REDIS_URL } from '../support/services';
import { createTestContext, eventually, TestContext } from '../support/test-context';
import { reportFigure } from './support/figures';
import { ADMIN, FMU, IOM } from './support/fixtures';
import {
  postgresBinaries,
  privatePostgres,
  PrivatePostgres,
  privateRedis,
  PrivateRedis,
} from './support/private-servers';

/**
 * Faults, on servers this suite starts itself on other ports (never the machine's shared
 * PostgreSQL and Redis): Redis down and back, PostgreSQL restarted under a running API, a worker
 * killed in the middle of a report.
 */
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe('reliability: Redis down and back', () => {
  let redis: PrivateRedis;
  let t: TestContext;
  beforeAll(async () => {
    redis = await privateRedis();
    t = await createTestContext({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('answers 503 while Redis is down, writes nothing half, and recovers without a restart', async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    const admin = await t.as(ADMIN);
    const [{ n: before }] = (await t.db.query('SELECT count(*)::int AS n FROM worker_heartbeats')) as {
      n: number;
    }[];
    requireRoute(t.app, 'POST', '/api/v1/reports');
    const [{ n: runsBefore }] = (await t.db.query('SELECT count(*)::int AS n FROM report_runs')) as {
      n: number;
    }[];

    await redis.stop();
    const health = await eventually(async () => {
      const response = await t.http.get('/health');
      return response.status === 503 ? response : null;
    }, 10_000);
    expect(health.body.info.redis.status).toBe('down');
    expect(health.body.info.database.status).toBe('up');

    const started = Date.now();
    const enqueue = await t.http.post('/api/v1/system/heartbeats').set(admin);
    const enqueueMs = Date.now() - started;
    expect(enqueue.status).toBe(503);
    expect(enqueue.body.message).toMatch(/queue|Redis/i);
    expect(enqueueMs).toBeLessThan(5000);
    const [{ n: after }] = (await t.db.query('SELECT count(*)::int AS n FROM worker_heartbeats')) as {
      n: number;
    }[];
    expect(after).toBe(before);
    const report = await t.http
      .post('/api/v1/reports')
      .set(await t.as(FMU))
      .send({ type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: 2025 } });
    const reportStatus = report.status;
    expect(report.status).toBe(503);
    // Either no run was written, or the one written says it failed: none waits for a job that never comes.
    const [{ stuck }] = (await t.db.query(
      `SELECT count(*)::int AS stuck FROM (SELECT * FROM report_runs ORDER BY created_at OFFSET $1) r WHERE status <> 'FAILED'`,
      [runsBefore],
    )) as { stuck: number }[];
    expect(stuck).toBe(0);

    const restarted = Date.now();
    await redis.start();
    await eventually(async () => (await t.http.get('/health')).status === 200, 30_000);
    const recoveredMs = Date.now() - restarted;
    await t.startWorker();
    const heartbeat = await t.http.post('/api/v1/system/heartbeats').set(admin);
    expect(heartbeat.status).toBe(202);
    await eventually(async () => {
      const response = await t.http.get(`/api/v1/system/heartbeats/${heartbeat.body.id}`).set(admin);
      return response.body.processedAt;
    }, 20_000);

    reportFigure('faults', 'Redis down: GET /health', health.status, '503', health.status === 503);
    reportFigure(
      'faults',
      `Redis down: enqueue (POST /system/heartbeats) in ${seconds(enqueueMs)}`,
      enqueue.status,
      '503 naming the queue',
      enqueue.status === 503,
    );
    reportFigure('faults', 'Redis down: POST /reports', reportStatus, '503', reportStatus === 503);
    reportFigure('faults', 'Redis down: half-written rows', after - before, '0', after === before);
    reportFigure(
      'faults',
      'Redis back: healthy again and a job processed after',
      seconds(recoveredMs),
      'recovers without a restart',
      true,
    );
  }, 90_000);
});

/** Boots the API (as main.ts does) against the given servers, with supertest on it. */
async function apiAgainst(
  env: Record<string, string>,
): Promise<{ app: INestApplication; token(email: string): Promise<string> }> {
  Object.assign(process.env, env, { LOGIN_THROTTLE_LIMIT: '1000' });
  const app = await createApiApp({ logger: false });
  await app.init();
  return {
    app,
    token: async (email) => {
      const response = await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email, password: DEMO_PASSWORD });
      if (response.status !== 200) throw new Error(`login ${email}: ${response.status}`);
      return response.body.accessToken as string;
    },
  };
}

async function seedPrivateDatabase(url: string): Promise<void> {
  await prepareDatabase(url, MIGRATIONS);
  const dataSource = createScriptDataSource(url);
  await dataSource.initialize();
  try {
    await dataSource.transaction((manager) => seedReference(manager));
    const hash = await new PasswordHasher().hash(DEMO_PASSWORD);
    for (const user of DEMO_USERS) {
      await dataSource.query(
        `INSERT INTO users (email, name, password_hash, roles, organization_id)
         SELECT $1, $2, $3, $4::text[], id FROM organizations WHERE code = $5`,
        [user.email, user.name, hash, user.roles, user.organizationCode],
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

/** A private PostgreSQL needs the server binaries: without them this is skipped, saying why. */
const postgresBin = postgresBinaries();
if (!postgresBin) {
  process.stdout.write(
    '[reliability] faults: PostgreSQL restart SKIPPED: no PostgreSQL server binaries (pg_ctl under /usr/lib/postgresql; apt-get install postgresql)\n',
  );
}

(postgresBin ? describe : describe.skip)('reliability: PostgreSQL restart under a running API', () => {
  let postgres: PrivatePostgres;
  let api: Awaited<ReturnType<typeof apiAgainst>> | undefined;
  const saved = { ...process.env };
  beforeAll(async () => {
    postgres = await privatePostgres(postgresBin as string);
    const url = postgres.url('mptf_faults');
    await seedPrivateDatabase(url);
    api = await apiAgainst({
      DATABASE_URL: url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `faults_${process.pid}_${Date.now().toString(36)}`,
    });
  }, 120_000);
  afterAll(async () => {
    await api?.app.close();
    await postgres?.destroy();
    process.env = saved;
  });

  it('fails cleanly (503) while PostgreSQL is down and succeeds after it is back, without an API restart', async () => {
    if (!api) throw new Error('The API against the private PostgreSQL did not start');
    const http = request(api.app.getHttpServer());
    const fmu = { Authorization: `Bearer ${await api.token(FMU)}` };
    const iom = { Authorization: `Bearer ${await api.token(IOM)}` };
    expect((await http.get('/api/v1/proposals').set(fmu)).status).toBe(200);
    expect((await http.post('/api/v1/proposals').set(iom).send(eligibleProposal())).status).toBe(201);

    await postgres.stop();
    const outage: number[] = [];
    let slowest = 0;
    for (const call of [
      () => http.get('/health'),
      () => http.get('/api/v1/proposals').set(fmu),
      () => http.post('/api/v1/proposals').set(iom).send(eligibleProposal()),
      () => http.get('/api/v1/fund/status').set(fmu),
    ]) {
      const started = Date.now();
      const response = await call();
      slowest = Math.max(slowest, Date.now() - started);
      outage.push(response.status);
      if (response.status === 503 && response.body.info === undefined)
        expect(response.body.message).toMatch(/database/i);
    }
    expect(outage).toEqual([503, 503, 503, 503]);
    expect(slowest).toBeLessThan(10_000);

    const restarted = Date.now();
    await postgres.start();
    await eventually(async () => (await http.get('/api/v1/proposals').set(fmu)).status === 200, 30_000);
    const recoveredMs = Date.now() - restarted;
    expect((await http.post('/api/v1/proposals').set(iom).send(eligibleProposal())).status).toBe(201);
    expect((await http.get('/health')).status).toBe(200);

    reportFigure(
      'faults',
      `PostgreSQL down: health, list, create, fund status (slowest ${seconds(slowest)})`,
      outage.join(' '),
      '503 503 503 503',
      outage.every((s) => s === 503),
    );
    reportFigure(
      'faults',
      'PostgreSQL back: reads and writes succeed again after',
      seconds(recoveredMs),
      'recovers without a restart',
      true,
    );
  }, 120_000);
});

describe('reliability: worker killed in the middle of a report', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('finishes the report on another worker, once', async () => {
    requireRoute(t.app, 'POST', '/api/v1/reports');
    const env = {
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: t.queuePrefix,
      REPORTS_DIR: process.env.REPORTS_DIR as string,
      UPLOADS_DIR: process.env.UPLOADS_DIR as string,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      WORKER_LOCK_DURATION_MS: '2000',
      WORKER_STALLED_INTERVAL_MS: '1000',
      REPORT_RENDER_DELAY_MS: '300',
    };
    const logDir = `/tmp/mptf-tests/${t.queuePrefix}/logs`;
    const first = spawnService('worker-1', WORKER_MAIN, env, logDir);
    const fmu = await t.as(FMU);
    let second: ReturnType<typeof spawnService> | undefined;
    try {
      await first.waitForLog('Worker started', 60_000);
      const created = await t.http
        .post('/api/v1/reports')
        .set(fmu)
        .send({ type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: 2025 } });
      expect(created.status).toBe(202);
      const id = created.body.id as string;
      await eventually(
        async () => (await t.http.get(`/api/v1/reports/${id}`).set(fmu)).body.status === 'RUNNING',
        30_000,
      );
      await first.kill();
      const killedAt = Date.now();
      second = spawnService('worker-2', WORKER_MAIN, env, logDir);
      const run = await eventually(async () => {
        const response = await t.http.get(`/api/v1/reports/${id}`).set(fmu);
        return ['SUCCEEDED', 'FAILED'].includes(response.body.status) ? response.body : null;
      }, 90_000);
      const recoveredMs = Date.now() - killedAt;
      expect(run.status).toBe('SUCCEEDED');
      const file = await t.http.get(`/api/v1/reports/${id}/file`).set(fmu).buffer(true);
      expect(file.status).toBe(200);
      expect(
        Buffer.from(file.body as Buffer)
          .subarray(0, 4)
          .toString(),
      ).toBe('%PDF');
      const [{ attempts }] = (await t.db.query(
        'SELECT count(*)::int AS attempts FROM report_run_attempts WHERE run_id = $1',
        [id],
      )) as { attempts: number }[];
      reportFigure(
        'faults',
        'worker SIGKILL mid-report: finished by the other worker after',
        seconds(recoveredMs),
        'SUCCEEDED, a valid PDF',
        true,
      );
      reportFigure(
        'faults',
        'worker SIGKILL mid-report: processing attempts',
        attempts,
        '2 (the killed one and the finishing one)',
        attempts >= 2,
      );
    } finally {
      await first.kill();
      await second?.stop();
    }
  }, 180_000);
});
