import 'reflect-metadata';
import { PortfolioDimension } from '@mptf/finance';
import { RollupGrouping } from '@mptf/results';
import IORedis from 'ioredis';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { bareAnnualReport, bareContributorStatement } from './baselines/annual-report';
import { bareCreateAndSubmit, intakeBody, intakeFixture } from './baselines/intake';
import { benchConfig, generatedSize, generatePortfolio, PortfolioSize } from './generate-portfolio';
import { ApiClient } from './lib/api-client';
import { CapturedQuery, portfolioSql, rollupSql } from './lib/captured-sql';
import { Figure, ms, notAvailable, renderTable, times } from './lib/figures';
import {
  API_MAIN,
  freePort,
  ServiceProcess,
  sleep,
  spawnService,
  waitForHttp,
  WORKER_MAIN,
} from './lib/processes';
import { reviewQueueSql } from './lib/review-queue-sql';
import { latencyStats, runLoad, timed } from './lib/stats';

/**
 * `npm run bench`: generates the portfolio, starts the real API and workers as processes, and
 * measures each figure of issue 9 beside a baseline measured in the same run. Writes
 * bench/results/latest.json and latest.md. Figures that need routes this build does not have
 * print "not available: <route> missing" instead of failing.
 */
const RESULTS_DIR = resolve(__dirname, '../../bench/results');

function intEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? '');
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const SETTINGS = {
  requests: intEnv('BENCH_REQUESTS', 200),
  concurrency: intEnv('BENCH_CONCURRENCY', 1),
  warmup: intEnv('BENCH_WARMUP', 20),
  intakeProposals: intEnv('BENCH_INTAKE_PROPOSALS', 1000),
  intakeConcurrency: intEnv('BENCH_INTAKE_CONCURRENCY', 16),
  /**
   * Create+submit pairs before the measured ones: a running API, not a new one. Throughput still
   * rises over the first 600 or so (compiled code; each pooled connection preparing and planning
   * its statements): 147–166/s after 200, 204–241/s after 1,000, in runs minutes apart.
   */
  intakeWarmup: intEnv('BENCH_INTAKE_WARMUP', 1000),
  /** API_PROCESSES of the API under test: one per core, as the README advises for a host. */
  apiProcesses: intEnv('BENCH_API_PROCESSES', availableParallelism()),
  statements: intEnv('BENCH_STATEMENTS', 100),
  reportYear: intEnv('BENCH_REPORT_YEAR', 2025),
  reportTimeoutMs: intEnv('BENCH_REPORT_TIMEOUT_MS', 180_000),
  /** BENCH_ONLY=queries,intake,annual,statements measures a subset (latest.* are then not written). */
  only: (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
};
const measures = (group: string) => SETTINGS.only.length === 0 || SETTINGS.only.includes(group);

const USERS = {
  fmu: 'fmu@mptf.test',
  sc: 'sc.undp@mptf.test',
  focal: 'iom.focal@mptf.test',
  aa: 'aa@mptf.test',
};

interface Context {
  pool: Pool;
  api: ApiClient;
  env: Record<string, string>;
  logDir: string;
  workDir: string;
  workers: ServiceProcess[];
}

async function main(): Promise<void> {
  const { databaseUrl, size } = benchConfig();
  const started = Date.now();
  let generation: { seconds: number; rows: Record<string, number> } | 'reused';
  const existing = process.env.BENCH_REUSE === '1' ? await generatedSize(databaseUrl) : null;
  if (existing && JSON.stringify(existing) === JSON.stringify(size)) {
    process.stdout.write(`generate: reusing ${databaseUrl} (BENCH_REUSE=1, same size)\n`);
    generation = 'reused';
  } else {
    const generated = await generatePortfolio(databaseUrl, size);
    generation = { seconds: generated.seconds, rows: generated.rows };
  }

  const workDir = mkdtempSync(join(tmpdir(), 'mptf-bench-'));
  const logDir = join(workDir, 'logs');
  const port = await freePort();
  const queuePrefix = `bench_${Date.now().toString(36)}`;
  const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(24).toString('hex'),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    HOST: '127.0.0.1',
    PORT: String(port),
    API_PROCESSES: String(SETTINGS.apiProcesses),
    LOGIN_THROTTLE_LIMIT: '1000000',
    // 100 contributor statements are requested at once by one user.
    REPORT_RUNS_PER_USER: '1000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
    REPORTS_DIR: join(workDir, 'reports'),
    UPLOADS_DIR: join(workDir, 'uploads'),
  };
  const pool = new Pool({ connectionString: databaseUrl, max: 20, application_name: 'mptf-bench-raw' });
  const api = spawnService('api', API_MAIN, env, logDir);
  const context: Context = {
    pool,
    api: new ApiClient(`http://127.0.0.1:${port}`),
    env,
    logDir,
    workDir,
    workers: [],
  };
  const figures: Figure[] = [];
  try {
    await waitForHttp(`http://127.0.0.1:${port}/health`, 120_000, api);
    process.stdout.write(`api: listening on ${port} (pid ${api.pid}), logs in ${logDir}\n`);
    if (measures('queries')) figures.push(...(await queryFigures(context)));
    if (measures('intake')) figures.push(await intakeFigure(context));
    if (measures('annual')) figures.push(await annualReportFigure(context));
    if (measures('statements')) figures.push(await statementsFigure(context));
  } finally {
    context.api.close();
    for (const worker of context.workers) await worker.stop();
    await api.stop();
    await pool.end();
    await dropQueueKeys(redisUrl, queuePrefix);
  }

  const table = renderTable(figures);
  process.stdout.write(`\n${table}\n\n`);
  const report = {
    generatedAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: machine(),
    postgres: await postgresVersion(databaseUrl),
    size,
    generation,
    settings: SETTINGS,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    figures,
  };
  if (SETTINGS.only.length) return;
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown(report, size, table));
  process.stdout.write(`written: bench/results/latest.json and latest.md\n`);
  rmSync(workDir, { recursive: true, force: true });
}

// ---- (b) read queries at portfolio scale ---------------------------------------------------------

async function queryFigures(context: Context): Promise<Figure[]> {
  const { api, pool } = context;
  const target = 'p95 ≤ 50 ms and ≤ 3× raw';
  const figures: Figure[] = [];
  const reads: {
    id: string;
    label: string;
    user: string;
    path: string;
    raw: () => Promise<CapturedQuery>;
  }[] = [
    {
      id: 'review-queue',
      label: 'GET /review-queue (SC member)',
      user: USERS.sc,
      path: '/api/v1/review-queue?page=1&pageSize=50',
      raw: () => reviewQueueSql(pool, USERS.sc, 50),
    },
    ...[PortfolioDimension.THEMATIC_AREA, PortfolioDimension.REGION, PortfolioDimension.ORGANIZATION].map(
      (groupBy) => ({
        id: `portfolio-${groupBy}`,
        label: `GET /portfolio?groupBy=${groupBy}`,
        user: USERS.fmu,
        path: `/api/v1/portfolio?groupBy=${groupBy}`,
        raw: () => portfolioSql(groupBy),
      }),
    ),
    ...(['thematicArea', 'gcmObjective', 'fundIndicator'] as RollupGrouping[]).map((by) => ({
      id: `rollup-${by}`,
      label: `GET /results/rollup?by=${by}&year=${SETTINGS.reportYear}`,
      user: USERS.fmu,
      path: `/api/v1/results/rollup?by=${by}&year=${SETTINGS.reportYear}`,
      raw: () => rollupSql(by, SETTINGS.reportYear),
    })),
  ];
  for (const read of reads) {
    const token = await api.login(read.user);
    const routePath = read.path.split('?')[0];
    if (await api.routeMissing('GET', routePath, token)) {
      figures.push(notAvailable(read.id, read.label, target, `GET ${routePath.replace('/api/v1', '')}`));
      continue;
    }
    process.stdout.write(`measure: ${read.label} …\n`);
    const query = await read.raw();
    const call = async () => {
      const response = await api.request('GET', read.path, { token });
      if (response.status !== 200)
        throw new Error(`${read.path}: ${response.status} ${JSON.stringify(response.body)}`);
    };
    const raw = async () => {
      await pool.query(query.sql, query.params);
    };
    await runLoad(SETTINGS.warmup, SETTINGS.concurrency, async () => call());
    await runLoad(SETTINGS.warmup, SETTINGS.concurrency, async () => raw());
    const apiLoad = await runLoad(SETTINGS.requests, SETTINGS.concurrency, async (_index, record) => {
      record((await timed(call)).ms);
    });
    const rawLoad = await runLoad(SETTINGS.requests, SETTINGS.concurrency, async (_index, record) => {
      record((await timed(raw)).ms);
    });
    const a = latencyStats(apiLoad.latencies);
    const r = latencyStats(rawLoad.latencies);
    const ratio = a.p95 / r.p95;
    const errors = apiLoad.errors.length + rawLoad.errors.length;
    figures.push({
      id: read.id,
      label: read.label,
      result: errors === 0 && a.p95 <= 50 && ratio <= 3 ? 'PASS' : 'MISS',
      measured: `p50 ${ms(a.p50)} / p95 ${ms(a.p95)}`,
      baseline: `raw SQL p50 ${ms(r.p50)} / p95 ${ms(r.p95)}`,
      ratio: times(ratio),
      target,
      values: {
        apiP50: a.p50,
        apiP95: a.p95,
        apiP99: a.p99,
        rawP50: r.p50,
        rawP95: r.p95,
        requests: a.count,
        concurrency: SETTINGS.concurrency,
        errors,
      },
      note: errors ? `errors: ${[...apiLoad.errors, ...rawLoad.errors].slice(0, 3).join('; ')}` : undefined,
    });
  }
  return figures;
}

// ---- (c) intake throughput -------------------------------------------------------------------------

async function intakeFigure(context: Context): Promise<Figure> {
  const { api, pool } = context;
  const target = '≥ 200 proposals/s, p99 ≤ 150 ms';
  const processes = `${SETTINGS.apiProcesses} API process${SETTINGS.apiProcesses > 1 ? 'es' : ''}`;
  const label = `Intake create+submit (${SETTINGS.intakeProposals}, ${SETTINGS.intakeConcurrency} in flight, ${processes})`;
  const token = await api.login(USERS.focal);
  process.stdout.write(`measure: ${label} …\n`);
  const once = async (index: number, record: (ms: number) => void) => {
    const created = await timed(() =>
      api.request<{ id: string }>('POST', '/api/v1/proposals', { token, body: intakeBody(index) }),
    );
    if (created.value.status !== 201)
      throw new Error(`create: ${created.value.status} ${JSON.stringify(created.value.body)}`);
    record(created.ms);
    const submitted = await timed(() =>
      api.request('POST', `/api/v1/proposals/${created.value.body.id}/submit`, { token }),
    );
    if (submitted.value.status !== 200)
      throw new Error(`submit: ${submitted.value.status} ${JSON.stringify(submitted.value.body)}`);
    record(submitted.ms);
  };
  await runLoad(SETTINGS.intakeWarmup, SETTINGS.intakeConcurrency, (index, _record) =>
    once(1_000_000 + index, () => undefined),
  );
  const load = await runLoad(SETTINGS.intakeProposals, SETTINGS.intakeConcurrency, once);
  const fixture = await intakeFixture(pool);
  await runLoad(SETTINGS.intakeWarmup, SETTINGS.intakeConcurrency, (index, _record) =>
    bareCreateAndSubmit(pool, fixture, 3_000_000 + index, () => undefined),
  );
  const bare = await runLoad(SETTINGS.intakeProposals, SETTINGS.intakeConcurrency, (index, record) =>
    bareCreateAndSubmit(pool, fixture, 2_000_000 + index, record),
  );
  const a = latencyStats(load.latencies);
  const b = latencyStats(bare.latencies);
  const completed = SETTINGS.intakeProposals - load.errors.length;
  const rate = completed / (load.wallMs / 1000);
  const bareRate = (SETTINGS.intakeProposals - bare.errors.length) / (bare.wallMs / 1000);
  return {
    id: 'intake',
    label,
    result: load.errors.length === 0 && rate >= 200 && a.p99 <= 150 ? 'PASS' : 'MISS',
    measured: `${rate.toFixed(0)}/s, p99 ${ms(a.p99)}`,
    baseline: `bare SQL ${bareRate.toFixed(0)}/s, p99 ${ms(b.p99)}`,
    ratio: `${times(bareRate / rate)} slower`,
    target,
    values: {
      proposalsPerSecond: Math.round(rate),
      requestsPerSecond: Math.round((a.count / load.wallMs) * 1000),
      p50: a.p50,
      p95: a.p95,
      p99: a.p99,
      bareProposalsPerSecond: Math.round(bareRate),
      bareP99: b.p99,
      errors: load.errors.length,
    },
    note: load.errors.length ? `errors: ${load.errors.slice(0, 3).join('; ')}` : undefined,
  };
}

// ---- (a) annual consolidated PDF through the queue and a worker ----------------------------------

interface ReportRun {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  pages?: number;
  bytes?: number;
  error?: string;
  createdAt?: string;
  finishedAt?: string;
}

async function startWorkers(context: Context, count: number): Promise<ServiceProcess[]> {
  const started: ServiceProcess[] = [];
  for (let index = 0; index < count; index++) {
    const worker = spawnService(
      `worker-${context.workers.length + 1}`,
      WORKER_MAIN,
      context.env,
      context.logDir,
    );
    context.workers.push(worker);
    started.push(worker);
  }
  await Promise.all(started.map((worker) => worker.waitForLog('Worker started', 120_000)));
  return started;
}

async function waitForRuns(
  api: ApiClient,
  token: string,
  ids: string[],
  timeoutMs: number,
  pollMs = 100,
): Promise<Map<string, ReportRun>> {
  const done = new Map<string, ReportRun>();
  const deadline = Date.now() + timeoutMs;
  while (done.size < ids.length) {
    if (Date.now() > deadline)
      throw new Error(`${ids.length - done.size} report runs not finished within ${timeoutMs} ms`);
    // Runs finish about in the order they were queued: a pass stops at the first unfinished one,
    // so polling stays a few requests a second and does not take CPU from the workers measured.
    for (const id of ids.filter((candidate) => !done.has(candidate))) {
      const response = await api.request<ReportRun>('GET', `/api/v1/reports/${id}`, { token });
      if (response.status !== 200 || !['SUCCEEDED', 'FAILED'].includes(response.body.status)) break;
      done.set(id, response.body);
    }
    if (done.size < ids.length) await sleep(pollMs);
  }
  return done;
}

async function annualReportFigure(context: Context): Promise<Figure> {
  const { api, pool } = context;
  const id = 'annual-report';
  const label = `Annual consolidated PDF ${SETTINGS.reportYear} (queue + worker)`;
  const target = '≤ 10 s, ≤ 2× baseline, worker peak RSS ≤ 300 MB';
  const token = await api.login(USERS.fmu);
  // Both sides: one warm-up run (connections, caches, JIT), then the median of three.
  const bareRun = () => bareAnnualReport(pool, SETTINGS.reportYear, join(context.workDir, 'bare-annual.pdf'));
  await bareRun();
  const bareRuns = [await bareRun(), await bareRun(), await bareRun()].sort((a, b) => a.ms - b.ms);
  const bare = bareRuns[1];
  if (await api.routeMissing('POST', '/api/v1/reports', token)) {
    return {
      ...notAvailable(id, label, target, 'POST /reports'),
      baseline: `raw pg + pdfkit ${ms(bare.ms)} (${bare.pages} pages)`,
      values: { baselineMs: Math.round(bare.ms), baselinePages: bare.pages, baselineBytes: bare.bytes },
    };
  }
  process.stdout.write(`measure: ${label} …\n`);
  const [worker] = await startWorkers(context, 1);
  const queued = () =>
    timed(async () => {
      const created = await api.request<ReportRun>('POST', '/api/v1/reports', {
        token,
        body: { type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: SETTINGS.reportYear } },
      });
      if (created.status !== 202)
        throw new Error(`POST /reports: ${created.status} ${JSON.stringify(created.body)}`);
      return (await waitForRuns(api, token, [created.body.id], SETTINGS.reportTimeoutMs, 20)).get(
        created.body.id,
      ) as ReportRun;
    });
  await queued();
  const requests = [await queued(), await queued(), await queued()].sort((a, b) => a.ms - b.ms);
  const request = requests[1];
  const run = request.value;
  const peak = worker.peakRssMb();
  await worker.stop();
  const ratio = request.ms / bare.ms;
  const ok = run.status === 'SUCCEEDED' && request.ms <= 10_000 && ratio <= 2 && peak <= 300;
  return {
    id,
    label,
    result: ok ? 'PASS' : 'MISS',
    measured: `${ms(request.ms)}, ${run.pages ?? '?'} pages, worker peak RSS ${peak.toFixed(0)} MB${run.status === 'SUCCEEDED' ? '' : ` (${run.status}: ${run.error})`}`,
    baseline: `raw pg + pdfkit ${ms(bare.ms)} (${bare.pages} pages)`,
    ratio: times(ratio),
    target,
    values: {
      ms: Math.round(request.ms),
      status: run.status,
      pages: run.pages ?? null,
      bytes: run.bytes ?? null,
      workerPeakRssMb: Math.round(peak),
      baselineMs: Math.round(bare.ms),
      baselinePages: bare.pages,
    },
  };
}

// ---- (d) 100 contributor statements, two worker processes ---------------------------------------

async function statementsFigure(context: Context): Promise<Figure> {
  const { api, pool } = context;
  const id = 'contributor-statements';
  const label = `${SETTINGS.statements} contributor statements, 2 worker processes`;
  const target = 'all ≤ 30 s, none processed twice';
  const token = await api.login(USERS.aa);
  const { rows: donors } = await pool.query<{ code: string }>(
    `SELECT DISTINCT o.code FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id
      WHERE e.kind = 'DEPOSIT' ORDER BY o.code`,
  );
  const formats = ['pdf', 'xlsx'];
  const jobs = Array.from({ length: SETTINGS.statements }, (_unused, index) => ({
    donorCode: donors[index % donors.length].code,
    format: formats[Math.floor(index / donors.length) % formats.length],
  }));
  const bare = await timed(async () => {
    for (const [index, job] of jobs.entries()) {
      await bareContributorStatement(
        pool,
        job.donorCode,
        join(context.workDir, `bare-statement-${index}.pdf`),
      );
    }
  });
  const baseline = `raw pg + pdfkit, one process: ${ms(bare.ms)}`;
  if (await api.routeMissing('POST', '/api/v1/reports', token)) {
    return {
      ...notAvailable(id, label, target, 'POST /reports'),
      baseline,
      values: { baselineMs: Math.round(bare.ms) },
    };
  }
  process.stdout.write(`measure: ${label} …\n`);
  for (const worker of context.workers) await worker.stop();
  await startWorkers(context, 2);
  const all = await timed(async () => {
    const ids = await Promise.all(
      jobs.map(async (job, index) => {
        const created = await api.request<ReportRun>('POST', '/api/v1/reports', {
          token,
          headers: { 'idempotency-key': `bench-statement-${Date.now()}-${index}` },
          body: {
            type: 'CONTRIBUTOR_STATEMENT',
            format: job.format,
            parameters: { donorCode: job.donorCode },
          },
        });
        if (created.status !== 202)
          throw new Error(`POST /reports: ${created.status} ${JSON.stringify(created.body)}`);
        return created.body.id;
      }),
    );
    return { ids, runs: await waitForRuns(api, token, ids, SETTINGS.reportTimeoutMs) };
  });
  const failed = [...all.value.runs.values()].filter((run) => run.status !== 'SUCCEEDED');
  let twice: number | null = null;
  let byWorker = '';
  const attempts = await pool.query<{ exists: boolean }>(
    `SELECT to_regclass('report_run_attempts') IS NOT NULL AS exists`,
  );
  if (attempts.rows[0].exists) {
    const { rows } = await pool.query<{ run_id: string; n: number }>(
      `SELECT run_id, count(*)::int AS n FROM report_run_attempts WHERE run_id = ANY($1) GROUP BY run_id`,
      [all.value.ids],
    );
    twice = rows.filter((row) => row.n > 1).length;
    const workers = await pool.query<{ worker: string; n: number }>(
      `SELECT worker, count(*)::int AS n FROM report_run_attempts WHERE run_id = ANY($1) GROUP BY worker ORDER BY worker`,
      [all.value.ids],
    );
    byWorker = workers.rows.map((row) => `${row.n}`).join('+');
  }
  const ok = failed.length === 0 && all.ms <= 30_000 && twice === 0;
  return {
    id,
    label,
    result: ok ? 'PASS' : 'MISS',
    measured: `${ms(all.ms)}, ${failed.length} failed, ${twice === null ? 'duplicates not checked (no report_run_attempts)' : `${twice} twice`}${byWorker ? `, split ${byWorker}` : ''}`,
    baseline,
    ratio: times(all.ms / bare.ms),
    target,
    values: {
      ms: Math.round(all.ms),
      failed: failed.length,
      processedTwice: twice,
      baselineMs: Math.round(bare.ms),
    },
  };
}

// ---- plumbing -----------------------------------------------------------------------------------

async function dropQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Leftover keys under a unique prefix are harmless.
  } finally {
    redis.disconnect();
  }
}

function gitCommit(): string | null {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    return (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
  } finally {
    await pool.end();
  }
}

function markdown(
  report: {
    generatedAt: string;
    commit: string | null;
    machine: ReturnType<typeof machine>;
    postgres: string;
  },
  size: PortfolioSize,
  table: string,
): string {
  return [
    `Benchmark run of ${report.generatedAt} (commit ${report.commit ?? 'unknown'}), ${report.machine.cpus} CPUs (${report.machine.cpuModel}), ${report.machine.memoryGb} GB, Node ${report.machine.node}, PostgreSQL ${report.postgres}.`,
    `Portfolio: ${size.programmes} programmes × ${size.punosPerProgramme} PUNOs × ${size.indicatorsPerProgramme} indicators × ${size.periodsPerIndicator} periods, ${size.donors} donors, ${size.proposals.toLocaleString('en-US')} proposals.`,
    `Reads: ${SETTINGS.requests} requests, ${SETTINGS.concurrency} in flight, after ${SETTINGS.warmup} warm-up requests.`,
    '',
    table,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
