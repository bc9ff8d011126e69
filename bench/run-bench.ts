import 'reflect-metadata';
import IORedis from 'ioredis';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { PreparingClient } from '@mptf/platform';
import { Pool } from 'pg';
import { annualReportFigure } from './figures/annual-report-figure';
import { intakeFigure } from './figures/intake-figure';
import { queryFigures } from './figures/query-figures';
import { startupFigures } from './figures/startup-figure';
import { statementsFigure } from './figures/statements-figure';
import { benchConfig, generatedSize, generatePortfolio, PortfolioSize } from './generate-portfolio';
import { ApiClient } from './lib/api-client';
import { BenchContext, measures, SETTINGS } from './lib/bench-settings';
import { Figure, renderTable } from './lib/figures';
import { API_MAIN, freePort, spawnService, waitForHttp } from './lib/processes';

/**
 * `npm run bench`: generates the portfolio, starts the real API and workers as processes, and
 * measures each figure of issue 9 beside a baseline measured in the same run. Writes
 * bench/results/latest.json and latest.md. Figures that need routes this build does not have
 * print "not available: <route> missing" instead of failing.
 */
const RESULTS_DIR = resolve(__dirname, '../../bench/results');

async function main(): Promise<void> {
  const { databaseUrl, size } = benchConfig();
  const started = Date.now();
  const figures: Figure[] = [];
  // First, on a machine not yet busy with the generated portfolio: start-up from a fresh clone.
  if (measures('startup')) figures.push(...(await startupFigures()));
  if (!['queries', 'intake', 'annual', 'statements'].some(measures)) {
    process.stdout.write(`\n${renderTable(figures)}\n\n`);
    return;
  }
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
  // Prepared once per connection, as the application's pool does (PreparingClient): same work.
  const pool = new Pool({
    connectionString: databaseUrl,
    max: 20,
    application_name: 'mptf-bench-raw',
    Client: PreparingClient,
  });
  const api = spawnService('api', API_MAIN, env, logDir);
  const context: BenchContext = {
    pool,
    api: new ApiClient(`http://127.0.0.1:${port}`),
    apiProcess: api,
    env,
    logDir,
    workDir,
    workers: [],
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/health`, 120_000, api);
    process.stdout.write(`api: listening on ${port} (pid ${api.pid}), logs in ${logDir}\n`);
    if (measures('queries')) figures.push(...(await queryFigures(context)));
    if (measures('intake')) figures.push(await intakeFigure(context));
    if (measures('annual')) figures.push(await annualReportFigure(context));
    if (measures('statements')) figures.push(...(await statementsFigure(context)));
  } finally {
    context.api.close();
    for (const worker of context.workers) await worker.stop();
    await api.stop();
    await pool.end();
    await dropQueueKeys(redisUrl, queuePrefix);
  }

  const table = renderTable(figures);
  const notes = figureNotes(figures);
  process.stdout.write(`\n${table}\n\n${notes ? `${notes}\n\n` : ''}`);
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
  writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown(report, size, table, notes));
  process.stdout.write(`written: bench/results/latest.json and latest.md\n`);
  rmSync(workDir, { recursive: true, force: true });
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
  notes: string,
): string {
  return [
    `Benchmark run of ${report.generatedAt} (commit ${report.commit ?? 'unknown'}), ${report.machine.cpus} CPUs (${report.machine.cpuModel}), ${report.machine.memoryGb} GB, Node ${report.machine.node}, PostgreSQL ${report.postgres}.`,
    `Portfolio: ${size.programmes} programmes × ${size.punosPerProgramme} PUNOs × ${size.indicatorsPerProgramme} indicators × ${size.periodsPerIndicator} periods, ${size.donors} donors, ${size.proposals.toLocaleString('en-US')} proposals.`,
    `Reads: ${SETTINGS.requests} requests, ${SETTINGS.concurrency} in flight, after ${SETTINGS.warmup} warm-up requests.`,
    '',
    table,
    '',
    ...(notes ? [notes, ''] : []),
  ].join('\n');
}

/** What a figure's line cannot hold: where its time went (e.g. the CPUs it waited for). */
function figureNotes(figures: Figure[]): string {
  const noted = figures.filter((figure) => figure.note);
  return noted.length
    ? ['Notes:', ...noted.map((figure) => `- ${figure.label}: ${figure.note}`)].join('\n')
    : '';
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
