import cluster, { Worker } from 'node:cluster';

/**
 * Runs the HTTP server in `count` processes that share one port (node:cluster). Node runs an
 * application's JavaScript on one core, so on a host with several cores one API process per core
 * uses the machine; the API keeps no state in memory, so the processes need nothing from each
 * other. This primary process only forks and supervises:
 * - a process that stops after it listened (a crash) is replaced;
 * - one that stops before it listened (bad configuration, database unreachable) stops them all,
 *   with its exit code, as a single process would;
 * - SIGTERM or SIGINT stops every process gracefully, then the primary.
 */
export function superviseApiProcesses(count: number, say: (message: string) => void): Promise<void> {
  return new Promise((ready) => {
    const listening = new Set<Worker>();
    let stopping = false;

    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      if (workers.length === 0) process.exit(code);
      for (const worker of workers) worker.process.kill('SIGTERM');
      cluster.on('exit', () => {
        if (Object.values(cluster.workers ?? {}).every((w) => !w || w.isDead())) process.exit(code);
      });
    };

    cluster.on('listening', (worker) => {
      listening.add(worker);
      if (listening.size === count) ready();
    });
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      if (!listening.has(worker)) {
        process.stderr.write(`An API process stopped while starting (code ${code ?? signal}); stopping.\n`);
        stop(code || 1);
        return;
      }
      listening.delete(worker);
      say(`API process ${worker.process.pid} stopped (${code ?? signal}); starting another`);
      cluster.fork();
    });
    process.on('SIGTERM', () => stop(0));
    process.on('SIGINT', () => stop(0));
    for (let index = 0; index < count; index++) cluster.fork();
  });
}
