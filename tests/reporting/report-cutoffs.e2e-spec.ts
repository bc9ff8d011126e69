import { ReportDocument, ReportType } from '@mptf/reporting';
import { deposit, FULL_ALLOCATIONS, REQUESTED_TOTAL, underReview } from '../review/review-fixtures';
import {
  API,
  approveInFull,
  CHAIR,
  expectStatus,
  IOM,
  programmeMatrix,
  setToday,
  transfer,
} from '../programmes/programme-work-fixtures';
import { putOneIndicatorMatrix, reportedActual } from '../support/programme-work';
import { createTestContext, TestContext } from '../support/test-context';
import { composeReport, tableOf as table } from './report-fixtures';

/**
 * A report for year Y is cut at 31 December Y in its results, its proposals and the contributor
 * statement's programmes too (issue 17): a portfolio built through the API with a programme started
 * in 2024 whose only approved actual is for a 2025 period and which received more in 2026, and a
 * proposal pipelined in 2025, approved and funded in 2026.
 */
describe('donor reports: results, proposals and programmes cut at the report date', () => {
  let t: TestContext;
  let programmeId: string;
  let pipelinedId: string;

  const compose = (parameters: Record<string, unknown>, type = ReportType.ANNUAL_CONSOLIDATED) =>
    composeReport(t, type, parameters);

  /** The status timeline as the clock of the test had it (the database's own time is today's). */
  const timelineAt = (proposalId: string, at: string) =>
    t.db.query(`UPDATE proposal_status_changes SET occurred_at = $2 WHERE proposal_id = $1`, [
      proposalId,
      at,
    ]);

  beforeAll(async () => {
    t = await createTestContext();
    // A programme approved and started in 2024, with targets for 2024 and 2025.
    setToday(t, '2024-01-10');
    await deposit(t, '2000000.00', '2024-01-05');
    programmeId = await underReview(t);
    await approveInFull(t, programmeId);
    setToday(t, '2024-02-01');
    await transfer(t, programmeId, 'IOM', '100000.00', '2024-02-01');
    const indicatorId = await putOneIndicatorMatrix(t, programmeId, {
      baseline: { year: 2023, value: 0 },
      targets: [
        { periodStart: '2024-02-01', periodEnd: '2024-12-31', value: 300 },
        { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 500 },
      ],
    });
    await timelineAt(programmeId, '2024-02-01T12:00:00Z');

    // Only the 2025 period gets an approved actual (reported in 2026).
    setToday(t, '2026-03-01');
    await reportedActual(
      t,
      indicatorId,
      { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 520, narrative: 'Fair channel' },
      { approve: true },
    );

    // Submitted and pipelined in 2025 (its timeline dated so), approved this year.
    pipelinedId = await underReview(t, { title: 'Fair recruitment corridors' });
    await expectStatus(
      await t.http
        .post(`${API}/proposals/${pipelinedId}/decision`)
        .set(await t.as(CHAIR))
        .send({ outcome: 'PIPELINE', justification: 'Endorsed; waiting for funds' }),
      [200, 201],
    );
    await timelineAt(pipelinedId, '2025-09-01T12:00:00Z');
    await expectStatus(
      await t.http
        .post(`${API}/proposals/${pipelinedId}/decision`)
        .set(await t.as(CHAIR))
        .send({ outcome: 'APPROVED', justification: 'Funds arrived', allocations: FULL_ALLOCATIONS }),
      [200, 201],
    );
    // Funded after the cut-off: the new programme, and more to the first one.
    await transfer(t, pipelinedId, 'IOM', '250000.00', '2026-03-01');
    const laterMatrix = programmeMatrix(); // its period from the programme's start
    laterMatrix.results[0].indicators[0].targets[0].periodStart = '2026-03-01';
    await expectStatus(
      await t.http
        .put(`${API}/proposals/${pipelinedId}/results-matrix`)
        .set(await t.as(IOM))
        .send(laterMatrix),
      200,
    );
    await transfer(t, programmeId, 'IOM', '40000.00', '2026-03-01');
  });
  afterAll(() => t.close());

  it('leaves a 2025 actual out of the 2024 report’s all-periods results, and keeps it in 2025’s', async () => {
    const area4 = (report: ReportDocument, year: number) =>
      table(report, new RegExp(`^By thematic area, all reporting periods to 31 December ${year}$`)).rows.find(
        (row) => String(row.group).startsWith('4.'),
      )!;
    const report2024 = await compose({ year: 2024 });
    expect(area4(report2024, 2024)).toMatchObject({
      programmes: 1,
      withTarget: 1,
      withActual: 0,
      onTrack: '0 of 0',
    });
    const chart = report2024.sections
      .flatMap((s) => s.blocks)
      .find((b) => b.kind === 'barChart' && /on track by thematic area/.test(b.title ?? ''));
    expect(chart).toMatchObject({ title: expect.stringContaining('to 31 December 2024') });

    const report2025 = await compose({ year: 2025 });
    expect(area4(report2025, 2025)).toMatchObject({
      programmes: 1,
      withTarget: 1,
      withActual: 1,
      onTrack: '1 of 1',
    });
  });

  it('counts proposals, the pipeline and programme statuses as they stood at 31 December', async () => {
    const counts = (report: ReportDocument, title: RegExp) =>
      Object.fromEntries(
        table(report, title)
          .rows.filter((row) => Number(row.count) > 0)
          .map((row) => [row.status, row.count]),
      );
    const report2025 = await compose({ year: 2025 });
    // Approved in 2026: in the 2025 report it is still in the pipeline, not approved.
    expect(counts(report2025, /^All proposals by lifecycle status at 31 Dec 2025/)).toEqual({
      'Pipeline (endorsed, awaiting funds)': 1,
      Active: 1,
    });
    expect(table(report2025, /^Proposals in the pipeline at 31 Dec 2025/).rows).toHaveLength(1);
    // In 2024 only the programme existed; active since its first transfer.
    const report2024 = await compose({ year: 2024 });
    expect(counts(report2024, /^All proposals by lifecycle status at 31 Dec 2024/)).toEqual({ Active: 1 });
    expect(table(report2024, /^Proposals in the pipeline at 31 Dec 2024/).rows).toHaveLength(0);
    const byStatus = table(report2024, /^Joint programmes by status, to 31 Dec 2024/);
    expect(byStatus.rows.find((row) => Number(row.programmes) > 0)).toMatchObject({
      status: 'Active',
      programmes: 1,
    });

    // The current year is as of today: approved and funded now.
    const now = await compose({ year: 2026 });
    expect(counts(now, /^All proposals by lifecycle status/)).toEqual({ Active: 2 });
  });

  it('lists in a contributor statement the programmes funded by the cut-off, with their money then', async () => {
    const funded = (report: ReportDocument, cutoff: string) =>
      table(report, new RegExp(`^Programmes funded, to ${cutoff}`)).rows.map((row) => ({
        title: row.title,
        netFunded: row.netFunded,
      }));
    const statement2025 = await compose({ donorCode: 'DEU', year: 2025 }, ReportType.CONTRIBUTOR_STATEMENT);
    // Approved and funded in 2026: not in the 2025 statement; the first programme at its 2025 money.
    expect(funded(statement2025, '31 Dec 2025')).toEqual([
      { title: expect.not.stringMatching(/Fair recruitment corridors/), netFunded: '100000.00' },
    ]);
    const byArea = table(statement2025, /^Net funded amount and expenditure by thematic area/);
    expect(byArea.totals).toMatchObject({ netFunded: '100000.00' });
    const statement2026 = await compose({ donorCode: 'DEU', year: 2026 }, ReportType.CONTRIBUTOR_STATEMENT);
    expect(
      table(statement2026, /^Programmes funded/)
        .rows.map((row) => row.netFunded)
        .sort(),
    ).toEqual(['140000.00', '250000.00']);
  });

  it('counts in a past year’s results and budgets only the programmes approved by then', async () => {
    const area4 = (report: ReportDocument) =>
      table(report, /^By thematic area$/).rows.find((row) => String(row.group).startsWith('4.'))!;
    const budgets = (report: ReportDocument) => table(report, /^By UNSDG budget category/).totals!.budget;
    // Approved in 2026 (with its results matrix): not a programme of the 2025 report.
    const report2025 = await compose({ year: 2025 });
    expect(area4(report2025)).toMatchObject({ programmes: 1, indicators: 1 });
    expect(budgets(report2025)).toBe(REQUESTED_TOTAL);
    const report2026 = await compose({ year: 2026 });
    expect(area4(report2026)).toMatchObject({ programmes: 2, indicators: 2 });
    expect(budgets(report2026)).toBe('1166301.62');
  });
});
