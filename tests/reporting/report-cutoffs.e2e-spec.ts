import { ReportComposer, REPORT_COMPOSERS, ReportDocument, ReportType, TableBlock } from '@mptf/reporting';
import { deposit, FULL_ALLOCATIONS, underReview } from '../review/review-fixtures';
import { API, CHAIR, expectStatus, setToday, transfer } from '../programmes/programme-work-fixtures';
import { putOneIndicatorMatrix, reportedActual } from '../support/programme-work';
import { createTestContext, TestContext } from '../support/test-context';

/** Every table of a document, by title. */
function table(document: ReportDocument, title: RegExp): TableBlock {
  const tables = document.sections.flatMap((s) =>
    s.blocks.filter((b): b is TableBlock => b.kind === 'table'),
  );
  const found = tables.find((t) => title.test(t.title ?? ''));
  if (!found) throw new Error(`no table ${title} in ${tables.map((t) => t.title).join(' | ')}`);
  return found;
}

/**
 * A report for year Y is cut at 31 December Y in its results and its proposals too (issue 17): a
 * portfolio built through the API with a programme started in 2024 whose only approved actual is
 * for a 2025 period, and a proposal pipelined in 2025 and approved in 2026.
 */
describe('donor reports: results and proposals cut at the report date', () => {
  let t: TestContext;
  let programmeId: string;
  let pipelinedId: string;

  const compose = async (parameters: Record<string, unknown>): Promise<ReportDocument> => {
    const composer = (t.app.get(REPORT_COMPOSERS) as ReportComposer[]).find(
      (c) => c.type === ReportType.ANNUAL_CONSOLIDATED,
    )!;
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction('REPEATABLE READ');
    try {
      const composed = await composer.compose({
        manager: runner.manager,
        runId: 'test',
        parameters,
        generatedAt: new Date(),
        progress: async () => undefined,
      });
      return composed.document;
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  };

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
    await expectStatus(
      await t.http
        .post(`${API}/proposals/${programmeId}/decision`)
        .set(await t.as(CHAIR))
        .send({
          outcome: 'APPROVED',
          justification: 'Strong joint programme',
          allocations: FULL_ALLOCATIONS,
        }),
      [200, 201],
    );
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

    // The current year is as of today: approved now.
    const now = await compose({ year: 2026 });
    expect(counts(now, /^All proposals by lifecycle status/)).toEqual({
      'Approved (not yet started)': 1,
      Active: 1,
    });
  });
});
