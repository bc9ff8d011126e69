import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SETTINGS } from '../lib/bench-settings';
import { Figure, ms } from '../lib/figures';
import { freePort, sleep } from '../lib/processes';

/**
 * Start-up as a newcomer meets it: `git clone` of the current commit into a temporary folder,
 * `npm ci` (not timed; it builds once, npm's `prepare`), then `npm start` with the embedded
 * default (no DATABASE_URL, no REDIS_URL, an empty data folder) until `/health` answers 200; then
 * a restart with nothing changed. Progress lines say where the time goes.
 */
const ROOT = resolve(__dirname, '../..');
const REPO = ROOT.endsWith('/dist') ? resolve(ROOT, '..') : ROOT;
const FIRST_TARGET_MS = 15_000;
const RESTART_TARGET_MS = 5_000;

export async function startupFigures(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mptf-startup-'));
  const checkout = join(dir, 'checkout');
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
    process.stdout.write(`startup: git clone of ${commit.slice(0, 7)} into ${checkout} …\n`);
    execFileSync('git', ['clone', '--quiet', '--no-checkout', REPO, checkout], { stdio: 'ignore' });
    execFileSync('git', ['checkout', '--quiet', commit], { cwd: checkout, stdio: 'ignore' });
    process.stdout.write('startup: npm ci (not timed) …\n');
    const install = Date.now();
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: checkout,
      stdio: 'ignore',
      env: startEnv(0, 0),
    });
    process.stdout.write(`startup: npm ci took ${ms(Date.now() - install)}\n`);
    const port = await freePort();
    const pgPort = await freePort();
    const first = await timeStart(checkout, port, pgPort, 'first start (empty data folder)');
    const restart = await timeStart(checkout, port, pgPort, 'restart (nothing changed)');
    removeMovedDataFolder([...first.steps, ...restart.steps]);
    return [
      figure('startup-first', '`npm start` on a fresh clone, empty data folder', first, FIRST_TARGET_MS),
      figure('startup-restart', '`npm start` again, nothing changed', restart, RESTART_TARGET_MS),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Run as root from a folder only root may enter, the embedded database lives elsewhere (its
 * start-up says where); the clone's copy is removed with the clone.
 */
function removeMovedDataFolder(steps: { line: string }[]): void {
  for (const step of steps) {
    const moved = /keeping the embedded database in (\S+) instead/.exec(step.line)?.[1];
    if (moved && /\/data-[0-9a-z]+$/.test(moved)) rmSync(moved, { recursive: true, force: true });
  }
}

interface StartTiming {
  ms: number;
  /** Milliseconds from the start to each progress line of `npm start`. */
  steps: { at: number; line: string }[];
  error?: string;
}

function figure(id: string, label: string, timing: StartTiming, targetMs: number): Figure {
  const slowest = slowestSteps(timing.steps);
  return {
    id,
    label,
    result: !timing.error && timing.ms <= targetMs ? 'PASS' : 'MISS',
    measured: timing.error ? `failed: ${timing.error}` : `${ms(timing.ms)} to /health 200`,
    baseline: slowest,
    ratio: '',
    target: `≤ ${targetMs / 1000} s`,
    values: { ms: Math.round(timing.ms), steps: JSON.stringify(timing.steps) },
    note: timing.error,
  };
}

/** The two longest gaps between progress lines ("seed 2.1 s, build 0.4 s"), the start's profile. */
function slowestSteps(steps: { at: number; line: string }[]): string {
  const gaps = steps.slice(1).map((step, index) => ({
    line: steps[index].line.replace(/\s+/g, ' ').slice(0, 40),
    ms: step.at - steps[index].at,
  }));
  return gaps
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 2)
    .map((gap) => `after "${gap.line}" ${ms(gap.ms)}`)
    .join('; ');
}

function startEnv(port: number, pgPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'NODE_ENV',
    'JWT_SECRET',
    'QUEUE_PREFIX',
    'EMBEDDED_PG_DIR',
  ])
    delete env[name];
  if (port) env.PORT = String(port);
  if (pgPort) env.EMBEDDED_PG_PORT = String(pgPort);
  env.LOG_LEVEL = 'warn';
  return env;
}

async function timeStart(checkout: string, port: number, pgPort: number, what: string): Promise<StartTiming> {
  process.stdout.write(`startup: ${what} …\n`);
  const logFile = join(checkout, `start-${Date.now()}.log`);
  const fd = openSync(logFile, 'w');
  const started = performance.now();
  // Its own process group, so the stop reaches npm, the start script, the API, the worker and
  // the embedded PostgreSQL it started (and nothing else).
  const child = spawn('npm', ['start', '--silent'], {
    cwd: checkout,
    env: startEnv(port, pgPort),
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  const steps: { at: number; line: string }[] = [{ at: 0, line: 'npm start' }];
  let seen = 0;
  const readSteps = () => {
    const lines = readFileSync(logFile, 'utf8').split('\n');
    for (const line of lines.slice(seen, -1)) {
      if (line.startsWith('{')) continue; // JSON log lines of the services
      steps.push({ at: Math.round(performance.now() - started), line: line.trim() });
      process.stdout.write(`  ${ms(performance.now() - started).padStart(8)}  ${line.trim()}\n`);
    }
    seen = Math.max(seen, lines.length - 1);
  };
  let error: string | undefined;
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const deadline = Date.now() + SETTINGS.startupTimeoutMs;
  for (;;) {
    readSteps();
    if (await healthy(port)) break;
    if (exited !== undefined) {
      error = `npm start exited (${exited})`;
      break;
    }
    if (Date.now() > deadline) {
      error = `no /health 200 within ${SETTINGS.startupTimeoutMs / 1000} s`;
      break;
    }
    await sleep(50);
  }
  const elapsed = performance.now() - started;
  steps.push({ at: Math.round(elapsed), line: '/health 200' });
  process.stdout.write(`startup: ${what}: ${error ?? `${ms(elapsed)} to /health 200`}\n`);
  await stopGroup(child);
  readSteps();
  return { ms: elapsed, steps, error };
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Stops `npm start` as Ctrl-C in its terminal would end it, but only through npm (which passes
 * the signal on to the start script, which stops the API, the worker and then the embedded
 * PostgreSQL, in that order); whatever is left of its process group after that is killed.
 */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return; // the group is empty: the data folder is free for the restart
    }
    await sleep(100);
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}
