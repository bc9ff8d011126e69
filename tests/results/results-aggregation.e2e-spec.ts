import { approvedActual, doneWhenMatrix } from './results-fixtures';
import { API, FMU, IOM, period2025, ResultsJourney, startResultsJourney } from './support/results-journey';

/**
 * Issue 17, "Results that say something": a link to a fund indicator of another unit is refused,
 * and targets and actuals roll up by the indicator's aggregation (a cumulative indicator's target
 * is its end-of-period target, not the sum of its periods).
 */
describe('results roll up like with like', () => {
  let journey: ResultsJourney;

  beforeAll(async () => {
    journey = await startResultsJourney();
  });
  afterAll(() => journey.t.close());

  const put = async (body: object) =>
    journey.t.http
      .put(`${API}/proposals/${journey.programmeId}/results-matrix`)
      .set(await journey.t.as(FMU))
      .send(body);

  it('refuses a programme indicator linked to a fund indicator of another unit (422 naming field and rule)', async () => {
    const matrix = doneWhenMatrix();
    // "People trained" counted as FI-2.1's... with the unit of institutions.
    matrix.results[1].indicators[0].unit = 'institutions';
    const refused = await put(matrix);
    expect(refused.status).toBe(422);
    expect(refused.body.details).toEqual([
      {
        field: 'results[1].indicators[0].unit',
        rule: 'FUND_INDICATOR_UNIT',
        message: expect.stringContaining('must be "people", the unit of fund indicator FI-2.1'),
      },
    ]);
    const percentage = doneWhenMatrix();
    percentage.results[0].indicators[0] = {
      ...percentage.results[0].indicators[0],
      fundIndicatorCode: 'FI-2.1',
    };
    const wrongMeasure = await put(percentage);
    expect(wrongMeasure.status).toBe(422);
    expect(wrongMeasure.body.details[0]).toMatchObject({
      field: 'results[0].indicators[0].measure',
      rule: 'FUND_INDICATOR_MEASURE',
    });
    const unknownAggregation = doneWhenMatrix();
    Object.assign(unknownAggregation.results[1].indicators[0], { aggregation: 'AVERAGE' });
    expect((await put(unknownAggregation)).status).toBe(400);
  });

  it('rolls a cumulative indicator up at its end target and latest actual, an incremental one summed', async () => {
    const matrix = doneWhenMatrix();
    Object.assign(matrix.results[1].indicators[0], {
      title: 'Migrants receiving protection services, cumulative since the start',
      aggregation: 'CUMULATIVE',
      targets: [
        { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 800 },
        { periodStart: '2026-01-01', periodEnd: '2026-12-31', value: 1000 },
        { periodStart: '2027-01-01', periodEnd: '2027-12-31', value: 1200 },
      ],
    });
    const saved = await put(matrix);
    expect(saved.status).toBe(200);
    const indicators = saved.body.results.flatMap((r: { indicators: unknown[] }) => r.indicators) as {
      key: string;
      id: string;
      aggregation: string;
    }[];
    const byKey = Object.fromEntries(indicators.map((i) => [i.key, i]));
    expect(byKey['OP1.1'].aggregation).toBe('CUMULATIVE');
    expect(byKey['OP2.1'].aggregation).toBe('INCREMENTAL'); // the default of a UNIT indicator
    expect(byKey['OC1.1'].aggregation).toBe('LATEST'); // … and of a percentage
    await approvedActual(journey.t, byKey['OP1.1'].id, IOM, {
      ...period2025,
      value: 700,
      narrative: 'Year one',
    });
    await approvedActual(journey.t, byKey['OP2.1'].id, IOM, {
      ...period2025,
      value: 35,
      narrative: 'Year one',
    });

    const rollup = async (year?: number) => {
      const response = await journey.t.http
        .get(`${API}/results/rollup?by=fundIndicator${year ? `&year=${year}` : ''}`)
        .set(await journey.t.as(FMU));
      expect(response.status).toBe(200);
      return Object.fromEntries(
        (response.body as { key: string; targetSum: string; approvedActualSum: string }[]).map((g) => [
          g.key,
          g,
        ]),
      );
    };
    const all = await rollup();
    expect(all['FI-2.1']).toMatchObject({ targetSum: '1200', approvedActualSum: '700' }); // not 3,000
    expect(all['FI-2.2']).toMatchObject({ targetSum: '120', approvedActualSum: '35' }); // 40 × 3, summed
    const of2025 = await rollup(2025);
    expect(of2025['FI-2.1']).toMatchObject({ targetSum: '800', approvedActualSum: '700' });
    expect(of2025['FI-2.2']).toMatchObject({ targetSum: '40', approvedActualSum: '35' });
  });
});
