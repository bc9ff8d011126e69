import { Logger } from '@nestjs/common';
import { Client } from 'pg';

let guarded = false;

/**
 * A pg client emits 'error' when its connection drops (the server stopped, restarted or ended
 * the session: "terminating connection due to administrator command", 57P01), and an 'error'
 * event without a listener takes the whole process down (`node:events … Unhandled 'error'
 * event`). Pools listen on their idle clients, but a client can be without a listener: checked
 * out of a pool, or BullMQ's PostgreSQL backend's LISTEN client, whose listeners it removes
 * before ending it at close (the drop arriving while it ends crashed the API and the worker).
 * Installed once per process: such an 'error' is logged (the first of each kind) instead. The
 * queries a drop fails still reject as before, and a client with its own listener is untouched.
 */
export function guardPgClientErrors(logger = new Logger('Database')): void {
  if (guarded) return;
  guarded = true;
  const reported = new Set<string>();
  const emit = Client.prototype.emit;
  Client.prototype.emit = function guardedEmit(this: Client, event: string | symbol, ...args: unknown[]) {
    if (event === 'error' && this.listenerCount('error') === 0) {
      const error = args[0] as { code?: string; message?: string } | undefined;
      const kind = error?.code ?? error?.message ?? 'unknown';
      if (!reported.has(kind)) {
        reported.add(kind);
        logger.warn(
          `A database connection was lost with no one using it: ${error?.message ?? String(error)}${
            error?.code ? ` (${error.code})` : ''
          }; not reported again`,
        );
      }
      return false;
    }
    return emit.call(this, event, ...args);
  } as typeof emit;
}
