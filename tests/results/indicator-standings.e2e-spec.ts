import { toScaled } from '@mptf/results';
import { createTestContext, TestContext } from '../support/test-context';
import { approvedActual, doneWhenMatrix, insertProposal } from './results-fixtures';

const API = '/api/v1';
const IOM = 'iom.focal@mptf.test';
const FMU = 'fmu@mptf.test';

interface Standing {
  indicator_id: string;
  year: number;
  has_target: boolean;
  has_actual: boolean;
  on_track: boolean | null;
  actual_sum: string | null;
  target_sum: string | null;
}

/**
 * The on-track rule as the fund states it, written out here as the test's own model: the latest
 * period with both a target and an approved actual decides; ascending, the actual must reach the
 * target; descending, not exceed it. Null when no period is assessed.
 */
function expectedOnTrack(
  ascending: boolean,
  periods: { period_end: string; target: string | null; actual: string | null }[],
): boolean | null {
  const [latest] = periods
    .filter((period) => period.target !== null && period.actual !== null)
    .sort((a, b) => b.period_end.localeCompare(a.period_end));
  if (!latest) return null;
  const actual = toScaled(latest.actual as string);
  const target = toScaled(latest.target as string);
  return ascending ? actual >= target : actual <= target;
}

/**
 * indicator_standings is kept by triggers on every write to targets, actuals and indicators; the
 * roll-up and the results matrix read it. After each step below it must equal a recomputation,
 * from the rows, by the rule written out above.
 */
describe('results: indicator standings kept by the database', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  /** Standings recomputed from targets and approved actuals with expectedOnTrack. */
  async function recomputed(proposalId: string): Promise<Standing[]> {
    const rows = (await t.db.query(
      `SELECT i.id, i.ascending, i.measure, to_char(t.period_end, 'YYYY-MM-DD') AS period_end,
              t.value::text AS target, a.value::text AS actual
         FROM indicators i
         JOIN indicator_targets t ON t.indicator_id = i.id
         LEFT JOIN indicator_actuals a ON a.indicator_id = i.id AND a.period_start = t.period_start
              AND a.period_end = t.period_end AND a.status = 'APPROVED'
        WHERE i.proposal_id = $1`,
      [proposalId],
    )) as {
      id: string;
      ascending: boolean;
      measure: string;
      period_end: string;
      target: string | null;
      actual: string | null;
    }[];
    const groups = new Map<string, typeof rows>();
    for (const row of rows) {
      for (const year of [0, Number(row.period_end.slice(0, 4))]) {
        const key = `${row.id}|${year}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
    }
    const sum = (values: (string | null)[]) => {
      const present = values.filter((value): value is string => value !== null);
      return present.length ? String(present.reduce((total, value) => total + Number(value), 0)) : null;
    };
    return [...groups.entries()]
      .map(([key, periods]) => {
        const [id, year] = key.split('|');
        const unit = periods[0].measure === 'UNIT';
        return {
          indicator_id: id,
          year: Number(year),
          has_target: periods.some((p) => p.target !== null),
          has_actual: periods.some((p) => p.actual !== null),
          on_track: expectedOnTrack(periods[0].ascending, periods),
          actual_sum: unit ? sum(periods.map((p) => p.actual)) : null,
          target_sum: unit ? sum(periods.map((p) => p.target)) : null,
        };
      })
      .sort(byKey);
  }

  async function stored(proposalId: string): Promise<Standing[]> {
    const rows = (await t.db.query(
      `SELECT indicator_id, year, has_target, has_actual, on_track,
              actual_sum::float8::text AS actual_sum, target_sum::float8::text AS target_sum
         FROM indicator_standings WHERE proposal_id = $1`,
      [proposalId],
    )) as Standing[];
    return rows.sort(byKey);
  }

  const byKey = (a: Standing, b: Standing) =>
    `${a.indicator_id}|${a.year}`.localeCompare(`${b.indicator_id}|${b.year}`);

  async function approve(indicatorId: string, periodStart: string, value: number): Promise<void> {
    await approvedActual(t, indicatorId, IOM, {
      periodStart,
      periodEnd: `${periodStart.slice(0, 4)}-12-31`,
      value,
      narrative: 'Reported',
    });
  }

  it('match a recomputation after matrix entry, approvals, a changed direction and a removed period', async () => {
    const programme = await insertProposal(t.db, { orgCodes: ['IOM', 'UNDP'], thematicAreaCode: 3 });
    const url = `${API}/proposals/${programme}/results-matrix`;
    const matrix = doneWhenMatrix();
    const put = await t.http
      .put(url)
      .set(await t.as(IOM))
      .send(matrix);
    expect(put.status).toBe(200);
    const ids = Object.fromEntries(
      put.body.results
        .flatMap((r: { indicators: { key: string; id: string }[] }) => r.indicators)
        .map((i: { key: string; id: string }) => [i.key, i.id]),
    ) as Record<string, string>;
    const standings = await stored(programme);
    // 3 indicators × (3 years + since inception), nothing assessed yet.
    expect(standings).toHaveLength(12);
    expect(standings.every((s) => s.has_target && !s.has_actual && s.on_track === null)).toBe(true);
    expect(standings).toEqual(await recomputed(programme));

    await approve(ids['OP1.1'], '2025-01-01', 120);
    await approve(ids['OP1.1'], '2026-01-01', 90);
    await approve(ids['OC1.1'], '2025-01-01', 40);
    const afterApprovals = await stored(programme);
    expect(afterApprovals).toEqual(await recomputed(programme));
    const op11 = (year: number) =>
      afterApprovals.find((s) => s.indicator_id === ids['OP1.1'] && s.year === year);
    expect(op11(2025)).toMatchObject({ on_track: true, actual_sum: '120', target_sum: '100' });
    // Since inception the latest assessed period (2026: 90 < 150) decides.
    expect(op11(0)).toMatchObject({ on_track: false, actual_sum: '210', target_sum: '450' });

    // Descending now: 40 ≤ 50 is on track; and the last period of OP2.1 is dropped.
    matrix.results[0].indicators[0].ascending = false;
    matrix.results[2].indicators[0].targets.pop();
    await t.http
      .put(url)
      .set(await t.as(IOM))
      .send(matrix)
      .expect(200);
    const afterEdit = await stored(programme);
    expect(afterEdit).toEqual(await recomputed(programme));
    expect(afterEdit.find((s) => s.indicator_id === ids['OC1.1'] && s.year === 2025)?.on_track).toBe(true);
    expect(afterEdit.some((s) => s.indicator_id === ids['OP2.1'] && s.year === 2027)).toBe(false);

    // The roll-up reads these rows: area 3 in 2025 has OP1.1 and OC1.1 on track, OP2.1 unassessed.
    const rollup = await t.http.get(`${API}/results/rollup?by=thematicArea&year=2025`).set(await t.as(FMU));
    expect(rollup.body.find((g: { key: number }) => g.key === 3)).toMatchObject({
      programmes: 1,
      indicators: 3,
      withTarget: 3,
      withActual: 2,
      assessed: 2,
      onTrack: 2,
    });
    const objective = async (code: number) =>
      (await t.http.get(`${API}/results/rollup?by=gcmObjective&year=2025`).set(await t.as(FMU))).body.find(
        (g: { key: number }) => g.key === code,
      );
    // OC1.1 names objective 7; OP1.1 and OP2.1 count under the programme's objectives 2 and 7.
    expect(await objective(7)).toMatchObject({ programmes: 1, indicators: 3, assessed: 2, onTrack: 2 });
    expect(await objective(2)).toMatchObject({ programmes: 1, indicators: 2, assessed: 1, onTrack: 1 });

    // OC1.1 drops its own objective (it now counts under 2 and 7) and output OP2 (with OP2.1) leaves the matrix.
    Object.assign(matrix.results[0].indicators[0], { gcmObjectiveCodes: [] });
    matrix.results.splice(2, 1);
    await t.http
      .put(url)
      .set(await t.as(IOM))
      .send(matrix)
      .expect(200);
    expect(await stored(programme)).toEqual(await recomputed(programme));
    expect(await objective(2)).toMatchObject({ programmes: 1, indicators: 2, assessed: 2, onTrack: 2 });
    expect(await objective(7)).toMatchObject({ programmes: 1, indicators: 2, assessed: 2, onTrack: 2 });

    // The programme's objectives are the proposal's: replacing them moves the untagged indicators.
    await t.db.query(
      `UPDATE proposal_objectives SET gcm_objective_code = 5 WHERE proposal_id = $1 AND gcm_objective_code = 2`,
      [programme],
    );
    expect(await objective(2)).toMatchObject({ programmes: 0, indicators: 0 });
    expect(await objective(5)).toMatchObject({ programmes: 1, indicators: 2, onTrack: 2 });
  });

  it('judges a period once, in SQL: meeting the target counts, in the indicator’s direction', async () => {
    const cases: [
      ascending: boolean,
      actual: string | null,
      target: string | null,
      expected: boolean | null,
    ][] = [
      [true, '100', '100', true],
      [true, '99.9999', '100', false],
      [false, '14', '14', true],
      [false, '14.5', '14', false],
      [false, '9', '14', true],
      [true, null, '14', null],
      [true, '5', null, null],
    ];
    for (const [ascending, actual, target, expected] of cases) {
      const [{ on_track }] = (await t.db.query(
        'SELECT results_period_on_track($1, $2::numeric, $3::numeric) AS on_track',
        [ascending, actual, target],
      )) as { on_track: boolean | null }[];
      expect([ascending, actual, target, on_track]).toEqual([ascending, actual, target, expected]);
    }
  });

  it('shows in the results matrix the judgements the standings hold, period by period', async () => {
    const programme = await insertProposal(t.db, { orgCodes: ['IOM', 'UNDP'], thematicAreaCode: 3 });
    const put = await t.http
      .put(`${API}/proposals/${programme}/results-matrix`)
      .set(await t.as(IOM))
      .send(doneWhenMatrix());
    const op11 = put.body.results
      .flatMap((r: { indicators: { key: string; id: string }[] }) => r.indicators)
      .find((i: { key: string }) => i.key === 'OP1.1');
    await approve(op11.id, '2025-01-01', 120);
    await approve(op11.id, '2026-01-01', 90);

    const matrix = await t.http.get(`${API}/proposals/${programme}/results-matrix`).set(await t.as(FMU));
    const indicator = matrix.body.results
      .flatMap((r: { indicators: { id: string }[] }) => r.indicators)
      .find((i: { id: string }) => i.id === op11.id);
    expect(
      indicator.targets.map((p: { periodEnd: string; onTrack: boolean | null }) => [p.periodEnd, p.onTrack]),
    ).toEqual([
      ['2025-12-31', true],
      ['2026-12-31', false],
      ['2027-12-31', null],
    ]);
    const sinceInception = (await stored(programme)).find((s) => s.indicator_id === op11.id && s.year === 0);
    expect(indicator.progress.onTrack).toBe(sinceInception?.on_track);
    expect(indicator.progress.onTrack).toBe(false);
  });
});
