import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { bareContributorStatement, bareFundPart } from '../baselines/contributor-statement';
import { BenchContext, SETTINGS, USERS } from '../lib/bench-settings';
import { Figure, ms, notAvailable, times } from '../lib/figures';
import { CpuWindow, cpuWindow, describeCpu } from '../lib/machine-cpu';
import { ReportRun, startWorkers, waitForRuns } from '../lib/report-runs';
import { timed } from '../lib/stats';

/**
 * Figure (d): contributor statements for all donors, requested as batches (`POST
 * /reports/batches`, one run per donor, the fund-level part computed once per batch), generated
 * by 1, 2 and 4 worker processes in turn; against the same statements (same content, all PDF)
 * over raw `pg` + bare pdfkit in one process, the fund-level part also read once per batch.
 */
interface Batch {
  year: number | undefined;
  donors: string[];
}

export async function statementsFigure(context: BenchContext): Promise<Figure[]> {
  const { api, pool } = context;
  const { rows } = await pool.query<{ code: string }>(
    `SELECT DISTINCT o.code FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id
      WHERE e.kind IN ('COMMITMENT', 'DEPOSIT', 'AA_FEE') ORDER BY o.code`,
  );
  const donors = rows.map((row) => row.code);
  // A batch is every donor's statement for one period: this year, since inception, the year before…
  const periods = [SETTINGS.reportYear, undefined, SETTINGS.reportYear - 1, SETTINGS.reportYear - 2];
  const batches: Batch[] = Array.from(
    { length: Math.min(periods.length, Math.max(1, Math.round(SETTINGS.statements / donors.length))) },
    (_unused, index) => ({ year: periods[index], donors }),
  );
  const count = batches.length * donors.length;

  process.stdout.write(`measure: ${count} contributor statements over raw pg + pdfkit (baseline) …\n`);
  const bareCpuBefore = process.cpuUsage();
  const bare = await timed(async () => {
    for (const [b, batch] of batches.entries()) {
      const fund = await bareFundPart(pool);
      for (const [index, donor] of batch.donors.entries())
        await bareContributorStatement(
          pool,
          fund,
          donor,
          batch.year,
          join(context.workDir, `bare-statement-${b}-${index}.pdf`),
        );
    }
  });
  const bareCpu = process.cpuUsage(bareCpuBefore);
  // CPU of the process that renders (PostgreSQL's own not included, on either side): a ratio a
  // busy machine does not move as much as the wall times.
  const bareCpuPerStatement = (bareCpu.user + bareCpu.system) / 1000 / count;
  const baseline = `raw pg + pdfkit, one process: ${ms(bare.ms)} (CPU ${ms(bareCpuPerStatement)}/statement)`;
  const tokens = [await api.login(USERS.aa), await api.login(USERS.fmu)];
  if (await api.routeMissing('POST', '/api/v1/reports/batches', tokens[0])) {
    return [
      {
        ...notAvailable(
          'contributor-statements',
          `${count} contributor statements`,
          '',
          'POST /reports/batches',
        ),
        baseline,
        values: { baselineMs: Math.round(bare.ms) },
      },
    ];
  }

  const figures: Figure[] = [];
  let oneWorkerMs = Number.NaN;
  let oneWorkerBusy = Number.NaN;
  for (const workerCount of SETTINGS.statementWorkers) {
    const label = `${count} contributor statements (${batches.length} batches), ${workerCount} worker process${workerCount > 1 ? 'es' : ''}`;
    process.stdout.write(`measure: ${label} …\n`);
    for (const worker of context.workers) await worker.stop();
    context.workers.length = 0;
    const workers = await startWorkers(context, workerCount);
    const cpu = () => workers.reduce((sum, worker) => sum + worker.cpuMs(), 0);
    const cpuBefore = cpu();
    const machine = cpuWindow();
    const all = await timed(() => runBatches(context, tokens, batches));
    const busy = machine.end();
    const cpuPerStatement = (cpu() - cpuBefore) / count;
    if (workerCount === 1) {
      oneWorkerMs = all.ms;
      oneWorkerBusy = busy.busyCpus;
    }
    const figure = await figureOf(context, label, workerCount, all, bare.ms, baseline, oneWorkerMs, {
      worker: cpuPerStatement,
      bare: bareCpuPerStatement,
    });
    figure.note = scalingNote(workerCount, busy, (cpuPerStatement * count) / all.ms, oneWorkerBusy);
    figure.values = { ...figure.values, busyCpus: busy.busyCpus, load1: busy.load1 };
    figures.push(figure);
  }
  return figures;
}

/**
 * Whether the CPUs left room to scale: w workers do at most min(w, CPUs ÷ what one worker's run
 * kept busy) times the work of one (the worker itself is more than one core: V8's GC threads;
 * PostgreSQL, the API and the bench beside it; on a shared host, other work).
 */
function scalingNote(workers: number, busy: CpuWindow, workerCores: number, oneWorkerBusy: number): string {
  const parts = [
    `${describeCpu(busy)} during the run; the worker processes used ${workerCores.toFixed(2)} CPUs.`,
  ];
  if (workers === 1)
    parts.push(`One worker's run kept ${busy.busyCpus.toFixed(2)} CPUs busy (all processes of the machine).`);
  else if (Number.isFinite(oneWorkerBusy) && oneWorkerBusy > 0)
    parts.push(
      `With one worker's run keeping ${oneWorkerBusy.toFixed(2)} CPUs busy, ${busy.cpus} CPUs allow at most ${Math.min(workers, busy.cpus / oneWorkerBusy).toFixed(2)}× 1 worker${busy.busyCpus >= 0.9 * busy.cpus ? '; the CPUs were saturated (CPU-bound)' : ''}.`,
    );
  return parts.join(' ');
}

/** Posts the batches, two at a time (one per user: a user has one unfinished batch at a time). */
async function runBatches(context: BenchContext, tokens: string[], batches: Batch[]) {
  const ids: string[] = [];
  const runs = new Map<string, ReportRun>();
  for (let start = 0; start < batches.length; start += tokens.length) {
    const round = batches.slice(start, start + tokens.length);
    const created = await Promise.all(
      round.map(async (batch, index) => {
        const response = await context.api.request<{ runs: ReportRun[] }>('POST', '/api/v1/reports/batches', {
          token: tokens[index],
          body: {
            type: 'CONTRIBUTOR_STATEMENT',
            format: 'pdf',
            parameters: batch.year === undefined ? {} : { year: batch.year },
          },
        });
        if (response.status !== 202)
          throw new Error(`POST /reports/batches: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body.runs.map((run) => run.id);
      }),
    );
    const roundIds = created.flat();
    ids.push(...roundIds);
    const done = await waitForRuns(context.api, tokens[0], roundIds, SETTINGS.reportTimeoutMs);
    for (const [id, run] of done) runs.set(id, run);
  }
  return { ids, runs };
}

async function figureOf(
  context: BenchContext,
  label: string,
  workerCount: number,
  all: { ms: number; value: { ids: string[]; runs: Map<string, ReportRun> } },
  bareMs: number,
  baseline: string,
  oneWorkerMs: number,
  cpu: { worker: number; bare: number },
): Promise<Figure> {
  const cpuPerStatement = cpu.worker;
  const failed = [...all.value.runs.values()].filter((run) => run.status !== 'SUCCEEDED');
  const { rows: attempts } = await context.pool.query<{ run_id: string; worker: string }>(
    `SELECT run_id, worker FROM report_run_attempts WHERE run_id = ANY($1)`,
    [all.value.ids],
  );
  const perRun = new Map<string, number>();
  const perWorker = new Map<string, number>();
  for (const row of attempts) {
    perRun.set(row.run_id, (perRun.get(row.run_id) ?? 0) + 1);
    perWorker.set(row.worker, (perWorker.get(row.worker) ?? 0) + 1);
  }
  const twice = [...perRun.values()].filter((n) => n > 1).length;
  const split = [...perWorker.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, n]) => n)
    .join('+');
  const ratio = all.ms / bareMs;
  const speedup = oneWorkerMs / all.ms;
  // Linear up to the cores: w workers on c CPUs do at best min(w, c) times the work of one.
  const expected = Math.min(workerCount, availableParallelism());
  const linear = workerCount === 1 || speedup >= 0.8 * expected;
  // BENCH_STATEMENT_WORKERS=2,1 (an order effect looked for) has no one-worker time yet for 2.
  const scaling = Number.isFinite(speedup) ? `${speedup.toFixed(2)}× 1 worker` : 'no 1-worker run before it';
  const ok = failed.length === 0 && twice === 0;
  return {
    id: `contributor-statements-w${workerCount}`,
    label,
    result: ok && (workerCount === 1 ? ratio <= 3 : linear) ? 'PASS' : 'MISS',
    measured: `${ms(all.ms)} (worker CPU ${ms(cpuPerStatement)}/statement, ${times(cpuPerStatement / cpu.bare)} bare), ${failed.length} failed, ${twice} twice, split ${split}${workerCount > 1 ? `, ${scaling}` : ''}`,
    baseline,
    ratio: times(ratio),
    target:
      workerCount === 1
        ? '≤ 3× baseline, none failed or twice'
        : `≥ ${(0.8 * expected).toFixed(1)}× 1 worker (${expected} CPUs of work), none twice`,
    values: {
      ms: Math.round(all.ms),
      failed: failed.length,
      processedTwice: twice,
      baselineMs: Math.round(bareMs),
      workers: workerCount,
      speedup: Math.round(speedup * 100) / 100,
      workerCpuMsPerStatement: Math.round(cpuPerStatement),
      bareCpuMsPerStatement: Math.round(cpu.bare),
      peakRssMb: Math.round(Math.max(...context.workers.map((worker) => worker.peakRssMb()))),
    },
  };
}
