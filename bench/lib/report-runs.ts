import { ApiClient } from './api-client';
import { BenchContext } from './bench-settings';
import { ServiceProcess, sleep, spawnService, WORKER_MAIN } from './processes';

/** Report runs through the API: worker processes to run them and a poll until they finish. */

export interface ReportRun {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  pages?: number;
  bytes?: number;
  error?: string;
  createdAt?: string;
  finishedAt?: string;
}

export async function startWorkers(context: BenchContext, count: number): Promise<ServiceProcess[]> {
  const started: ServiceProcess[] = [];
  for (let index = 0; index < count; index++) {
    const worker = spawnService(
      `worker-${context.workers.length + 1}`,
      WORKER_MAIN,
      context.env,
      context.logDir,
    );
    context.workers.push(worker);
    started.push(worker);
  }
  await Promise.all(started.map((worker) => worker.waitForLog('Worker started', 120_000)));
  return started;
}

export async function waitForRuns(
  api: ApiClient,
  token: string,
  ids: string[],
  timeoutMs: number,
  pollMs = 100,
): Promise<Map<string, ReportRun>> {
  const done = new Map<string, ReportRun>();
  const deadline = Date.now() + timeoutMs;
  while (done.size < ids.length) {
    if (Date.now() > deadline)
      throw new Error(`${ids.length - done.size} report runs not finished within ${timeoutMs} ms`);
    // Runs finish about in the order they were queued: a pass stops at the first unfinished one,
    // so polling stays a few requests a second and does not take CPU from the workers measured.
    for (const id of ids.filter((candidate) => !done.has(candidate))) {
      const response = await api.request<ReportRun>('GET', `/api/v1/reports/${id}`, { token });
      if (response.status !== 200 || !['SUCCEEDED', 'FAILED'].includes(response.body.status)) break;
      done.set(id, response.body);
    }
    if (done.size < ids.length) await sleep(pollMs);
  }
  return done;
}
