import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a data folder's `postmaster.pid` says before the embedded PostgreSQL starts there:
 * - `none`: no lock file;
 * - `stale`: the process it names is gone (or is no PostgreSQL: its id was reused), left by a
 *   server that was killed (SIGKILL, a crash, the machine's power): removed, the start goes on;
 * - `running`: a PostgreSQL with that id still runs (another `npm start`, or one still stopping):
 *   the start stops with a message naming it, rather than PostgreSQL's bare "lock file already exists".
 */
export type PostmasterLock =
  { state: 'none' } | { state: 'stale'; pid: number } | { state: 'running'; pid: number };

/** Reads the lock, waiting up to `waitMs` for a server that is still stopping to finish. */
export async function inspectPostmasterLock(dataDir: string, waitMs = 0): Promise<PostmasterLock> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = readLock(dataDir);
    if (lock.state !== 'running' || Date.now() >= deadline) return lock;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Before starting a server on `dataDir`: removes a stale lock (says so), waits up to `waitMs` for
 * a server still stopping, and throws naming the process when one still runs there.
 */
export async function clearStalePostmasterLock(
  dataDir: string,
  options: { waitMs?: number; say?: (message: string) => void } = {},
): Promise<void> {
  const lock = await inspectPostmasterLock(dataDir, options.waitMs ?? 0);
  if (lock.state === 'stale') {
    rmSync(join(dataDir, 'postmaster.pid'), { force: true });
    options.say?.(
      `Removed a stale ${join(dataDir, 'postmaster.pid')}: the PostgreSQL that left it (PID ${lock.pid}) is gone (it was not stopped cleanly).`,
    );
  } else if (lock.state === 'running') {
    throw new Error(
      `another PostgreSQL (PID ${lock.pid}) is running on the data folder ${dataDir}: stop it (e.g. the other \`npm start\`, or \`kill ${lock.pid}\`), or set EMBEDDED_PG_DIR to another folder`,
    );
  }
}

function readLock(dataDir: string): PostmasterLock {
  const file = join(dataDir, 'postmaster.pid');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { state: 'none' };
  }
  // Its first line is the postmaster's process id (PostgreSQL writes it while creating the file;
  // an empty or half-written file is from a server that died at that moment).
  const pid = Number(text.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return { state: 'stale', pid: 0 };
  return isLivePostgres(pid) ? { state: 'running', pid } : { state: 'stale', pid };
}

/** Whether `pid` is a live (not zombie) process whose program is a PostgreSQL server. */
function isLivePostgres(pid: number): boolean {
  const proc = `/proc/${pid}`;
  if (existsSync('/proc/self')) {
    try {
      const status = readFileSync(join(proc, 'status'), 'utf8');
      // A zombie has exited; only its parent has not collected it yet.
      if (/^State:\s+Z/m.test(status)) return false;
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '';
      const command = readFileSync(join(proc, 'cmdline'), 'utf8').split('\0')[0] ?? '';
      return /postgres|postmaster/.test(name) || /postgres|postmaster/.test(command);
    } catch {
      return false; // no such process
    }
  }
  // Without /proc (macOS): alive is all that can be told; EPERM is alive under another user.
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
