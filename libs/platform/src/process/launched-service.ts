/**
 * How `npm start` (scripts/start.ts) and the API and worker processes it runs talk (their IPC
 * channel). The launcher forks them before it loads anything itself, so their start-up (mostly
 * loading code) overlaps with the embedded PostgreSQL's start, the migrations and the seed; they
 * wait for `database-ready` before they read their configuration or touch the database.
 */

/** Set in the environment of a process the launcher forked and will tell when to go on. */
export const LAUNCHER_GATE_VARIABLE = 'MPTF_LAUNCHER_GATE';

/** Launcher → service: the database is up, migrated and seeded; here is the rest of the environment. */
export interface DatabaseReadyMessage {
  type: 'mptf:database-ready';
  /** Variables only known once the database runs (DATABASE_URL of the embedded server, NODE_ENV). */
  env: Record<string, string>;
  /** The launcher applied the migrations: the service need not check them again. */
  schemaReady: boolean;
}

/** Launcher → service: stop (as SIGTERM would), unless it is stopping already. */
export interface StopMessage {
  type: 'mptf:stop';
}

export type LauncherMessage = DatabaseReadyMessage | StopMessage;

/**
 * In a process the launcher forked: waits for `database-ready` and applies its environment, then
 * follows the launcher (see {@link followLauncher}). Elsewhere (run on its own, or a cluster
 * worker of the API) it returns at once. Must be called before the first `await` of the process's
 * main, so the listener is in place before the event loop can deliver the message.
 */
export async function waitForLauncher(): Promise<{ schemaReady: boolean }> {
  if (process.env[LAUNCHER_GATE_VARIABLE] !== '1' || !process.send) return { schemaReady: false };
  delete process.env[LAUNCHER_GATE_VARIABLE];
  followLauncher();
  const ready = await new Promise<DatabaseReadyMessage>((resolve) => {
    const onMessage = (message: LauncherMessage) => {
      if (message?.type !== 'mptf:database-ready') return;
      process.removeListener('message', onMessage);
      resolve(message);
    };
    process.on('message', onMessage);
  });
  Object.assign(process.env, ready.env);
  // Only now: while it waits, the channel is all that keeps this process alive (unreferenced
  // earlier, a service waiting through initdb simply exited). Once it runs, the channel must not
  // keep a stopped service alive.
  process.channel?.unref();
  return { schemaReady: ready.schemaReady };
}

let stopping = false;

/**
 * Stops this process once, however the stop comes: SIGINT (Ctrl-C reaches the launcher and its
 * services at once), SIGTERM, the launcher's `stop` message, or the launcher gone (its channel
 * closed). A second signal while the application closes would otherwise kill it halfway (Nest's
 * shutdown hooks take their listeners off when they start closing), so the launcher's `stop` is
 * ignored once a signal has arrived. Before the application's shutdown hooks are in place a
 * signal stops the process at once, as it would without this.
 */
function followLauncher(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const noted = () => {
      stopping = true;
      // Nobody else listens (the application is not up yet): do what the signal would do.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, noted);
  }
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.kill(process.pid, 'SIGTERM');
  };
  process.on('message', (message: LauncherMessage) => {
    if (message?.type === 'mptf:stop') stop();
  });
  process.once('disconnect', stop);
}
