import { Clock } from '@mptf/platform';
import { TestContext } from '../support/test-context';
import {
  API,
  FMU,
  IndicatorBody,
  IOM,
  period2025,
  sex,
  startWithMatrix,
  UNDP,
  UNICEF,
} from './support/results-journey';

/**
 * Actuals on the matrix results-matrix.e2e-spec enters: reported with their disaggregation,
 * submitted, approved (then locked) or returned and fixed, and refused for periods not started.
 */
describe('results: actuals', () => {
  let t: TestContext;
  let programmeId: string;
  let indicators: Record<string, IndicatorBody>;

  let actualId: string;

  beforeAll(async () => {
    ({ t, programmeId, indicators } = await startWithMatrix());
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

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
