import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { LAUNCHER_GATE_VARIABLE } from '@mptf/platform/launcher';
import type * as Launcher from './launcher';

/**
 * `npm start`: one command from a fresh clone to a running system. Starts an embedded PostgreSQL
 * when DATABASE_URL is unset, migrates, seeds reference and demo data into an empty database,
 * then runs the API and the worker as two processes (as they would be deployed).
 *
 * The API is forked here, first, before this process loads anything: most of its start-up is
 * loading code (Nest, TypeORM, every domain module), which now overlaps with this process's own
 * loading, the embedded PostgreSQL's start, the migrations and the seed. It waits for the
 * launcher's `database-ready` message (launched-service.ts in @mptf/platform) before it reads its
 * configuration or connects. The worker is forked by the launcher once the API answers: on two
 * CPUs its loading would otherwise take half the machine from the API's (launcher.ts).
 */
const gate: typeof LAUNCHER_GATE_VARIABLE = 'MPTF_LAUNCHER_GATE';
const forkService = (name: 'api' | 'worker', script: string) => ({
  name,
  child: fork(join(__dirname, '..', script), [], { env: { ...process.env, [gate]: '1' }, stdio: 'inherit' }),
});
const api = forkService('api', 'apps/api/src/main.js');

// Loaded only now, so the fork above is not held up by this process's own loading.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('./launcher') as typeof Launcher).launch(api, () =>
  forkService('worker', 'apps/worker/src/main.js'),
);
