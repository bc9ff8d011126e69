import { PROGRAMME_RESULTS_READER } from '@mptf/reporting';
import type { ProgrammeResultsReader, StandingCounts } from '@mptf/reporting';
import { doneWhenMatrix, insertProposal } from '../results/results-fixtures';
import { setToday } from '../support/programme-work';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * The annual PDF's results annex counts each programme's indicators by standing in the database
 * (ProgrammeResultsReader.standingCounts: issue 20, the worker's memory) instead of reading every
 * target period. The counts must be those of the indicator rows the spreadsheet editions list
 * (resultsMatrices, each row's standing): overdue by grace days (a period ended 30 days ago is
 * due, 31 days overdue), periods after the cut-off and not yet ended, actuals in every state
 * (only an approved one ends the obligation), on track / off track / not yet assessed, and
 * programmes without targets or without any indicator.
 */
describe('results annex: indicators by standing counted by the database', () => {
  let t: TestContext;
  let reader: ProgrammeResultsReader;
  const programmes: Record<string, string> = {};

  /** An actual straight into the table (its state is what matters here), by indicator key. */
  const actual = async (programme: string, key: string, year: number, value: number, status: string) => {
    await t.db.query(
      `INSERT INTO indicator_actuals (indicator_id, proposal_id, period_start, period_end, value, narrative, status, created_by)
       SELECT i.id, i.proposal_id, $3::date, $4::date, $5, 'Reported', $6, (SELECT id FROM users ORDER BY email LIMIT 1)
         FROM indicators i WHERE i.proposal_id = $1 AND i.key = $2`,
      [programme, key, `${year}-01-01`, `${year}-12-31`, value, status],
    );
  };

  beforeAll(async () => {
    t = await createTestContext();
    reader = t.app.get<ProgrammeResultsReader>(PROGRAMME_RESULTS_READER, { strict: false });
    const fmu = await t.as('fmu@mptf.test');
    for (const name of ['mixed', 'approved', 'noTargets', 'noMatrix']) {
      programmes[name] = await insertProposal(t.db, { thematicAreaCode: 2 });
      await t.db.query(`UPDATE proposals SET start_date = '2025-01-01', duration_months = 36 WHERE id = $1`, [
        programmes[name],
      ]);
    }
    for (const name of ['mixed', 'approved', 'noTargets']) {
      const matrix = doneWhenMatrix();
      if (name === 'noTargets')
        for (const result of matrix.results)
          for (const indicator of result.indicators) indicator.targets = [] as typeof indicator.targets;
      const response = await t.http
        .put(`/api/v1/proposals/${programmes[name]}/results-matrix`)
        .set(fmu)
        .send(matrix);
      if (response.status !== 200)
        throw new Error(`matrix: ${response.status} ${JSON.stringify(response.body)}`);
    }
    // mixed: OC1.1 on track in 2025 (55 ≥ 50), OP1.1 off track in 2025 (90 < 100), OP2.1 only a
    // submitted actual for 2025 (not approved: still owed), a draft on OC1.1's 2026 period.
    await actual(programmes.mixed, 'OC1.1', 2025, 55, 'APPROVED');
    await actual(programmes.mixed, 'OP1.1', 2025, 90, 'APPROVED');
    await actual(programmes.mixed, 'OP2.1', 2025, 40, 'SUBMITTED');
    await actual(programmes.mixed, 'OC1.1', 2026, 70, 'DRAFT');
    // approved: every indicator approved for 2025 and 2026, OP2.1 returned for 2027.
    for (const year of [2025, 2026]) {
      await actual(programmes.approved, 'OC1.1', year, 80, 'APPROVED');
      await actual(programmes.approved, 'OP1.1', year, 10, 'APPROVED');
      await actual(programmes.approved, 'OP2.1', year, 40, 'APPROVED');
    }
    await actual(programmes.approved, 'OP2.1', 2027, 10, 'RETURNED');
  });

  afterAll(() => t?.close());

  /** The annex's counting before: each indicator row's standing by the start of its name. */
  const standingCountsOf = (rows: { programme: string; standing: string }[]) => {
    const keys: [string, keyof StandingCounts][] = [
      ['On track', 'onTrack'],
      ['Off track', 'offTrack'],
      ['Overdue', 'overdue'],
    ];
    const counts = new Map<string, StandingCounts>();
    for (const row of rows) {
      const programme = counts.get(row.programme) ?? { onTrack: 0, offTrack: 0, overdue: 0, notAssessed: 0 };
      programme[keys.find(([name]) => row.standing.startsWith(name))?.[1] ?? 'notAssessed'] += 1;
      counts.set(row.programme, programme);
    }
    return counts;
  };

  /** What the annex counted before: each indicator row's standing (indicatorStanding). */
  const fromRows = async (ids: string[]) => {
    const matrices = await reader.resultsMatrices(t.db.manager, ids, 2025);
    return standingCountsOf(
      [...matrices].flatMap(([id, rows]) => rows.map((row) => ({ programme: id, standing: row.standing }))),
    );
  };

  it.each([
    ['2025-06-30', 'no period has ended'],
    ['2026-01-20', 'the 2025 periods ended 20 days ago: due, not overdue'],
    ['2026-01-30', 'ended 30 days ago: still within the grace days'],
    ['2026-01-31', 'ended 31 days ago: overdue'],
    ['2026-07-01', 'a year later'],
    ['2028-03-01', 'every period ended (after the matrix)'],
  ])('at %s (%s) equal the rows’ standings', async (today) => {
    setToday(t, today);
    const ids = Object.values(programmes);
    const counted = await reader.standingCounts(t.db.manager, ids);
    const expected = await fromRows(ids);
    expect(new Map([...counted].sort(([a], [b]) => a.localeCompare(b)))).toEqual(
      new Map([...expected].sort(([a], [b]) => a.localeCompare(b))),
    );
    // No indicator, no row (the annex leaves the programme out); without targets: not assessed.
    expect(counted.has(programmes.noMatrix)).toBe(false);
    expect(counted.get(programmes.noTargets)).toEqual({
      onTrack: 0,
      offTrack: 0,
      overdue: 0,
      notAssessed: 3,
    });
  });

  it('names the cases it compares (the comparison above is not vacuous)', async () => {
    setToday(t, '2026-01-30');
    expect((await reader.standingCounts(t.db.manager, [programmes.mixed])).get(programmes.mixed)).toEqual({
      onTrack: 1,
      offTrack: 1,
      overdue: 0,
      notAssessed: 1,
    });
    setToday(t, '2026-01-31');
    // OP2.1's 2025 period (only submitted) is now overdue; the approved ones are not.
    expect((await reader.standingCounts(t.db.manager, [programmes.mixed])).get(programmes.mixed)).toEqual({
      onTrack: 1,
      offTrack: 1,
      overdue: 1,
      notAssessed: 0,
    });
    setToday(t, '2027-03-01');
    // approved: 2025 and 2026 approved (OC1.1 on track, OP1.1 off, OP2.1 on); 2027 not ended.
    expect(
      (await reader.standingCounts(t.db.manager, [programmes.approved])).get(programmes.approved),
    ).toEqual({
      onTrack: 2,
      offTrack: 1,
      overdue: 0,
      notAssessed: 0,
    });
    setToday(t, '2028-03-01');
    // 2027's periods overdue (OP2.1's actual was returned, not approved).
    expect(
      (await reader.standingCounts(t.db.manager, [programmes.approved])).get(programmes.approved),
    ).toEqual({
      onTrack: 0,
      offTrack: 0,
      overdue: 3,
      notAssessed: 0,
    });
    expect(await reader.standingCounts(t.db.manager, [])).toEqual(new Map());
  });
});
