import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LAUNCHER_GATE_VARIABLE } from '@mptf/platform';
import type * as Launcher from './launcher';

/**
 * `npm start`: one command from a fresh clone to a running system. Starts an embedded PostgreSQL
 * when DATABASE_URL is unset, migrates, seeds reference and demo data into an empty database,
 * then runs the API and the worker as two processes (as they would be deployed).
 *
 * The API and the worker are forked here, first, before this process loads anything: most of
 * their start-up is loading code (Nest, TypeORM, every domain module), which now overlaps with
 * this process's own loading, the embedded PostgreSQL's start, the migrations and the seed (the
 * second CPU was idle during those). They wait for the launcher's `database-ready` message
 * (launched-service.ts in @mptf/platform) before they read their configuration or connect.
 */
const gate: typeof LAUNCHER_GATE_VARIABLE = 'MPTF_LAUNCHER_GATE';
const services = (
  [
    ['api', 'apps/api/src/main.js'],
    ['worker', 'apps/worker/src/main.js'],
  ] as const
).map(([name, script]) => ({
  name,
  child: fork(join(__dirname, '..', script), [], { env: { ...process.env, [gate]: '1' }, stdio: 'inherit' }),
}));

// Loaded only now, so the forks above are not held up by this process's own loading.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('./launcher') as typeof Launcher).launch(services);
