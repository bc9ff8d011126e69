import { bareCreateAndSubmit, intakeBody, intakeFixture } from '../baselines/intake';
import { BenchContext, SETTINGS, USERS } from '../lib/bench-settings';
import { Figure, ms, times } from '../lib/figures';
import { cpuWindow, describeCpu } from '../lib/machine-cpu';
import { processTreeCpuMs } from '../lib/processes';
import { latencyStats, runLoad, timed } from '../lib/stats';

/** Figure (c) of the benchmark: intake throughput. */

export async function intakeFigure(context: BenchContext): Promise<Figure> {
  const { api, pool } = context;
  const target = '≥ 200 proposals/s, p99 ≤ 150 ms, ≤ 2.5× bare SQL';
  const processes = `${SETTINGS.apiProcesses} API process${SETTINGS.apiProcesses > 1 ? 'es' : ''}`;
  const label = `Intake create+submit (${SETTINGS.intakeProposals}, ${SETTINGS.intakeConcurrency} in flight, ${processes})`;
  const token = await api.login(USERS.focal);
  process.stdout.write(`measure: ${label} …\n`);
  const once = async (index: number, record: (ms: number) => void) => {
    const created = await timed(() =>
      api.request<{ id: string }>('POST', '/api/v1/proposals', { token, body: intakeBody(index) }),
    );
    if (created.value.status !== 201)
      throw new Error(`create: ${created.value.status} ${JSON.stringify(created.value.body)}`);
    record(created.ms);
    const submitted = await timed(() =>
      api.request('POST', `/api/v1/proposals/${created.value.body.id}/submit`, { token }),
    );
    if (submitted.value.status !== 200)
      throw new Error(`submit: ${submitted.value.status} ${JSON.stringify(submitted.value.body)}`);
    record(submitted.ms);
  };
  await runLoad(SETTINGS.intakeWarmup, SETTINGS.intakeConcurrency, (index, _record) =>
    once(1_000_000 + index, () => undefined),
  );
  // The API's own CPU per pair (every API process, from /proc): what the load does not change.
  const apiPid = context.apiProcess?.pid;
  const apiCpuBefore = apiPid ? processTreeCpuMs(apiPid) : undefined;
  const loadCpu = cpuWindow();
  const load = await runLoad(SETTINGS.intakeProposals, SETTINGS.intakeConcurrency, once);
  const loadBusy = loadCpu.end();
  const apiCpuAfter = apiPid ? processTreeCpuMs(apiPid) : undefined;
  const perPair = (key: 'userMs' | 'systemMs') =>
    apiCpuBefore && apiCpuAfter
      ? (apiCpuAfter[key] - apiCpuBefore[key]) / SETTINGS.intakeProposals
      : Number.NaN;
  const apiUserPerPair = perPair('userMs');
  const apiSystemPerPair = perPair('systemMs');
  const apiCpuPerPair = apiUserPerPair + apiSystemPerPair;
  const fixture = await intakeFixture(pool);
  await runLoad(SETTINGS.intakeWarmup, SETTINGS.intakeConcurrency, (index, _record) =>
    bareCreateAndSubmit(pool, fixture, 3_000_000 + index, () => undefined),
  );
  const bareCpu = cpuWindow();
  const bare = await runLoad(SETTINGS.intakeProposals, SETTINGS.intakeConcurrency, (index, record) =>
    bareCreateAndSubmit(pool, fixture, 2_000_000 + index, record),
  );
  const bareBusy = bareCpu.end();
  const a = latencyStats(load.latencies);
  const b = latencyStats(bare.latencies);
  const completed = SETTINGS.intakeProposals - load.errors.length;
  const rate = completed / (load.wallMs / 1000);
  const bareRate = (SETTINGS.intakeProposals - bare.errors.length) / (bare.wallMs / 1000);
  return {
    id: 'intake',
    label,
    result:
      load.errors.length === 0 && rate >= 200 && a.p99 <= 150 && bareRate / rate <= 2.5 ? 'PASS' : 'MISS',
    measured: `${rate.toFixed(0)}/s, p99 ${ms(a.p99)}`,
    baseline: `bare SQL ${bareRate.toFixed(0)}/s, p99 ${ms(b.p99)}`,
    ratio: `${times(bareRate / rate)} slower`,
    target,
    values: {
      proposalsPerSecond: Math.round(rate),
      requestsPerSecond: Math.round((a.count / load.wallMs) * 1000),
      p50: a.p50,
      p95: a.p95,
      p99: a.p99,
      bareProposalsPerSecond: Math.round(bareRate),
      bareP99: b.p99,
      errors: load.errors.length,
      apiCpuMsPerPair: Math.round(apiCpuPerPair * 100) / 100,
      apiUserCpuMsPerPair: Math.round(apiUserPerPair * 100) / 100,
      apiSystemCpuMsPerPair: Math.round(apiSystemPerPair * 100) / 100,
      machineCpuMsPerPair:
        Math.round(((loadBusy.busyCpus * load.wallMs) / SETTINGS.intakeProposals) * 100) / 100,
      bareMachineCpuMsPerPair:
        Math.round(((bareBusy.busyCpus * bare.wallMs) / SETTINGS.intakeProposals) * 100) / 100,
    },
    note: [
      load.errors.length ? `errors: ${load.errors.slice(0, 3).join('; ')}` : '',
      `API processes' CPU ${apiCpuPerPair.toFixed(2)} ms per pair (user ${apiUserPerPair.toFixed(2)}, system ${apiSystemPerPair.toFixed(2)}); ${describeCpu(loadBusy)} ` +
        `(≈ ${((loadBusy.busyCpus * load.wallMs) / SETTINGS.intakeProposals).toFixed(2)} ms of machine CPU per pair); ` +
        `bare SQL: ${describeCpu(bareBusy)} (≈ ${((bareBusy.busyCpus * bare.wallMs) / SETTINGS.intakeProposals).toFixed(2)} ms per pair).`,
    ]
      .filter(Boolean)
      .join(' '),
  };
}
