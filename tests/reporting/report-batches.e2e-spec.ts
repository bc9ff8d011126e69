import { ReportGenerator } from '@mptf/reporting';
import { deposit } from '../reliability/support/fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { finished, insertProgramme, PATHWAYS, RunBody } from './report-fixtures';

const FMU = 'fmu@mptf.test';
const AA = 'aa@mptf.test';
const DONORS = ['DEU', 'FRA', 'SWE'];

type BatchRun = RunBody & {
  batchId?: string;
  parameters: { donorCode?: string; year?: number };
  source?: { fingerprint: string; sharedParts?: Record<string, string> };
};

interface BatchBody {
  batchId: string;
  runs: BatchRun[];
}

describe('report batches: statements for all donors', () => {
  let t: TestContext;

  const postBatch = async (body: object, as = FMU) =>
    t.http
      .post('/api/v1/reports/batches')
      .set(await t.as(as))
      .send(body);
  const run = async (id: string) =>
    (await t.http.get(`/api/v1/reports/${id}`).set(await t.as(FMU))).body as BatchRun;
  const sharedRows = async (batchId: string) =>
    (await t.db.query(`SELECT part, version FROM report_shared_parts WHERE batch_id = $1`, [batchId])) as {
      part: string;
      version: string;
    }[];

  beforeAll(async () => {
    t = await createTestContext();
    await insertProgramme(t.db, PATHWAYS);
    for (const [index, donor] of DONORS.entries()) await deposit(t, `${index + 1}000000.00`, donor);
  });
  afterAll(() => t.close());

  it('fans out one run per donor whose fund-level part the worker computes once', async () => {
    const created = await postBatch({
      type: 'CONTRIBUTOR_STATEMENT',
      format: 'pdf',
      parameters: { year: 2026 },
    });
    expect(created.status).toBe(202);
    const batch = created.body as BatchBody;
    expect(
      batch.runs
        .map((r) => r.parameters)
        .sort((a, b) => String(a.donorCode).localeCompare(String(b.donorCode))),
    ).toEqual(DONORS.map((donorCode) => ({ donorCode, year: 2026 })));
    expect(batch.runs.every((r) => r.status === 'QUEUED' && r.batchId === batch.batchId)).toBe(true);

    // One batch at a time per user, named by its rule.
    const second = await postBatch({ type: 'CONTRIBUTOR_STATEMENT', format: 'csv' }, FMU);
    expect(second.status).toBe(429);
    expect(second.body.details[0].rule).toBe('REPORT_BATCHES_PER_USER');

    // The worker runs the jobs: every statement succeeds; the first computes the fund-level
    // part, the other two reuse the stored one.
    const worker = await t.startWorker();
    for (const r of batch.runs) expect((await finished(t, r.id)).status).toBe('SUCCEEDED');
    const runs = await Promise.all(batch.runs.map((r) => run(r.id)));
    const reused = (r: BatchRun) =>
      Object.keys(r.source?.sharedParts ?? {}).filter((part) =>
        part.startsWith('contributor-statement:fund:2026'),
      );
    expect(runs.filter((r) => reused(r).length === 1).length).toBe(DONORS.length - 1);
    expect((await sharedRows(batch.batchId)).map((row) => row.part)).toEqual([
      expect.stringMatching(/^contributor-statement:fund:2026/),
    ]);

    // A shared statement is the statement one request gives (same content fingerprint).
    const deu = runs.find((r) => r.parameters.donorCode === 'DEU');
    const single = await t.http
      .post('/api/v1/reports')
      .set(await t.as(AA))
      .send({ type: 'CONTRIBUTOR_STATEMENT', format: 'pdf', parameters: { donorCode: 'DEU', year: 2026 } });
    expect(single.status).toBe(202);
    expect((await finished(t, single.body.id)).status).toBe('SUCCEEDED');
    const alone = await run(single.body.id);
    expect(alone.source?.sharedParts).toBeUndefined();
    expect(alone.source?.fingerprint).toBe(deu?.source?.fingerprint);
    await worker.close();
  });

  it('does not reuse the fund-level part once the ledger moved', async () => {
    const created = await postBatch(
      { type: 'CONTRIBUTOR_STATEMENT', format: 'csv', parameters: { year: 2026 } },
      AA,
    );
    expect(created.status).toBe(202);
    const [first, second, third] = (created.body as BatchBody).runs;
    const generator = t.app.get(ReportGenerator);
    const job = { attempt: 1, maxAttempts: 1, worker: 'test' };
    // No worker runs now: the runs are generated here, in order, with a deposit in between.
    await generator.generate(first.id, job).catch(() => undefined);
    await finished(t, first.id, AA);
    await deposit(t, '500000.00', 'SWE');
    for (const r of [second, third]) {
      await generator.generate(r.id, job).catch(() => undefined);
      await finished(t, r.id, AA);
    }
    const runs = await Promise.all([first, second, third].map((r) => run(r.id)));
    expect(runs.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    // After the deposit, the stored part (read before it) is not reused.
    expect(runs.filter((r) => r.source?.sharedParts).length).toBe(0);
  });

  it("computes the fund-level part once when a batch's runs start at the same moment", async () => {
    // As when several workers take a batch's first jobs together: each run would find no part
    // stored yet and compute it. One computes it; the others wait and reuse it.
    const created = await postBatch({
      type: 'CONTRIBUTOR_STATEMENT',
      format: 'csv',
      parameters: { year: 2025 },
    });
    expect(created.status).toBe(202);
    const batch = created.body as BatchBody;
    const generator = t.app.get(ReportGenerator);
    const job = { attempt: 1, maxAttempts: 1, worker: 'test' };
    await Promise.all(batch.runs.map((r) => generator.generate(r.id, job).catch(() => undefined)));
    const runs = await Promise.all(batch.runs.map((r) => run(r.id)));
    expect(runs.map((r) => r.status)).toEqual(batch.runs.map(() => 'SUCCEEDED'));
    expect(runs.filter((r) => r.source?.sharedParts).length).toBe(DONORS.length - 1);
    expect((await sharedRows(batch.batchId)).map((row) => row.part)).toEqual([
      'contributor-statement:fund:2025',
    ]);
  });

  it('is for the fund unit and the AA, contributor statements only, without a donor', async () => {
    const body = { type: 'CONTRIBUTOR_STATEMENT', format: 'pdf' };
    expect((await postBatch(body, 'donor.deu@mptf.test')).status).toBe(403);
    expect((await postBatch(body, 'admin@mptf.test')).status).toBe(403);
    expect((await postBatch(body, 'sc.undp@mptf.test')).status).toBe(403);
    const annual = await postBatch({ type: 'ANNUAL_CONSOLIDATED', format: 'pdf' });
    expect(annual.status).toBe(400);
    expect(annual.body.details[0].field).toBe('type');
    const named = await postBatch({ ...body, parameters: { donorCode: 'DEU' } });
    expect(named.status).toBe(400);
    expect(JSON.stringify(named.body.details)).toContain('donorCode');
  });
});
