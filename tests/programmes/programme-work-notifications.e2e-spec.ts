import { Clock, JobProducer } from '@mptf/platform';
import { mailed, notified } from '../notifications/notification-fixtures';
import { createTestContext, eventually, TestContext } from '../support/test-context';
import { startTestSmtpServer, TestSmtpServer } from '../support/test-smtp-server';
import {
  activeProgrammeWithMatrix,
  API,
  expectStatus,
  find,
  FMU,
  IOM,
  obligationsOf,
  setToday,
  submittedProgressReport,
} from './programme-work-fixtures';

const FMU_ONLY = ['fmu@mptf.test'];
const PUNOS = ['iom.focal@mptf.test', 'unicef.focal@mptf.test'];

/**
 * The programme work's notifications reach the people they wait for, in the bell and through a
 * real SMTP server, never others: a progress report submitted (the fund unit) or returned (the
 * programme's focal points), a revision requested (the fund unit) and decided (the focal points),
 * and the daily scan's reports due within 14 days or overdue (the responsible agency only, once).
 */
describe('programme work notifications', () => {
  let t: TestContext;
  let smtp: TestSmtpServer;
  let programmeId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestContext({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://mptf.example.org' } });
    programmeId = await activeProgrammeWithMatrix(t);
    const worker = await t.startWorker();
    setToday(t, '2027-04-20');
    // The worker has its own Clock instance: move it too.
    jest.spyOn(worker.get(Clock), 'now').mockReturnValue(new Date('2027-04-20T12:00:00Z'));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    delete process.env.SMTP_URL;
    delete process.env.PUBLIC_URL;
  });

  it('the daily scan tells the responsible agency of reports due within 14 days and overdue, once', async () => {
    const jobs = t.app.get(JobProducer);
    await jobs.scanObligationsNow();
    const obligations = await obligationsOf(t, programmeId, FMU);
    const narrative = find(obligations, 'ANNUAL_NARRATIVE', 2026, null); // due 31 Mar 2027: overdue
    const iomFinancial = find(obligations, 'ANNUAL_FINANCIAL', 2026, 'IOM'); // due 30 Apr 2027: in 10 days
    const unicefFinancial = find(obligations, 'ANNUAL_FINANCIAL', 2026, 'UNICEF');
    await eventually(async () => (await notified(t, 'OBLIGATION_DUE', unicefFinancial.id)).length > 0);
    expect(await notified(t, 'OBLIGATION_OVERDUE', narrative.id)).toEqual(['iom.focal@mptf.test']);
    expect(await notified(t, 'OBLIGATION_DUE', iomFinancial.id)).toEqual(['iom.focal@mptf.test']);
    expect(await notified(t, 'OBLIGATION_DUE', unicefFinancial.id)).toEqual(['unicef.focal@mptf.test']);
    expect(await mailed(t, smtp, 'Report overdue')).toEqual(['iom.focal@mptf.test']);
    // A second scan the same day tells nobody again.
    await jobs.scanObligationsNow();
    await new Promise((done) => setTimeout(done, 1500));
    const [row] = (await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind IN ('OBLIGATION_DUE', 'OBLIGATION_OVERDUE')`,
    )) as { n: number }[];
    expect(row.n).toBe(3);
  });

  it('a progress report submitted tells the fund unit; returned, the programme’s focal points', async () => {
    const reportId = await submittedProgressReport(t, programmeId, [{ resultKey: 'OC1', progress: 'Done' }]);
    expect(await notified(t, 'PROGRESS_REPORT_SUBMITTED', reportId)).toEqual(FMU_ONLY);
    expect(await mailed(t, smtp, 'Progress report submitted')).toEqual(FMU_ONLY);
    await expectStatus(
      await t.http
        .post(`${API}/progress-reports/${reportId}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'RETURN', comment: 'More detail' }),
      200,
    );
    expect(await notified(t, 'PROGRESS_REPORT_RETURNED', reportId)).toEqual(PUNOS);
    expect(await mailed(t, smtp, 'Progress report returned')).toEqual(PUNOS);
  });

  it('a revision requested tells the fund unit; decided, the programme’s focal points', async () => {
    const revision = await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/revisions`)
        .set(await t.as(IOM))
        .send({ kind: 'NO_COST_EXTENSION', justification: 'Delays', endDate: '2028-04-30' }),
      201,
    );
    expect(await notified(t, 'REVISION_SUBMITTED', revision.id)).toEqual(FMU_ONLY);
    await expectStatus(
      await t.http
        .post(`${API}/revisions/${revision.id}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'APPROVE', comment: 'Fine' }),
      200,
    );
    expect(await notified(t, 'REVISION_DECIDED', revision.id)).toEqual(PUNOS);
    expect(await mailed(t, smtp, 'Programme revision decided')).toEqual(PUNOS);
  });
});
