import { availableParallelism } from 'node:os';
import { Pool } from 'pg';
import { ApiClient } from './api-client';
import { ServiceProcess } from './processes';

/** The benchmark's knobs (environment variables) and what every figure gets to measure with. */

function intEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? '');
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export const SETTINGS = {
  requests: intEnv('BENCH_REQUESTS', 200),
  concurrency: intEnv('BENCH_CONCURRENCY', 1),
  /** Reads again with this many in flight (a busy Steering Committee week, not one user alone). */
  loadConcurrency: intEnv('BENCH_LOAD_CONCURRENCY', 16),
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
  startupTimeoutMs: intEnv('BENCH_STARTUP_TIMEOUT_MS', 120_000),
  /** BENCH_ONLY=startup,queries,intake,annual,statements measures a subset (latest.* are then not written). */
  only: (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
};
export const measures = (group: string) => SETTINGS.only.length === 0 || SETTINGS.only.includes(group);

export const USERS = {
  fmu: 'fmu@mptf.test',
  sc: 'sc.undp@mptf.test',
  focal: 'iom.focal@mptf.test',
  aa: 'aa@mptf.test',
};

/** The running system a figure measures: the raw pool, the API client and its processes. */
export interface BenchContext {
  pool: Pool;
  api: ApiClient;
  env: Record<string, string>;
  logDir: string;
  workDir: string;
  workers: ServiceProcess[];
}
