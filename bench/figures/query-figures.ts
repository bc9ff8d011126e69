import { PortfolioDimension } from '@mptf/finance';
import { RollupGrouping } from '@mptf/results';
import { BenchContext, SETTINGS, USERS } from '../lib/bench-settings';
import { CapturedQuery, portfolioSql, reviewQueueSql, rollupSql } from '../lib/captured-sql';
import { Figure, ms, notAvailable, times } from '../lib/figures';
import { CpuWindow, cpuWindow, describeCpu } from '../lib/machine-cpu';
import { latencyStats, runLoad, timed } from '../lib/stats';

/** Figure (b) of the benchmark: read queries at portfolio scale. */

export async function queryFigures(context: BenchContext): Promise<Figure[]> {
  const { api, pool } = context;
  const target = 'p95 ≤ 50 ms and ≤ 3× raw';
  const figures: Figure[] = [];
  const reads: {
    id: string;
    label: string;
    user: string;
    path: string;
    raw: () => Promise<CapturedQuery>;
  }[] = [
    {
      id: 'review-queue',
      label: 'GET /review-queue (SC member)',
      user: USERS.sc,
      path: '/api/v1/review-queue?page=1&pageSize=50',
      raw: () => reviewQueueSql(pool, USERS.sc, 50),
    },
    ...[PortfolioDimension.THEMATIC_AREA, PortfolioDimension.REGION, PortfolioDimension.ORGANIZATION].map(
      (groupBy) => ({
        id: `portfolio-${groupBy}`,
        label: `GET /portfolio?groupBy=${groupBy}`,
        user: USERS.fmu,
        path: `/api/v1/portfolio?groupBy=${groupBy}`,
        raw: () => portfolioSql(groupBy),
      }),
    ),
    ...(['thematicArea', 'gcmObjective', 'fundIndicator'] as RollupGrouping[]).map((by) => ({
      id: `rollup-${by}`,
      label: `GET /results/rollup?by=${by}&year=${SETTINGS.reportYear}`,
      user: USERS.fmu,
      path: `/api/v1/results/rollup?by=${by}&year=${SETTINGS.reportYear}`,
      raw: () => rollupSql(by, SETTINGS.reportYear),
    })),
  ];
  for (const read of reads) {
    const token = await api.login(read.user);
    const routePath = read.path.split('?')[0];
    if (await api.routeMissing('GET', routePath, token)) {
      figures.push(notAvailable(read.id, read.label, target, `GET ${routePath.replace('/api/v1', '')}`));
      continue;
    }
    const query = await read.raw();
    const call = async () => {
      const response = await api.request('GET', read.path, { token });
      if (response.status !== 200)
        throw new Error(`${read.path}: ${response.status} ${JSON.stringify(response.body)}`);
    };
    const raw = async () => {
      await pool.query(query.sql, query.params);
    };
    // One user alone, then a busy week: the same read with many requests in flight.
    for (const concurrency of new Set([SETTINGS.concurrency, SETTINGS.loadConcurrency])) {
      process.stdout.write(`measure: ${read.label}, ${concurrency} in flight …\n`);
      figures.push(await measureRead(read, concurrency, call, raw, target));
    }
  }
  return figures;
}

async function measureRead(
  read: { id: string; label: string },
  concurrency: number,
  call: () => Promise<void>,
  raw: () => Promise<void>,
  target: string,
): Promise<Figure> {
  const requests = Math.max(SETTINGS.requests, concurrency * 20);
  await runLoad(SETTINGS.warmup, concurrency, async () => call());
  await runLoad(SETTINGS.warmup, concurrency, async () => raw());
  const apiCpu = cpuWindow();
  const apiLoad = await runLoad(requests, concurrency, async (_index, record) => {
    record((await timed(call)).ms);
  });
  const apiBusy = apiCpu.end();
  const rawCpu = cpuWindow();
  const rawLoad = await runLoad(requests, concurrency, async (_index, record) => {
    record((await timed(raw)).ms);
  });
  const rawBusy = rawCpu.end();
  const a = latencyStats(apiLoad.latencies);
  const r = latencyStats(rawLoad.latencies);
  const ratio = a.p95 / r.p95;
  const errors = apiLoad.errors.length + rawLoad.errors.length;
  const perSecond = (load: { latencies: number[]; wallMs: number }) =>
    (load.latencies.length / load.wallMs) * 1000;
  const loaded = concurrency > 1;
  return {
    id: loaded ? `${read.id}-c${concurrency}` : read.id,
    label: loaded ? `${read.label}, ${concurrency} in flight` : read.label,
    result: errors === 0 && a.p95 <= 50 && ratio <= 3 ? 'PASS' : 'MISS',
    measured: `p50 ${ms(a.p50)} / p95 ${ms(a.p95)}${loaded ? `, ${Math.round(perSecond(apiLoad))}/s` : ''}`,
    baseline: `raw SQL p50 ${ms(r.p50)} / p95 ${ms(r.p95)}${loaded ? `, ${Math.round(perSecond(rawLoad))}/s` : ''}`,
    ratio: times(ratio),
    target,
    values: {
      apiP50: a.p50,
      apiP95: a.p95,
      apiP99: a.p99,
      rawP50: r.p50,
      rawP95: r.p95,
      apiPerSecond: Math.round(perSecond(apiLoad)),
      rawPerSecond: Math.round(perSecond(rawLoad)),
      requests: a.count,
      concurrency,
      errors,
    },
    note: errors
      ? `errors: ${[...apiLoad.errors, ...rawLoad.errors].slice(0, 3).join('; ')}`
      : loaded
        ? loadNote(concurrency, apiLoad, perSecond(apiLoad), apiBusy, perSecond(rawLoad), rawBusy)
        : undefined,
  };
}

/**
 * With `concurrency` requests always in flight, a request waits for the others' CPU time: the
 * mean latency is concurrency ÷ throughput (Little's law), whatever the statement. When the CPUs
 * were (nearly) all busy, the throughput is what the machine's CPU time allows, and p95 ≤ 50 ms at
 * 16 in flight needs ≥ 16 / 50 ms = 320 requests/s with their latency spread: the note says which.
 */
function loadNote(
  concurrency: number,
  apiLoad: { latencies: number[] },
  apiPerSecond: number,
  apiBusy: CpuWindow,
  rawPerSecond: number,
  rawBusy: CpuWindow,
): string {
  const mean =
    apiLoad.latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, apiLoad.latencies.length);
  const cpuMs = (busy: CpuWindow, perSecond: number) => ((busy.busyCpus / perSecond) * 1000).toFixed(1);
  const bound = apiBusy.busyCpus >= 0.9 * apiBusy.cpus;
  return [
    `API: mean ${ms(mean)} = ${concurrency} in flight ÷ ${Math.round(apiPerSecond)}/s (${ms((concurrency / apiPerSecond) * 1000)});`,
    `${describeCpu(apiBusy)} (≈ ${cpuMs(apiBusy, apiPerSecond)} ms of machine CPU per request, load generator, API, PostgreSQL and other work together);`,
    `raw SQL: ${describeCpu(rawBusy)} (≈ ${cpuMs(rawBusy, rawPerSecond)} ms per statement).`,
    bound
      ? `CPU-bound: the CPUs were busy, so requests queued for them; more in flight only lengthens the queue.`
      : `Not CPU-bound on average: the wait is elsewhere (locks, I/O, the pool).`,
  ].join(' ');
}
