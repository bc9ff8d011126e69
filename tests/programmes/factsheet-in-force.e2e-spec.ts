import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@mptf/platform';
import { binary, csvText, finished } from '../reporting/report-fixtures';
import { requestedBudgetRevision } from '../support/programme-work';
import { createTestContext, TestContext } from '../support/test-context';
import {
  activeProgrammeWithMatrix,
  API,
  expectStatus,
  FMU,
  setToday,
  submittedProgressReport,
} from './programme-work-fixtures';

/**
 * The programme factsheet as of its date: the version in force then (budget, end date, results
 * matrix) and the narrative of the progress reports accepted by then.
 */
describe('programme factsheet: the version in force and accepted narratives at its date', () => {
  let t: TestContext;
  let programmeId: string;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await createTestContext();
    worker = await t.startWorker();
    programmeId = await activeProgrammeWithMatrix(t);
  });
  afterAll(() => t.close());

  /** The factsheet generated on `date` (the worker composes it: its clock says the day too). */
  const factsheet = async (date: string, format = 'csv'): Promise<Buffer> => {
    setToday(t, date);
    jest.spyOn(worker.get(Clock), 'now').mockReturnValue(new Date(`${date}T12:00:00Z`));
    const created = await t.http
      .post(`${API}/reports`)
      .set(await t.as(FMU))
      .send({ type: 'PROGRAMME_FACTSHEET', format, parameters: { programmeId } });
    expect(created.status).toBe(202);
    const run = await finished(t, created.body.id);
    expect(run.status).toBe('SUCCEEDED');
    const file = await t.http
      .get(`${API}/reports/${run.id}/file`)
      .set(await t.as(FMU))
      .buffer(true)
      .parse(binary);
    return file.body as Buffer;
  };
  const factsheetCsv = async (date: string) => csvText(await factsheet(date));

  it('shows the budget, end date and matrix in force on its date, and accepted narratives only', async () => {
    // An annual report for 2026, accepted on 15 April 2027.
    setToday(t, '2027-03-20');
    const reportId = await submittedProgressReport(t, programmeId, [
      {
        resultKey: 'OC1',
        progress: 'Four hundred workers recruited fee-free',
        challenges: 'A slow first quarter',
        genderHumanRights: 'Half were women',
        story: 'Maria kept her first wage',
      },
    ]);
    setToday(t, '2027-04-15');
    await expectStatus(
      await t.http
        .post(`${API}/progress-reports/${reportId}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'ACCEPT', comment: 'Clear and complete' }),
      200,
    );

    // A budget revision approved on 10 May 2027: 10,000 moves within IOM, OC1.1 renamed.
    setToday(t, '2027-05-10');
    const revision = await requestedBudgetRevision(t, programmeId, {
      justification: 'More outreach staff',
      iom: { staff: '310000.00', travel: '35000.50' },
      results: [
        {
          key: 'OC1',
          type: 'OUTCOME',
          title: 'Migrant workers are recruited fairly',
          parentKey: null,
          indicators: [{ key: 'OC1.1', title: 'Workers hired with zero recruitment fees' }],
        },
      ],
    });
    expect(revision.route).toBe('FUND_UNIT');
    await expectStatus(
      await t.http
        .post(`${API}/revisions/${revision.id}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'APPROVE', comment: 'Within the thresholds' }),
      200,
    );

    const early = await factsheetCsv('2027-04-01');
    expect(early).toContain('No progress report accepted yet.');
    expect(early).not.toContain('Four hundred workers');

    const before = await factsheetCsv('2027-05-01');
    expect(before).toContain('Four hundred workers recruited fee-free');
    expect(before).toContain('Maria kept her first wage');
    expect(before).toContain('The approved programme document (no revision in force)');
    expect(before).toContain('Workers recruited without paying fees');
    expect(before).not.toContain('Workers hired with zero recruitment fees');
    expect(before).toMatch(/1\. Staff[^\n]*,300000\.00,/);

    const after = await factsheetCsv('2027-06-01');
    expect(after).toContain('Version 1: budget revision no. 1, in force from 10 May 2027');
    // Dates as every screen writes them, not ISO: the accepted report's period and day.
    expect(after).toContain('progress report, 1 Feb 2026 to 31 Dec 2026, accepted on 15 Apr 2027.');
    expect(after).toContain('Workers hired with zero recruitment fees');
    expect(after).not.toContain('Workers recruited without paying fees');
    expect(after).toMatch(/1\. Staff[^\n]*,310000\.00,/);
    expect(after).toContain('Four hundred workers recruited fee-free');

    // The PDF has both sections (REPORT_SAMPLES_DIR keeps it for a look).
    const pdf = await factsheet('2027-06-01', 'pdf');
    if (process.env.REPORT_SAMPLES_DIR)
      writeFileSync(join(process.env.REPORT_SAMPLES_DIR, 'factsheet-in-force.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
    expect(text).toContain('Programme version in force');
    expect(text).toContain('Progress reported');
  });
});
