import { INestApplicationContext } from '@nestjs/common';
import { Clock, JobProducer, QueueConnection, QueueName, REPORT_SCHEDULER_ID } from '@mptf/platform';
import { eventually, TestContext } from '../support/test-context';
import { finished, ReportRequests, reportsContext, RunBody } from './report-fixtures';

const FMU = 'fmu@mptf.test';
const AA = 'aa@mptf.test';
const DONOR = 'donor.deu@mptf.test';

/** Reports around the runs: bad requests, the report schedule, the queue dashboard. */
describe('reports: requests, schedule and dashboard', () => {
  let t: TestContext;
  let worker: INestApplicationContext;
  let post: ReportRequests['post'];

  beforeAll(async () => {
    ({ t, post } = await reportsContext());
    worker = await t.startWorker();
  });
  afterAll(() => t.close());

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
