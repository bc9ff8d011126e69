import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The compiled entry points (`npm run bench` and `npm test` build first); also from ts sources. */
const ROOT = resolve(__dirname, '../..');
const DIST = existsSync(join(ROOT, 'apps/api/src/main.js')) ? ROOT : join(ROOT, 'dist');
export const API_MAIN = join(DIST, 'apps/api/src/main.js');
export const WORKER_MAIN = join(DIST, 'apps/worker/src/main.js');

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

export interface ServiceProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Peak resident memory so far (VmHWM of /proc/<pid>/status), in MB; NaN once it is gone. */
  peakRssMb(): number;
  /** CPU time used so far (user + system, /proc/<pid>/stat), in ms; NaN once it is gone. */
  cpuMs(): number;
  /** Resolves when the log contains `text` (or rejects on exit / timeout). */
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for the exit (SIGKILL after the grace period). */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `node <main>` with its logs in a file (a pipe nobody reads would stall the process). */
export function spawnService(
  name: string,
  main: string,
  env: Record<string, string>,
  logDir: string,
): ServiceProcess {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'w');
  // BENCH_CPU_PROF=<folder>: each service writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`,
        `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`,
      ]
    : [];
  // BENCH_NODE_ARGS: more node flags for the services (e.g. `--heapsnapshot-signal=SIGUSR2`).
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...profile, ...extra, main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (!child.pid) throw new Error(`${name} did not start`);
  const pid = child.pid;
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      exitCode = code;
      done(code);
    }),
  );
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    name,
    pid,
    logFile,
    exited,
    peakRssMb: () => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
        return match ? Number(match[1]) / 1024 : Number.NaN;
      } catch {
        return Number.NaN;
      }
    },
    cpuMs: () => {
      try {
        // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return Number.NaN;
      }
    },
    waitForLog: async (text, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (log().includes(text)) return;
        if (exitCode !== undefined)
          throw new Error(`${name} exited (${exitCode}) before logging "${text}": ${log().slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`${name} did not log "${text}" within ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    stop: async (graceMs = 10_000) => {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    kill: async () => {
      if (exitCode !== undefined) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * CPU time (user and system, in ms) of a process and every process it started that still runs (the
 * API's primary and the processes it forks with API_PROCESSES > 1), from /proc; NaN off Linux.
 */
export function processTreeCpuMs(rootPid: number): { userMs: number; systemMs: number } {
  const none = { userMs: Number.NaN, systemMs: Number.NaN };
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return none;
  }
  const stats = new Map<number, { ppid: number; userMs: number; systemMs: number }>();
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command's closing parenthesis: ppid is the 2nd, utime and stime the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), {
        ppid: Number(fields[1]),
        userMs: (Number(fields[11]) * 1000) / CLOCK_TICKS,
        systemMs: (Number(fields[12]) * 1000) / CLOCK_TICKS,
      });
    } catch {
      // gone meanwhile
    }
  }
  if (!stats.has(rootPid)) return none;
  const total = { userMs: 0, systemMs: 0 };
  const pending = [rootPid];
  while (pending.length) {
    const pid = pending.pop() as number;
    total.userMs += stats.get(pid)?.userMs ?? 0;
    total.systemMs += stats.get(pid)?.systemMs ?? 0;
    for (const [child, entry] of stats) if (entry.ppid === pid) pending.push(child);
  }
  return total;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Polls `url` until it answers 200. */
export async function waitForHttp(url: string, timeoutMs = 60_000, service?: ServiceProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) {
      const tail = service ? readFileSync(service.logFile, 'utf8').slice(-2000) : '';
      throw new Error(`${url} not ready within ${timeoutMs} ms (${last}) ${tail}`);
    }
    await sleep(200);
  }
}
