import { FinanceReportReader } from '@mptf/finance';
import { endOfYear, ProposalCountsReader } from '@mptf/proposals';
import { IOM, submittedProposal } from '../review/review-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * The annual report's proposal counts and pipeline as they stood at 31 December are read in one
 * pass over the status timeline (issue 20: one proposal_status_as_of call per proposal took 13 s
 * of a 100,000-proposal report). They must say what proposal_status_as_of says for every
 * proposal: timelines with changes on both sides of the cut-off, two changes at the same moment
 * (the later id wins), a withdrawal with and without a submission before it, a proposal created
 * after the cut-off, and one without any timeline (its current status from its creation on).
 */
describe('proposals as they stood at a cut-off: counts and pipeline in one pass', () => {
  let t: TestContext;
  const ids: string[] = [];

  /** Replaces a proposal's timeline: [status, moment] in id order. */
  const timeline = async (id: string, changes: [string, string][]) => {
    await t.db.query(`DELETE FROM proposal_status_changes WHERE proposal_id = $1`, [id]);
    for (const [status, at] of changes)
      await t.db.query(
        `INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, occurred_at)
         VALUES ($1, NULL, $2, $3)`,
        [id, status, at],
      );
  };

  beforeAll(async () => {
    t = await createTestContext();
    for (let i = 0; i < 7; i++) ids.push(await submittedProposal(t, {}, IOM));
    await t.db.query(`UPDATE proposals SET created_at = '2023-06-01Z' WHERE id = ANY($1::uuid[])`, [ids]);
    await timeline(ids[0], [
      ['DRAFT', '2023-06-01Z'],
      ['SUBMITTED', '2023-07-01Z'],
      ['PIPELINE', '2024-03-01Z'],
      ['APPROVED', '2025-02-01Z'],
    ]);
    // Two changes at one moment: the later one (by id) is the status.
    await timeline(ids[1], [
      ['DRAFT', '2023-06-01Z'],
      ['SUBMITTED', '2024-05-01Z'],
      ['UNDER_REVIEW', '2024-05-01Z'],
      ['PIPELINE', '2024-05-01Z'],
    ]);
    // Withdrawn after a submission (counted), and withdrawn as a draft (not counted).
    await timeline(ids[2], [
      ['DRAFT', '2023-06-01Z'],
      ['SUBMITTED', '2023-08-01Z'],
      ['WITHDRAWN', '2024-02-01Z'],
    ]);
    await timeline(ids[3], [
      ['DRAFT', '2023-06-01Z'],
      ['WITHDRAWN', '2024-02-01Z'],
      ['SUBMITTED', '2025-03-01Z'],
    ]);
    // Created after the 2024 cut-off.
    await t.db.query(`UPDATE proposals SET created_at = '2025-01-10Z' WHERE id = $1`, [ids[4]]);
    await timeline(ids[4], [
      ['DRAFT', '2025-01-10Z'],
      ['SUBMITTED', '2025-01-11Z'],
      ['PIPELINE', '2025-06-01Z'],
    ]);
    // No timeline at all: its current status from its creation on.
    await t.db.query(`DELETE FROM proposal_status_changes WHERE proposal_id = $1`, [ids[5]]);
    await t.db.query(`UPDATE proposals SET status = 'PIPELINE' WHERE id = $1`, [ids[5]]);
    await t.db.query(`DELETE FROM proposal_status_changes WHERE proposal_id = $1`, [ids[6]]);
    await t.db.query(`UPDATE proposals SET status = 'REJECTED', created_at = '2025-04-01Z' WHERE id = $1`, [
      ids[6],
    ]);
  });

  afterAll(() => t?.close());

  /** The per-proposal statement the reports sent before (proposal_status_as_of for each). */
  const countsByFunction = async (asOf: Date) => {
    const rows: { status: string; count: number }[] = await t.db.query(
      `SELECT status, count(*)::int AS count
         FROM (SELECT proposal_status_as_of(p.id, $1) AS status,
                      EXISTS (SELECT 1 FROM proposal_status_changes c WHERE c.proposal_id = p.id
                                 AND c.to_status = 'SUBMITTED' AND c.occurred_at < $1) AS submitted
                 FROM proposals p) s
        WHERE status IS NOT NULL AND status <> 'DRAFT' AND (status <> 'WITHDRAWN' OR submitted)
        GROUP BY status`,
      [asOf],
    );
    return new Map(rows.map((row) => [row.status, row.count]));
  };
  const pipelineByFunction = async (asOf: Date) =>
    (
      await t.db.query(
        `SELECT reference FROM proposals_summary_v WHERE proposal_status_as_of(id, $1) = 'PIPELINE' ORDER BY reference`,
        [asOf],
      )
    ).map((row: { reference: string }) => row.reference);

  it.each([2022, 2023, 2024, 2025, 2026])('agrees with proposal_status_as_of at 31 Dec %i', async (year) => {
    const asOf = endOfYear(year);
    const counts = await t.app.get(ProposalCountsReader).submittedByStatus(t.db.manager, asOf);
    expect(counts).toEqual(await countsByFunction(asOf));
    const pipeline = await t.app.get(FinanceReportReader).pipeline(t.db.manager, year);
    expect(pipeline.map((row) => row.reference)).toEqual(await pipelineByFunction(asOf));
  });

  it('reads the statuses the timelines give', async () => {
    const counts = await t.app.get(ProposalCountsReader).submittedByStatus(t.db.manager, endOfYear(2024));
    // 0: pipeline; 1: pipeline (same moment, later id); 2: withdrawn after submission; 5: no
    // timeline, pipeline; 3 (withdrawn as a draft), 4 and 6 (created later) not counted.
    expect(Object.fromEntries(counts)).toEqual({ PIPELINE: 3, WITHDRAWN: 1 });
    const pipeline = await t.app.get(FinanceReportReader).pipeline(t.db.manager, 2024);
    expect(pipeline).toHaveLength(3);
  });
});
