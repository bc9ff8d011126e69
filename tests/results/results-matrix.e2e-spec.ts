import { TestContext } from '../support/test-context';
import { doneWhenMatrix, insertProposal } from './results-fixtures';
import {
  API,
  DONOR,
  enterMatrix,
  FMU,
  IndicatorBody,
  indicatorsOf,
  IOM,
  ResultsJourney,
  startResultsJourney,
  UNDP,
  UNICEF,
} from './support/results-journey';

/** A programme's results matrix: entry, who may read and edit it, and what is refused. */
describe('results: the matrix', () => {
  let t: TestContext;
  let programmeId: string;
  let indicators: Record<string, IndicatorBody>;

  let journey: ResultsJourney;

  beforeAll(async () => {
    journey = await startResultsJourney();
    ({ t, programmeId } = journey);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('lets a focal point of a PUNO enter a matrix with an outcome, two outputs and three indicators', async () => {
    const response = await enterMatrix(journey);
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
});
