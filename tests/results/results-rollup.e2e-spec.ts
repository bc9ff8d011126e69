import { Clock } from '@mptf/platform';
import { TestContext } from '../support/test-context';
import { approvedActual, doneWhenMatrix, insertProposal } from './results-fixtures';
import {
  API,
  DONOR,
  FMU,
  IndicatorBody,
  indicatorsOf,
  IOM,
  period2025,
  sex,
  startWithMatrix,
  UNDP,
  UNICEF,
} from './support/results-journey';

/**
 * The programme of the results journey with its 2025 period approved: the matrix edited around
 * approved actuals, the portfolio roll-up, and the periods due per the Clock.
 */
describe('results: matrix edits, roll-up and due periods', () => {
  let t: TestContext;
  let programmeId: string;
  let indicators: Record<string, IndicatorBody>;

  let actualId: string;

  beforeAll(async () => {
    ({ t, programmeId, indicators } = await startWithMatrix());
    // Where results-actuals.e2e-spec leaves the 2025 period: OP1.1 at 120 and OC1.1 at 55, approved.
    actualId = await approvedActual(t, indicators['OP1.1'].id, IOM, {
      ...period2025,
      value: 120,
      narrative: 'Assisted in shelters and at the border',
      disaggregation: sex(70, 50),
    });
    await approvedActual(t, indicators['OC1.1'].id, IOM, {
      ...period2025,
      value: 55,
      narrative: 'Survey of 400 assisted migrants (method attached)',
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('keeps ids and actuals across a matrix edit and refuses to drop approved actuals (409)', async () => {
    const edited = doneWhenMatrix();
    edited.results[1].title = 'Migrants receive protection and assistance services';
    edited.results[1].indicators[0].targets[1].value = 160;
    const response = await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(FMU))
      .send(edited);
    expect(response.status).toBe(200);
    const after = indicatorsOf(response.body);
    expect(after['OP1.1'].id).toBe(indicators['OP1.1'].id);
    expect(after['OP1.1'].targets[0].actual).toMatchObject({ id: actualId, status: 'APPROVED' });
    expect(after['OP1.1'].progress).toMatchObject({ approvedActuals: 1, onTrack: true });

    const withoutIndicator = doneWhenMatrix();
    withoutIndicator.results[1].indicators[0].key = 'OP1.9';
    const removed = await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(FMU))
      .send(withoutIndicator);
    expect(removed.status).toBe(409);
    expect(removed.body.details).toEqual([
      expect.objectContaining({ rule: 'APPROVED_ACTUALS', indicatorKey: 'OP1.1' }),
    ]);

    const withoutPeriod = doneWhenMatrix();
    withoutPeriod.results[1].indicators[0].targets.shift();
    const periodGone = await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(FMU))
      .send(withoutPeriod);
    expect(periodGone.status).toBe(409);

    const audit = await t.http
      .get(`${API}/audit?entityType=results-matrix&entityId=${programmeId}`)
      .set(await t.as(FMU));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'results-matrix.replace',
      'results-matrix.replace',
    ]);
    expect(audit.body.items[1].after).toMatchObject({ results: ['OC1', 'OP1', 'OP2'], targets: 9 });
  });

  it('rolls the approved values up by thematic area and by fund indicator', async () => {
    // A second programme in another area with one approved unit actual on FI-2.1.
    const other = await insertProposal(t.db, { orgCodes: ['UNDP', 'IOM'], thematicAreaCode: 4 });
    const matrix = doneWhenMatrix();
    const put = await t.http
      .put(`${API}/proposals/${other}/results-matrix`)
      .set(await t.as(UNDP))
      .send(matrix);
    expect(put.status).toBe(200);
    const op11 = indicatorsOf(put.body)['OP1.1'];
    await approvedActual(t, op11.id, UNDP, {
      ...period2025,
      value: 80,
      narrative: 'Behind plan',
      disaggregation: sex(40, 40),
    });
    // A draft of a third programme in area 2 must not count.
    const draftRow = await insertProposal(t.db, { status: 'DRAFT', thematicAreaCode: 2 });
    await t.http
      .put(`${API}/proposals/${draftRow}/results-matrix`)
      .set(await t.as(IOM))
      .send(doneWhenMatrix())
      .expect(200);

    const byArea = await t.http.get(`${API}/results/rollup?by=thematicArea&year=2025`).set(await t.as(DONOR));
    expect(byArea.status).toBe(200);
    expect(byArea.body).toHaveLength(5);
    const area = (code: number) => byArea.body.find((g: { key: number }) => g.key === code);
    // Area 2: OP1.1 120 ≥ 100 on track; OC1.1 55 ≥ 50 on track; OP2.1 nothing approved.
    expect(area(2)).toMatchObject({
      programmes: 1,
      indicators: 3,
      withTarget: 3,
      withActual: 2,
      assessed: 2,
      onTrack: 2,
      shareOnTrack: '1.0000',
    });
    // Area 4: OP1.1 80 < 100, off track.
    expect(area(4)).toMatchObject({
      programmes: 1,
      indicators: 3,
      withActual: 1,
      onTrack: 0,
      shareOnTrack: '0.0000',
    });
    expect(area(1)).toMatchObject({ indicators: 0, shareOnTrack: null });

    const byFund = await t.http.get(`${API}/results/rollup?by=fundIndicator&year=2025`).set(await t.as(FMU));
    expect(byFund.status).toBe(200);
    const fi21 = byFund.body.find((g: { key: string }) => g.key === 'FI-2.1');
    expect(fi21).toMatchObject({
      thematicAreaCode: 2,
      programmes: 2,
      indicators: 2,
      withActual: 2,
      onTrack: 1,
      shareOnTrack: '0.5000',
      approvedActualSum: '200',
      targetSum: '200',
    });
    expect(byFund.body.find((g: { key: string }) => g.key === 'FI-2.2')).toMatchObject({
      approvedActualSum: '0',
      targetSum: '80',
    });

    const sinceInception = await t.http.get(`${API}/results/rollup?by=fundIndicator`).set(await t.as(FMU));
    expect(sinceInception.body.find((g: { key: string }) => g.key === 'FI-2.1')).toMatchObject({
      approvedActualSum: '200',
      targetSum: '910', // 100+160+200 and 100+150+200
    });
    const byObjective = await t.http
      .get(`${API}/results/rollup?by=gcmObjective&year=2025`)
      .set(await t.as(FMU));
    expect(byObjective.body).toHaveLength(23);
    // OC1.1 names objective 7; the other indicators count under their programmes' objectives (2 and 7).
    expect(byObjective.body.find((g: { key: number }) => g.key === 7)).toMatchObject({
      indicators: 6,
      onTrack: 2,
    });
    expect(byObjective.body.find((g: { key: number }) => g.key === 2)).toMatchObject({ indicators: 4 });

    const bad = await t.http.get(`${API}/results/rollup?by=donor&year=20`).set(await t.as(FMU));
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['by', 'year']);
  });

  it('lists reporting periods that ended without an approved actual as due or overdue (per the Clock)', async () => {
    const clock = t.app.get(Clock);
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-01-20T12:00:00Z'));
    const due = await t.http.get(`${API}/programmes/${programmeId}/results/due`).set(await t.as(IOM));
    expect(due.status).toBe(200);
    expect(due.body).toMatchObject({ programmeId, asOf: '2026-01-20' });
    expect(due.body.items).toEqual([
      expect.objectContaining({
        indicatorKey: 'OP2.1',
        resultKey: 'OP2',
        periodEnd: '2025-12-31',
        state: 'DUE',
        actual: null,
      }),
    ]);

    jest.spyOn(clock, 'now').mockReturnValue(new Date('2027-03-01T12:00:00Z'));
    const later = await t.http.get(`${API}/programmes/${programmeId}/results/due`).set(await t.as(FMU));
    expect(
      later.body.items.map(
        (i: { indicatorKey: string; periodEnd: string; state: string }) =>
          `${i.indicatorKey} ${i.periodEnd} ${i.state}`,
      ),
    ).toEqual([
      'OP2.1 2025-12-31 OVERDUE',
      'OC1.1 2026-12-31 OVERDUE',
      'OP1.1 2026-12-31 OVERDUE',
      'OP2.1 2026-12-31 OVERDUE',
    ]);
    jest.restoreAllMocks();

    const draft = await insertProposal(t.db, { status: 'UNDER_REVIEW' });
    expect((await t.http.get(`${API}/programmes/${draft}/results/due`).set(await t.as(FMU))).status).toBe(
      404,
    );
    expect(
      (await t.http.get(`${API}/programmes/${programmeId}/results/due`).set(await t.as(UNICEF))).status,
    ).toBe(403);
  });
});
