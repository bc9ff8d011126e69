import { join } from 'node:path';
import { captureAnnualReport } from '../baselines/annual-capture';
import { bareAnnualReport } from '../baselines/annual-report';
import { BenchContext, SETTINGS, USERS } from '../lib/bench-settings';
import { Figure, ms, notAvailable, times } from '../lib/figures';
import { ReportRun, startWorkers, waitForRuns } from '../lib/report-runs';
import { timed } from '../lib/stats';

/** Figure (a) of the benchmark: annual consolidated PDF through the queue and a worker. */

export async function annualReportFigure(context: BenchContext): Promise<Figure> {
  const { api, pool } = context;
  const id = 'annual-report';
  const label = `Annual consolidated PDF ${SETTINGS.reportYear} (queue + worker)`;
  const target = '≤ 10 s, ≤ 1.3× baseline, worker peak RSS ≤ 200 MB';
  const token = await api.login(USERS.fmu);
  // The statements the worker's composer sends and the document it renders, taken from the
  // service once (not timed): the baseline does the same reads and draws the same content.
  const captured = await captureAnnualReport(context.env, SETTINGS.reportYear);
  process.stdout.write(
    `annual: baseline replays the composer's ${captured.statements.length} statements and draws its ${captured.composed.document.sections.filter((s) => !s.notInPdf).length} PDF sections\n`,
  );
  // Both sides: one warm-up run (connections, caches, JIT), then the median of three.
  const bareRun = () => bareAnnualReport(pool, captured, join(context.workDir, 'bare-annual.pdf'));
  await bareRun();
  const bareRuns = [await bareRun(), await bareRun(), await bareRun()].sort((a, b) => a.ms - b.ms);
  const bare = bareRuns[1];
  if (await api.routeMissing('POST', '/api/v1/reports', token)) {
    return {
      ...notAvailable(id, label, target, 'POST /reports'),
      baseline: `raw pg + pdfkit ${ms(bare.ms)} (${bare.pages} pages)`,
      values: { baselineMs: Math.round(bare.ms), baselinePages: bare.pages, baselineBytes: bare.bytes },
    };
  }
  process.stdout.write(`measure: ${label} …\n`);
  const [worker] = await startWorkers(context, 1);
  const queued = () =>
    timed(async () => {
      const created = await api.request<ReportRun>('POST', '/api/v1/reports', {
        token,
        body: { type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: SETTINGS.reportYear } },
      });
      if (created.status !== 202)
        throw new Error(`POST /reports: ${created.status} ${JSON.stringify(created.body)}`);
      return (await waitForRuns(api, token, [created.body.id], SETTINGS.reportTimeoutMs, 20)).get(
        created.body.id,
      ) as ReportRun;
    });
  await queued();
  const requests = [await queued(), await queued(), await queued()].sort((a, b) => a.ms - b.ms);
  const request = requests[1];
  const run = request.value;
  const peak = worker.peakRssMb();
  await worker.stop();
  const ratio = request.ms / bare.ms;
  const ok = run.status === 'SUCCEEDED' && request.ms <= 10_000 && ratio <= 1.3 && peak <= 200;
  return {
    id,
    label,
    result: ok ? 'PASS' : 'MISS',
    measured: `${ms(request.ms)}, ${run.pages ?? '?'} pages, worker peak RSS ${peak.toFixed(0)} MB${run.status === 'SUCCEEDED' ? '' : ` (${run.status}: ${run.error})`}`,
    baseline: `raw pg + pdfkit ${ms(bare.ms)} (${bare.pages} pages)`,
    ratio: times(ratio),
    target,
    values: {
      ms: Math.round(request.ms),
      status: run.status,
      pages: run.pages ?? null,
      bytes: run.bytes ?? null,
      workerPeakRssMb: Math.round(peak),
      baselineMs: Math.round(bare.ms),
      baselinePages: bare.pages,
    },
  };
}
