import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
function slowestSteps(all: { at: number; line: string }[]): string {
  // Up to /health 200: the stop's own lines are no part of the start.
  const end = all.findIndex((step) => step.line === '/health 200');
  const steps = end < 0 ? all : all.slice(0, end + 1);
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
  const stopped = performance.now();
  const killed = await stopGroup(child);
  readSteps();
  process.stdout.write(
    `startup: ${what}: stopped in ${ms(performance.now() - stopped)}${killed ? ` (${killed})` : ''}\n`,
  );
  return { ms: elapsed, steps, error: error ?? (killed ? `did not stop on Ctrl-C: ${killed}` : undefined) };
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
 * Stops `npm start` as Ctrl-C in its terminal does: SIGINT to its whole process group (npm, the
 * shell npm runs the script in, the start script, the API, the worker, the embedded PostgreSQL).
 * A SIGTERM to npm alone reached the shell, which died at once and left the start script and its
 * PostgreSQL running: the restart then met that server's postmaster.pid. Then waits until every
 * process of the group has exited (a zombie counts as exited), so the restart starts on a free
 * data folder; a group still there after 30 s is killed, and the figure says so.
 */
async function stopGroup(child: ChildProcess): Promise<string | undefined> {
  const pid = child.pid;
  if (!pid) return undefined;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // the group is gone
    }
  };
  signal('SIGINT');
  for (let i = 0; i < 300; i++) {
    if (groupMembers(pid).length === 0) return undefined;
    await sleep(100);
  }
  const left = groupMembers(pid);
  signal('SIGKILL');
  while (groupMembers(pid).length) await sleep(100);
  return `stopped with SIGKILL after 30 s (left: ${left.join(', ')})`;
}

/** The live (not zombie) processes of process group `group`: "pid name" each. */
function groupMembers(group: number): string[] {
  const members: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: state, ppid, pgrp, …
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === group && state !== 'Z')
        members.push(`${entry} ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`);
    } catch {
      // exited meanwhile
    }
  }
  return members;
}
