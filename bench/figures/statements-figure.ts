import { join } from 'node:path';
import { bareContributorStatement } from '../baselines/annual-report';
import { BenchContext, SETTINGS, USERS } from '../lib/bench-settings';
import { Figure, ms, notAvailable, times } from '../lib/figures';
import { ReportRun, startWorkers, waitForRuns } from '../lib/report-runs';
import { timed } from '../lib/stats';

/** Figure (d) of the benchmark: 100 contributor statements, two worker processes. */

export async function statementsFigure(context: BenchContext): Promise<Figure> {
  const { api, pool } = context;
  const id = 'contributor-statements';
  const label = `${SETTINGS.statements} contributor statements, 2 worker processes`;
  const target = 'all ≤ 30 s, none processed twice';
  const token = await api.login(USERS.aa);
  const { rows: donors } = await pool.query<{ code: string }>(
    `SELECT DISTINCT o.code FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id
      WHERE e.kind = 'DEPOSIT' ORDER BY o.code`,
  );
  const formats = ['pdf', 'xlsx'];
  const jobs = Array.from({ length: SETTINGS.statements }, (_unused, index) => ({
    donorCode: donors[index % donors.length].code,
    format: formats[Math.floor(index / donors.length) % formats.length],
  }));
  const bare = await timed(async () => {
    for (const [index, job] of jobs.entries()) {
      await bareContributorStatement(
        pool,
        job.donorCode,
        join(context.workDir, `bare-statement-${index}.pdf`),
      );
    }
  });
  const baseline = `raw pg + pdfkit, one process: ${ms(bare.ms)}`;
  if (await api.routeMissing('POST', '/api/v1/reports', token)) {
    return {
      ...notAvailable(id, label, target, 'POST /reports'),
      baseline,
      values: { baselineMs: Math.round(bare.ms) },
    };
  }
  process.stdout.write(`measure: ${label} …\n`);
  for (const worker of context.workers) await worker.stop();
  await startWorkers(context, 2);
  const all = await timed(async () => {
    const ids = await Promise.all(
      jobs.map(async (job, index) => {
        const created = await api.request<ReportRun>('POST', '/api/v1/reports', {
          token,
          headers: { 'idempotency-key': `bench-statement-${Date.now()}-${index}` },
          body: {
            type: 'CONTRIBUTOR_STATEMENT',
            format: job.format,
            parameters: { donorCode: job.donorCode },
          },
        });
        if (created.status !== 202)
          throw new Error(`POST /reports: ${created.status} ${JSON.stringify(created.body)}`);
        return created.body.id;
      }),
    );
    return { ids, runs: await waitForRuns(api, token, ids, SETTINGS.reportTimeoutMs) };
  });
  const failed = [...all.value.runs.values()].filter((run) => run.status !== 'SUCCEEDED');
  let twice: number | null = null;
  let byWorker = '';
  const attempts = await pool.query<{ exists: boolean }>(
    `SELECT to_regclass('report_run_attempts') IS NOT NULL AS exists`,
  );
  if (attempts.rows[0].exists) {
    const { rows } = await pool.query<{ run_id: string; n: number }>(
      `SELECT run_id, count(*)::int AS n FROM report_run_attempts WHERE run_id = ANY($1) GROUP BY run_id`,
      [all.value.ids],
    );
    twice = rows.filter((row) => row.n > 1).length;
    const workers = await pool.query<{ worker: string; n: number }>(
      `SELECT worker, count(*)::int AS n FROM report_run_attempts WHERE run_id = ANY($1) GROUP BY worker ORDER BY worker`,
      [all.value.ids],
    );
    byWorker = workers.rows.map((row) => `${row.n}`).join('+');
  }
  const ok = failed.length === 0 && all.ms <= 30_000 && twice === 0;
  return {
    id,
    label,
    result: ok ? 'PASS' : 'MISS',
    measured: `${ms(all.ms)}, ${failed.length} failed, ${twice === null ? 'duplicates not checked (no report_run_attempts)' : `${twice} twice`}${byWorker ? `, split ${byWorker}` : ''}`,
    baseline,
    ratio: times(all.ms / bare.ms),
    target,
    values: {
      ms: Math.round(all.ms),
      failed: failed.length,
      processedTwice: twice,
      baselineMs: Math.round(bare.ms),
    },
  };
}
