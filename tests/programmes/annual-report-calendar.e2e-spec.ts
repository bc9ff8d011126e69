import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Clock } from '@mptf/platform';
import { binary, finished } from '../reporting/report-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import {
  activeProgrammeWithMatrix,
  API,
  expectStatus,
  FMU,
  setToday,
  submittedProgressReport,
} from './programme-work-fixtures';

/** The annual consolidated report lists the year's late reports and the accepted narratives. */
describe('annual report: late reports and accepted narratives', () => {
  let t: TestContext;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await activeProgrammeWithMatrix(t);
    setToday(t, '2027-05-10');
    const reportId = await submittedProgressReport(t, programmeId, [
      { resultKey: 'OC1', progress: 'Four hundred workers recruited fee-free', story: 'Ram paid no fee' },
    ]);
    await expectStatus(
      await t.http
        .post(`${API}/progress-reports/${reportId}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'ACCEPT' }),
      200,
    );
    const worker = await t.startWorker();
    jest.spyOn(worker.get(Clock), 'now').mockReturnValue(new Date('2027-05-10T12:00:00Z'));
  });
  afterAll(() => t.close());

  it("keeps the progress report's life in the audit trail the fund unit reads", async () => {
    const response = await t.http
      .get(`${API}/audit?entityType=progress_report&pageSize=50`)
      .set(await t.as(FMU));
    expect(response.status).toBe(200);
    const actions = (response.body as { items: { action: string }[] }).items.map((item) => item.action);
    expect(actions.sort()).toEqual([
      'progress-report.accept',
      'progress-report.create',
      'progress-report.sections',
      'progress-report.submit',
    ]);
  });

  it('shows the narrative submitted 40 days late, the financial reports overdue, and the accepted narrative', async () => {
    const run = await t.http
      .post(`${API}/reports`)
      .set(await t.as(FMU))
      .send({ type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: 2026 } });
    expect(run.status).toBe(202);
    expect((await finished(t, run.body.id, FMU, 60000)).status).toBe('SUCCEEDED');
    const file = await t.http
      .get(`${API}/reports/${run.body.id}/file`)
      .set(await t.as(FMU))
      .buffer(true)
      .parse(binary);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: file.body as Buffer }).toString(
      'utf8',
    );
    expect(text).toContain('Late reports');
    expect(text).toMatch(/Annual narrative\s+IOM\s+2027-03-31\s+2027-05-10\s+40/);
    expect(text).toMatch(/Annual financial\s+UNICEF\s+2027-04-30\s+not yet\s+10/);
    expect(text).toContain('Programme progress (accepted narrative reports)');
    expect(text).toContain('OC1 (IOM): Four hundred workers recruited fee-free Story: Ram paid no fee');
    if (process.env.REPORT_SAMPLES_DIR)
      writeFileSync(`${process.env.REPORT_SAMPLES_DIR}/annual-calendar.pdf`, file.body as Buffer);
  });
});
