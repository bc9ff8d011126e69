import { Clock } from '@mptf/platform';
import { createTestContext, TestContext } from '../support/test-context';
import { approvedActual, doneWhenMatrix, insertProposal } from './results-fixtures';

const API = '/api/v1';
const IOM = 'iom.focal@mptf.test';
const UNDP = 'undp.focal@mptf.test';
const UNICEF = 'unicef.focal@mptf.test';
const FMU = 'fmu@mptf.test';
const DONOR = 'donor.deu@mptf.test';

interface IndicatorBody {
  id: string;
  key: string;
  targets: { periodStart: string; actual: { id: string; status: string } | null; onTrack: boolean | null }[];
  progress: { approvedActuals: number; onTrack: boolean | null };
}

describe('results: matrix, actuals, roll-up', () => {
  let t: TestContext;
  let programmeId: string;
  let indicators: Record<string, IndicatorBody>;

  const period2025 = { periodStart: '2025-01-01', periodEnd: '2025-12-31' };
  const sex = (female: number, male: number) => [
    { dimension: 'sex', category: 'female', value: female },
    { dimension: 'sex', category: 'male', value: male },
  ];

  const indicatorsOf = (matrix: { results: { indicators: IndicatorBody[] }[] }) =>
    Object.fromEntries(matrix.results.flatMap((r) => r.indicators).map((i) => [i.key, i]));

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await insertProposal(t.db, { orgCodes: ['IOM', 'UNDP'], thematicAreaCode: 2 });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('lets a focal point of a PUNO enter a matrix with an outcome, two outputs and three indicators', async () => {
    const response = await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(IOM))
      .send(doneWhenMatrix());
    expect(response.status).toBe(200);
    expect(response.body.results.map((r: { key: string; type: string }) => `${r.key}:${r.type}`)).toEqual([
      'OC1:OUTCOME',
      'OP1:OUTPUT',
      'OP2:OUTPUT',
    ]);
    expect(response.body.window).toEqual({ start: '2025-01-01', end: '2027-12-31' });
    indicators = indicatorsOf(response.body);
    expect(Object.keys(indicators)).toEqual(['OC1.1', 'OP1.1', 'OP2.1']);
    expect(response.body.results[1].indicators[0]).toMatchObject({
      id: expect.any(String),
      fundIndicatorCode: 'FI-2.1',
      baseline: { year: 2024, value: '0' },
      targets: [
        { periodStart: '2025-01-01', periodEnd: '2025-12-31', value: '100', actual: null },
        { periodStart: '2026-01-01', value: '150' },
        { periodStart: '2027-01-01', value: '200' },
      ],
    });
    expect(response.body.progress).toEqual({
      indicators: 3,
      withTarget: 3,
      withActual: 0,
      onTrack: 0,
      shareOnTrack: null,
    });

    const read = await t.http.get(`${API}/proposals/${programmeId}/results-matrix`).set(await t.as(UNDP));
    expect(read.status).toBe(200);
    expect(indicatorsOf(read.body)['OP1.1'].id).toBe(indicators['OP1.1'].id);
  });

  it('applies the row-level rules: other agencies 403, SC read-only, donors read programmes', async () => {
    const url = `${API}/proposals/${programmeId}/results-matrix`;
    expect((await t.http.get(url).set(await t.as(UNICEF))).status).toBe(403);
    expect(
      (
        await t.http
          .put(url)
          .set(await t.as(UNICEF))
          .send(doneWhenMatrix())
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .put(url)
          .set(await t.as('chair@mptf.test'))
          .send(doneWhenMatrix())
      ).status,
    ).toBe(403);
    expect((await t.http.get(url).set(await t.as('sc.undp@mptf.test'))).status).toBe(200);
    expect((await t.http.get(url).set(await t.as(DONOR))).status).toBe(200);

    const draft = await insertProposal(t.db, { status: 'DRAFT', orgCodes: ['UNICEF', 'UNDP'] });
    const draftUrl = `${API}/proposals/${draft}/results-matrix`;
    expect((await t.http.get(draftUrl).set(await t.as(FMU))).status).toBe(403);
    expect((await t.http.get(draftUrl).set(await t.as(DONOR))).status).toBe(403);
    expect(
      (
        await t.http
          .put(draftUrl)
          .set(await t.as(UNICEF))
          .send({ results: [] })
      ).status,
    ).toBe(200);

    const underReview = await insertProposal(t.db, { status: 'UNDER_REVIEW', orgCodes: ['UNICEF', 'UNDP'] });
    const locked = await t.http
      .put(`${API}/proposals/${underReview}/results-matrix`)
      .set(await t.as(UNICEF))
      .send(doneWhenMatrix());
    expect(locked.status).toBe(409);
    expect(locked.body.message).toContain('UNDER_REVIEW');
    expect(
      (await t.http.get(`${API}/proposals/${underReview}/results-matrix`).set(await t.as(DONOR))).status,
    ).toBe(403);

    const missing = await t.http
      .get(`${API}/proposals/00000000-0000-4000-8000-000000000000/results-matrix`)
      .set(await t.as(FMU));
    expect(missing.status).toBe(404);
    expect((await t.http.get(`${API}/proposals/not-a-uuid/results-matrix`).set(await t.as(FMU))).status).toBe(
      400,
    );
  });

  it('refuses a malformed matrix with 400 naming every field path', async () => {
    const body = doneWhenMatrix() as unknown as { results: Record<string, unknown>[] };
    const output = body.results[1] as { indicators: Record<string, unknown>[] };
    (output.indicators[0].targets as Record<string, unknown>[])[2].periodEnd = '2027-13-01';
    output.indicators[0].measure = 'COUNT';
    body.results[0].colour = 'blue';
    const response = await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(IOM))
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'results[0].colour',
      'results[1].indicators[0].measure',
      'results[1].indicators[0].targets[2].periodEnd',
    ]);
  });

  it('refuses business-rule violations with 422 listing all of them', async () => {
    const body = doneWhenMatrix();
    body.results[0].indicators[0].targets[0].value = 120;
    body.results[1].indicators[0].targets[2].periodEnd = '2028-03-31';
    body.results[2].indicators[0].key = 'OP1.1';
    body.results[2].parentKey = 'OP1';
    const response = await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(FMU))
      .send(body);
    expect(response.status).toBe(422);
    expect(response.body.details.map((d: { field: string; rule: string }) => `${d.field} ${d.rule}`)).toEqual(
      [
        'results[0].indicators[0].targets[0].value PERCENTAGE_RANGE',
        'results[1].indicators[0].targets[2].periodEnd PERIOD_OUTSIDE_PROGRAMME',
        'results[2].parentKey HIERARCHY',
        'results[2].indicators[0].key DUPLICATE_KEY',
      ],
    );
  });

  let actualId: string;

  it('takes an actual whose sex breakdown adds up (201 DRAFT) and refuses one that does not (422)', async () => {
    const url = `${API}/indicators/${indicators['OP1.1'].id}/actuals`;
    const wrong = await t.http
      .post(url)
      .set(await t.as(IOM))
      .send({ ...period2025, value: 110, narrative: 'Assisted in shelters', disaggregation: sex(60, 40) });
    expect(wrong.status).toBe(422);
    expect(wrong.body.details).toEqual([
      expect.objectContaining({ field: 'disaggregation', rule: 'DISAGGREGATION_SUM', dimension: 'sex' }),
    ]);

    const created = await t.http
      .post(url)
      .set(await t.as(IOM))
      .send({ ...period2025, value: '110', narrative: 'Assisted in shelters', disaggregation: sex(62, 48) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'DRAFT',
      value: '110',
      indicatorKey: 'OP1.1',
      programmeId,
      disaggregation: [
        { dimension: 'sex', category: 'female', value: '62' },
        { dimension: 'sex', category: 'male', value: '48' },
      ],
    });
    actualId = created.body.id;

    const duplicate = await t.http
      .post(url)
      .set(await t.as(UNDP))
      .send({ ...period2025, value: 1, narrative: 'again' });
    expect(duplicate.status).toBe(409);
    const undefinedPeriod = await t.http
      .post(url)
      .set(await t.as(IOM))
      .send({ periodStart: '2025-01-01', periodEnd: '2025-06-30', value: 1, narrative: 'half year' });
    expect(undefinedPeriod.status).toBe(422);
    expect(undefinedPeriod.body.details[0].rule).toBe('PERIOD_NOT_DEFINED');
    const badShape = await t.http
      .post(url)
      .set(await t.as(IOM))
      .send({ periodStart: '2025-01-01', value: 'many', disaggregation: [{ dimension: 'sex' }], extra: 1 });
    expect(badShape.status).toBe(400);
    expect(badShape.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['periodEnd', 'value', 'narrative', 'extra', 'disaggregation.0.category']),
    );
    expect(
      (
        await t.http
          .post(url)
          .set(await t.as(UNICEF))
          .send({ ...period2025, value: 1, narrative: 'x' })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post(url)
          .set(await t.as(FMU))
          .send({ ...period2025, value: 1, narrative: 'x' })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post(`${API}/indicators/00000000-0000-4000-8000-000000000000/actuals`)
          .set(await t.as(IOM))
          .send({ ...period2025, value: 1, narrative: 'x' })
      ).status,
    ).toBe(404);
  });

  it('lets the FMU approve a submitted actual, after which any change is 409', async () => {
    const patched = await t.http
      .patch(`${API}/actuals/${actualId}`)
      .set(await t.as(UNDP))
      .send({ value: 120, disaggregation: sex(70, 50), narrative: 'Assisted in shelters and at the border' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ value: '120', status: 'DRAFT' });

    const submitted = await t.http.post(`${API}/actuals/${actualId}/submit`).set(await t.as(IOM));
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('SUBMITTED');
    const editWhileSubmitted = await t.http
      .patch(`${API}/actuals/${actualId}`)
      .set(await t.as(IOM))
      .send({ value: 1 });
    expect(editWhileSubmitted.status).toBe(409);
    expect(editWhileSubmitted.body.message).toContain('SUBMITTED');

    const queue = await t.http.get(`${API}/actuals?status=SUBMITTED`).set(await t.as(FMU));
    expect(queue.status).toBe(200);
    expect(queue.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(queue.body.items[0]).toMatchObject({ id: actualId, status: 'SUBMITTED', programmeId });
    const unicefQueue = await t.http.get(`${API}/actuals?status=SUBMITTED`).set(await t.as(UNICEF));
    expect(unicefQueue.body.total).toBe(0);

    expect((await t.http.post(`${API}/actuals/${actualId}/approve`).set(await t.as(IOM))).status).toBe(403);
    const approved = await t.http.post(`${API}/actuals/${actualId}/approve`).set(await t.as(FMU));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', reviewedAt: expect.any(String) });

    const change = await t.http
      .patch(`${API}/actuals/${actualId}`)
      .set(await t.as(IOM))
      .send({ value: 121 });
    expect(change.status).toBe(409);
    expect(change.body.message).toContain('APPROVED');
    expect((await t.http.post(`${API}/actuals/${actualId}/submit`).set(await t.as(IOM))).status).toBe(409);
    expect((await t.http.post(`${API}/actuals/${actualId}/approve`).set(await t.as(FMU))).status).toBe(409);
    expect(
      (
        await t.http
          .post(`${API}/actuals/${actualId}/return`)
          .set(await t.as(FMU))
          .send({ comment: 'no' })
      ).status,
    ).toBe(409);

    const audit = await t.http
      .get(`${API}/audit?entityType=actual&entityId=${actualId}`)
      .set(await t.as(FMU));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'actual.approve',
      'actual.submit',
      'actual.update',
      'actual.create',
    ]);
    expect(audit.body.items[0]).toMatchObject({
      actorEmail: FMU,
      before: { status: 'SUBMITTED' },
      after: { status: 'APPROVED' },
    });
  });

  it('returns a submitted actual with a comment; the focal point fixes and resubmits it', async () => {
    const created = await t.http
      .post(`${API}/indicators/${indicators['OC1.1'].id}/actuals`)
      .set(await t.as(IOM))
      .send({ ...period2025, value: 45.5, narrative: 'Survey of 400 assisted migrants' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await t.http
      .post(`${API}/actuals/${id}/submit`)
      .set(await t.as(IOM))
      .expect(200);
    expect(
      (
        await t.http
          .post(`${API}/actuals/${id}/return`)
          .set(await t.as(FMU))
          .send({})
      ).status,
    ).toBe(400);
    const returned = await t.http
      .post(`${API}/actuals/${id}/return`)
      .set(await t.as(FMU))
      .send({ comment: 'Please attach the survey method.' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'RETURNED',
      reviewComment: 'Please attach the survey method.',
    });
    const fixed = await t.http
      .patch(`${API}/actuals/${id}`)
      .set(await t.as(IOM))
      .send({ narrative: 'Survey of 400 assisted migrants (method attached)', value: 55 });
    expect(fixed.status).toBe(200);
    const percentageOutOfRange = await t.http
      .patch(`${API}/actuals/${id}`)
      .set(await t.as(IOM))
      .send({ value: 101 });
    expect(percentageOutOfRange.status).toBe(422);
    await t.http
      .post(`${API}/actuals/${id}/submit`)
      .set(await t.as(IOM))
      .expect(200);
    const approved = await t.http.post(`${API}/actuals/${id}/approve`).set(await t.as(FMU));
    expect(approved.body.status).toBe('APPROVED');
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

  it('refuses actuals for a period that has not started yet', async () => {
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2025-06-01T00:00:00Z'));
    const early = await t.http
      .post(`${API}/indicators/${indicators['OP2.1'].id}/actuals`)
      .set(await t.as(IOM))
      .send({
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        value: 10,
        narrative: 'early',
        disaggregation: sex(5, 5),
      });
    jest.restoreAllMocks();
    expect(early.status).toBe(422);
    expect(early.body.details[0].rule).toBe('PERIOD_NOT_STARTED');
  });
});
