import { INestApplicationContext } from '@nestjs/common';
import { Clock, JobProducer, QueueConnection, QueueName, REPORT_SCHEDULER_ID } from '@mptf/platform';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestContext, eventually, TestContext } from '../support/test-context';
import {
  binary,
  csvText,
  DATA_HUB,
  finished,
  insertProgramme,
  PATHWAYS,
  RunBody,
  zipEntries,
} from './report-fixtures';

const FMU = 'fmu@mptf.test';
const AA = 'aa@mptf.test';
const DONOR = 'donor.deu@mptf.test';

/** Set REPORT_SAMPLES_DIR to keep the generated files for a look (pdftoppm -png -r 60 …). */
function keep(name: string, content: Buffer): void {
  const folder = process.env.REPORT_SAMPLES_DIR;
  if (folder) writeFileSync(join(folder, name), content);
}

function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}

function pdfPages(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

describe('reports', () => {
  let t: TestContext;
  let worker: INestApplicationContext;
  let pathwaysId: string;
  let dataHubId: string;

  const post = async (body: object, as = FMU, headers: Record<string, string> = {}) =>
    t.http
      .post('/api/v1/reports')
      .set(await t.as(as))
      .set(headers)
      .send(body);
  const download = async (id: string, as = FMU) =>
    t.http
      .get(`/api/v1/reports/${id}/file`)
      .set(await t.as(as))
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    t = await createTestContext();
    pathwaysId = await insertProgramme(t.db, PATHWAYS);
    dataHubId = await insertProgramme(t.db, DATA_HUB);
  });
  afterAll(() => t.close());

  it('fails a run permanently when its programme vanished, and a retry after the fix succeeds', async () => {
    // Before any worker runs: the run is queued, then its programme stops being a programme.
    const created = await post({
      type: 'PROGRAMME_FACTSHEET',
      format: 'csv',
      parameters: { programmeId: dataHubId },
    });
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ id: expect.any(String), status: 'QUEUED', progress: 0 });
    await t.db.query(`UPDATE proposals SET status = 'REJECTED' WHERE id = $1`, [dataHubId]);

    worker = await t.startWorker();
    const failed = await finished(t, created.body.id);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.error).toContain(`Programme ${dataHubId} was not found`);
    // A permanent error is not retried by the queue, and the failed job is kept for inspection.
    const job = await t.app.get(QueueConnection).queue(QueueName.REPORTS).getJob(created.body.id);
    expect(await job?.getState()).toBe('failed');
    expect((await download(created.body.id)).status).toBe(409);

    await t.db.query(`UPDATE proposals SET status = 'APPROVED' WHERE id = $1`, [dataHubId]);
    const retried = await t.http.post(`/api/v1/reports/${created.body.id}/retry`).set(await t.as(FMU));
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: created.body.id, status: 'QUEUED' });
    expect(retried.body.error).toBeUndefined();
    const done = await finished(t, created.body.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 2, progress: 100 });
    const csv = csvText((await download(created.body.id)).body as Buffer);
    expect(csv).toContain('"Total",,166667.77,11666.74,178334.51');

    // Only a FAILED run can be retried.
    const again = await t.http.post(`/api/v1/reports/${created.body.id}/retry`).set(await t.as(FMU));
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('SUCCEEDED');
    const audit = await t.http
      .get(`/api/v1/audit?entityType=report_run&entityId=${created.body.id}`)
      .set(await t.as(FMU));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'report.retry',
      'report.request',
    ]);
  });

  it('generates a programme factsheet as PDF, CSV and XLSX with the same figures', async () => {
    const runs: Record<string, RunBody> = {};
    for (const format of ['pdf', 'csv', 'xlsx']) {
      const created = await post({
        type: 'PROGRAMME_FACTSHEET',
        format,
        parameters: { programmeId: pathwaysId },
      });
      expect(created.status).toBe(202);
      expect(created.headers.location).toBe(`/api/v1/reports/${created.body.id}`);
      runs[format] = await finished(t, created.body.id);
      expect(runs[format]).toMatchObject({
        status: 'SUCCEEDED',
        progress: 100,
        bytes: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        createdAt: expect.any(String),
        startedAt: expect.any(String),
        finishedAt: expect.any(String),
        source: {
          isolation: 'REPEATABLE READ',
          snapshotAt: expect.any(String),
          fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
          rowCounts: { programmes: 1, organizations: 3, countries: 3, objectives: 3, budgetLines: 6 },
          inputs: { indirectRate: '0.07' },
          omittedSections: [],
        },
      });
    }
    // Same data, same figures, whatever the format.
    expect(new Set(Object.values(runs).map((run) => run.source?.fingerprint)).size).toBe(1);

    const pdf = await download(runs.pdf.id);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(
      /^attachment; filename="factsheet-MIG-2026-0101-[0-9a-f]{8}\.pdf"/,
    );
    const body = pdf.body as Buffer;
    keep('factsheet.pdf', body);
    expect(body.length).toBe(runs.pdf.bytes);
    expect(createHash('sha256').update(body).digest('hex')).toBe(runs.pdf.sha256);
    expect(pdfPages(body)).toBe(runs.pdf.pages);
    expect(runs.pdf.pages).toBeGreaterThanOrEqual(4);
    const text = pdfText(body);
    for (const expected of [
      'Programme factsheet',
      'MIG-2026-0101',
      "Côte d'Ivoire",
      'Türkiye',
      'Curaçao',
      'International Organization for Migration (IOM)',
      '1,070,000.00',
      '70,000.00',
      `Run ${runs.pdf.id}`,
      `Page 2 of ${runs.pdf.pages}`,
    ])
      expect(text).toContain(expected);
    const info = execFileSync('pdfinfo', ['-'], { input: body }).toString('utf8');
    expect(info).toMatch(/Title:\s+Programme factsheet/);
    expect(info).toMatch(/Author:\s+UN Migration Multi-Partner Trust Fund/);
    expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
    const fonts = execFileSync('pdffonts', ['-'], { input: body }).toString('utf8');
    expect(fonts).toContain('DejaVuSans');

    // Several tables: a zip of CSV files, one table each, UTF-8 with a BOM, header row first.
    const csv = await download(runs.csv.id);
    expect(csv.headers['content-type']).toBe('application/zip');
    expect(csv.headers['content-disposition']).toMatch(/filename="factsheet-MIG-2026-0101-[0-9a-f]{8}\.zip"/);
    const entries = zipEntries(csv.body as Buffer)!;
    expect([...entries.keys()].slice(0, 3)).toEqual(['00-contents.csv', '00-report.csv', '00-summary.csv']);
    for (const [name, content] of entries) {
      expect({ name, bom: content.subarray(0, 3).toString('hex') }).toEqual({ name, bom: 'efbbbf' });
      expect(content.toString('utf8').slice(1).startsWith('"')).toBe(true);
    }
    const lines = csvText(csv.body as Buffer).split('\r\n');
    expect(entries.get('00-contents.csv')!.toString('utf8')).toMatch(/"Participating UN organizations"/);
    expect(lines).toContain(
      '"International Organization for Migration (IOM)","Convening",500000.00,35000.00,535000.00',
    );
    expect(lines).toContain('"Total",,1000000.00,70000.00,1070000.00');
    expect(lines).toContain('"8. Indirect support costs",35000.00,14000.00,21000.00,70000.00');
    expect(lines).toContain('"Curaçao","CUW","Americas"');

    const xlsx = await download(runs.xlsx.id);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Budget by participating UN');
    expect(sheet).toBeDefined();
    const totals = sheet!.getRow(5);
    expect(totals.getCell(1).value).toBe('Total');
    expect(totals.getCell(5).value).toBe(1070000);
    expect(totals.getCell(5).numFmt).toBe('#,##0.00');
    expect(workbook.worksheets.map((s) => s.name).slice(0, 2)).toEqual(['Contents', 'Summary']);
  });

  it('generates the portfolio factsheet of every programme when no programme is named', async () => {
    const created = await post({ type: 'PROGRAMME_FACTSHEET', format: 'pdf', parameters: {} });
    const run = await finished(t, created.body.id);
    expect(run).toMatchObject({ status: 'SUCCEEDED', source: { rowCounts: { programmes: 2 } } });
    const file = (await download(run.id)).body as Buffer;
    keep('portfolio.pdf', file);
    const text = pdfText(file);
    expect(text).toContain('Portfolio factsheet');
    expect(text).toContain('MIG-2026-0101');
    expect(text).toContain('MIG-2026-0102');
    // 1,070,000.00 + 178,334.51
    expect(text).toContain('1,248,334.51');
  });

  it('returns the same run for a repeated Idempotency-Key, per user', async () => {
    const body = { type: 'PROGRAMME_FACTSHEET', format: 'csv', parameters: { programmeId: pathwaysId } };
    const first = await post(body, FMU, { 'Idempotency-Key': 'factsheet-0101-csv' });
    const second = await post(body, FMU, { 'Idempotency-Key': 'factsheet-0101-csv' });
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const otherUser = await post(body, AA, { 'Idempotency-Key': 'factsheet-0101-csv' });
    expect(otherUser.body.id).not.toBe(first.body.id);
    const misuse = await post({ ...body, format: 'pdf' }, FMU, { 'Idempotency-Key': 'factsheet-0101-csv' });
    expect(misuse.status).toBe(409);
    const count = (await t.db.query(`SELECT count(*)::int AS n FROM report_runs WHERE idempotency_key = $1`, [
      'factsheet-0101-csv',
    ])) as { n: number }[];
    expect(count[0].n).toBe(2);
    await finished(t, first.body.id);
    await finished(t, otherUser.body.id);
  });

  it('lets a donor viewer have only its own statement and the annual report', async () => {
    const other = await post(
      { type: 'CONTRIBUTOR_STATEMENT', format: 'pdf', parameters: { donorCode: 'FRA' } },
      DONOR,
    );
    expect(other.status).toBe(403);
    expect((await post({ type: 'PROGRAMME_FACTSHEET', format: 'pdf', parameters: {} }, DONOR)).status).toBe(
      403,
    );
    expect(
      (await post({ type: 'DECISION_PACK', format: 'pdf', parameters: { meetingId: pathwaysId } }, DONOR))
        .status,
    ).toBe(403);

    // Its own (donorCode defaults to its organization) and the annual report are accepted.
    const own = await post({ type: 'CONTRIBUTOR_STATEMENT', format: 'pdf' }, DONOR);
    expect(own.status).toBe(202);
    expect(own.body.parameters).toEqual({ donorCode: 'DEU' });
    const annual = await post(
      { type: 'ANNUAL_CONSOLIDATED', format: 'xlsx', parameters: { year: 2025 } },
      DONOR,
    );
    expect(annual.status).toBe(202);
    const fraByFmu = await post(
      { type: 'CONTRIBUTOR_STATEMENT', format: 'csv', parameters: { donorCode: 'FRA' } },
      AA,
    );
    expect(fraByFmu.status).toBe(202);

    // Reading and downloading are checked the same way.
    expect((await t.http.get(`/api/v1/reports/${fraByFmu.body.id}`).set(await t.as(DONOR))).status).toBe(403);
    const factsheets = await t.http.get('/api/v1/reports?type=PROGRAMME_FACTSHEET').set(await t.as(FMU));
    const factsheetId = factsheets.body.items[0].id as string;
    expect((await t.http.get(`/api/v1/reports/${factsheetId}`).set(await t.as(DONOR))).status).toBe(403);
    expect((await download(factsheetId, DONOR)).status).toBe(403);
    const list = await t.http.get('/api/v1/reports?pageSize=200').set(await t.as(DONOR));
    expect(list.status).toBe(200);
    expect(list.body.items.map((run: RunBody) => run.id).sort()).toEqual(
      [own.body.id, annual.body.id].sort(),
    );

    // Other roles: no report permission at all; admins read but do not generate.
    expect((await post({ type: 'PROGRAMME_FACTSHEET', format: 'pdf' }, 'sc.undp@mptf.test')).status).toBe(
      403,
    );
    expect((await t.http.get('/api/v1/reports').set(await t.as('iom.focal@mptf.test'))).status).toBe(403);
    expect((await post({ type: 'PROGRAMME_FACTSHEET', format: 'pdf' }, 'admin@mptf.test')).status).toBe(403);
    expect(
      (await t.http.get(`/api/v1/reports/${fraByFmu.body.id}`).set(await t.as('admin@mptf.test'))).status,
    ).toBe(200);

    // Every type is connected: the donor's own statement and the annual report complete.
    for (const id of [own.body.id, annual.body.id, fraByFmu.body.id]) {
      const run = await finished(t, id, FMU);
      expect({ status: run.status, error: run.error }).toEqual({ status: 'SUCCEEDED', error: undefined });
    }
    expect((await download(own.body.id, DONOR)).status).toBe(200);
  });

  it('rejects bad requests with the field and the right status', async () => {
    const missing = await post({ type: 'DECISION_PACK', format: 'pdf', parameters: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([{ field: 'parameters.meetingId', message: expect.any(String) }]);
    const bad = await post({ type: 'DONOR_THING', format: 'docx', parameters: { year: 'x', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['type', 'format', 'parameters.year', 'parameters.extra']),
    );
    const unknownProgramme = await post({
      type: 'PROGRAMME_FACTSHEET',
      format: 'pdf',
      parameters: { programmeId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownProgramme.status).toBe(404);
    const unknownMeeting = await post({
      type: 'DECISION_PACK',
      format: 'pdf',
      parameters: { meetingId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownMeeting.status).toBe(404);
    const unknownDonor = await post({
      type: 'CONTRIBUTOR_STATEMENT',
      format: 'pdf',
      parameters: { donorCode: 'XXX' },
    });
    expect(unknownDonor.status).toBe(400);
    expect(unknownDonor.body.details[0].field).toBe('parameters.donorCode');
    const badKey = await post({ type: 'PROGRAMME_FACTSHEET', format: 'pdf' }, FMU, {
      'Idempotency-Key': 'x'.repeat(201),
    });
    expect(badKey.status).toBe(400);
    expect((await t.http.get('/api/v1/reports/not-a-uuid').set(await t.as(FMU))).status).toBe(400);
    expect(
      (await t.http.get('/api/v1/reports/00000000-0000-4000-8000-000000000000').set(await t.as(FMU))).status,
    ).toBe(404);
    expect((await t.http.get('/api/v1/reports?status=DONE').set(await t.as(FMU))).status).toBe(400);
  });

  it('lists runs with filters and pages', async () => {
    const response = await t.http
      .get('/api/v1/reports?type=PROGRAMME_FACTSHEET&status=SUCCEEDED&pageSize=2')
      .set(await t.as(AA));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, pageSize: 2, total: expect.any(Number) });
    expect(response.body.total).toBeGreaterThanOrEqual(5);
    expect(response.body.items).toHaveLength(2);
    for (const run of response.body.items)
      expect(run).toMatchObject({ type: 'PROGRAMME_FACTSHEET', status: 'SUCCEEDED' });
  });

  it('runs the report schedule: the annual report after the expenditure deadline and a monthly portfolio factsheet', async () => {
    const queue = t.app.get(QueueConnection).queue(QueueName.REPORTS);
    const scheduler = await queue.getJobScheduler(REPORT_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ pattern: '0 3 * * *', tz: 'UTC' });

    // The worker's clock says 2 May 2027: the 2026 annual report is due (deadline 30 April).
    jest.spyOn(worker.get(Clock), 'now').mockReturnValue(new Date('2027-05-02T03:00:00Z'));
    const scheduled = async () =>
      (await t.http.get('/api/v1/reports?pageSize=200').set(await t.as(FMU))).body.items.filter(
        (run: RunBody) => run.trigger === 'SCHEDULE',
      ) as RunBody[];
    await t.app.get(JobProducer).scheduleReportsNow();
    const runs = await eventually(async () => {
      const found = await scheduled();
      return found.length === 2 ? found : null;
    });
    expect(runs.map((run) => [run.type, run.parameters]).sort()).toEqual([
      ['ANNUAL_CONSOLIDATED', { year: 2026 }],
      ['PROGRAMME_FACTSHEET', {}],
    ]);
    const factsheet = await finished(t, runs.find((run) => run.type === 'PROGRAMME_FACTSHEET')!.id);
    expect(factsheet.status).toBe('SUCCEEDED');

    // Firing again the same month creates nothing new; donors see the scheduled annual report.
    const job = await t.app.get(JobProducer).scheduleReportsNow();
    await eventually(async () => (await queue.getJob(job))?.isCompleted());
    expect(await scheduled()).toHaveLength(2);
    const donorList = await t.http
      .get('/api/v1/reports?type=ANNUAL_CONSOLIDATED&pageSize=200')
      .set(await t.as(DONOR));
    expect(donorList.body.items.map((run: RunBody) => run.id)).toContain(
      runs.find((run) => run.type === 'ANNUAL_CONSOLIDATED')!.id,
    );
  });

  it('serves the queue dashboard to admins and the FMU only', async () => {
    const path = '/api/v1/admin/queues';
    expect((await t.http.get(path)).status).toBe(401);
    expect((await t.http.get(path).set('Authorization', 'Bearer nope')).status).toBe(401);
    expect((await t.http.get(path).set(await t.as(DONOR))).status).toBe(403);
    expect((await t.http.get(path).set(await t.as(AA))).status).toBe(403);
    const page = await t.http.get(path).set(await t.as('admin@mptf.test'));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');

    // A browser opens it with the session: never a token in the address.
    expect((await t.http.get(`${path}?token=${await t.token(FMU)}`)).status).toBe(401);
    const session = await t.http.post('/api/v1/admin/queue-dashboard/session').set(await t.as(AA));
    expect(session.status).toBe(403);
    const opened = await t.http.post('/api/v1/admin/queue-dashboard/session').set(await t.as(FMU));
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({ url: path });
    const cookie = (opened.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    expect(cookie).toMatch(/^mptf_queue_dashboard=/);
    expect((opened.headers['set-cookie'] as unknown as string[])[0]).toMatch(/HttpOnly/);
    expect((await t.http.get(path).set('Cookie', cookie)).status).toBe(200);
    const queues = await t.http.get(`${path}/api/queues`).set('Cookie', cookie);
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(
      expect.arrayContaining(['reports', 'maintenance']),
    );
  });
});
