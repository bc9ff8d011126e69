import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearStalePostmasterLock, inspectPostmasterLock } from './postmaster-lock';

/** A process whose command line says postgres (as a running postmaster's does), sleeping. */
function fakePostmaster(): ChildProcess {
  return spawn('bash', ['-c', 'exec -a postgres sleep 30'], { stdio: 'ignore' });
}

function lockFile(dir: string, pid: number): string {
  const file = join(dir, 'postmaster.pid');
  // As PostgreSQL writes it: the pid, the data folder, the start time, the port, …
  writeFileSync(file, `${pid}\n${dir}\n1764770000\n5432\n\n127.0.0.1\n  5432001    32768\nready   \n`);
  return file;
}

describe("the embedded PostgreSQL's postmaster.pid before a start", () => {
  let dir: string;
  const started: ChildProcess[] = [];
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mptf-pglock-'))));
  afterEach(() => {
    for (const child of started.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('goes on when there is none', async () => {
    await expect(inspectPostmasterLock(dir)).resolves.toEqual({ state: 'none' });
    await expect(clearStalePostmasterLock(dir)).resolves.toBeUndefined();
  });

  it('removes the lock of a server that was killed (its process is gone), and says so', async () => {
    const gone = spawnSync('true').pid as number;
    const file = lockFile(dir, gone);
    const said: string[] = [];
    await clearStalePostmasterLock(dir, { say: (message) => said.push(message) });
    expect(existsSync(file)).toBe(false);
    expect(said.join('\n')).toContain(`stale ${file}`);
    expect(said.join('\n')).toContain(`PID ${gone}`);
  });

  it('removes a lock whose id now belongs to another program (a reused id)', async () => {
    const file = lockFile(dir, process.pid); // this jest process: node, not PostgreSQL
    await clearStalePostmasterLock(dir);
    expect(existsSync(file)).toBe(false);
  });

  it('stops with a message naming the PostgreSQL that still runs on the folder, and keeps its lock', async () => {
    const server = fakePostmaster();
    started.push(server);
    await new Promise((done) => server.once('spawn', done));
    await new Promise((done) => setTimeout(done, 100)); // bash has exec'd
    const file = lockFile(dir, server.pid as number);
    await expect(clearStalePostmasterLock(dir, { waitMs: 300 })).rejects.toThrow(
      `another PostgreSQL (PID ${server.pid}) is running on the data folder ${dir}`,
    );
    expect(existsSync(file)).toBe(true);
  });

  it('waits for a server that is still stopping, then goes on', async () => {
    const server = fakePostmaster();
    started.push(server);
    await new Promise((done) => server.once('spawn', done));
    await new Promise((done) => setTimeout(done, 100));
    const file = lockFile(dir, server.pid as number);
    setTimeout(() => server.kill('SIGTERM'), 300);
    await clearStalePostmasterLock(dir, { waitMs: 10_000 });
    expect(existsSync(file)).toBe(false);
  });
});
