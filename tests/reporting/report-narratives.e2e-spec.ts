import { INestApplicationContext } from '@nestjs/common';
import { createTestContext, TestContext } from '../support/test-context';
import { binary, csvText, finished } from './report-fixtures';

const API = '/api/v1';
const FMU = 'fmu@mptf.test';
const AA = 'aa@mptf.test';
const DONOR = 'donor.deu@mptf.test';

/** Issue 17, "Narrative": the fund unit writes the year's sections; drafts mark gaps, a final run refuses them. */
describe('the consolidated report’s narrative', () => {
  let t: TestContext;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    t = await createTestContext();
    worker = await t.startWorker();
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const put = async (key: string, body: object, as = FMU) =>
    t.http
      .put(`${API}/report-narratives/2026/sections/${key}`)
      .set(await t.as(as))
      .send(body);
  const annualCsv = async (parameters: object): Promise<string> => {
    const run = await t.http
      .post(`${API}/reports`)
      .set(await t.as(FMU))
      .send({ type: 'ANNUAL_CONSOLIDATED', format: 'csv', parameters });
    expect(run.status).toBe(202);
    expect((await finished(t, run.body.id)).status).toBe('SUCCEEDED');
    const file = await t.http
      .get(`${API}/reports/${run.body.id}/file`)
      .set(await t.as(FMU))
      .buffer(true)
      .parse(binary);
    return csvText(file.body as Buffer);
  };

  it('lists every section of a year, missing until written, and keeps each revision', async () => {
    const empty = await t.http.get(`${API}/report-narratives/2026`).set(await t.as(FMU));
    expect(empty.status).toBe(200);
    expect(empty.body.sections.map((s: { key: string }) => s.key)).toEqual([
      'executive-summary',
      'governance',
      'results-ta-1',
      'results-ta-2',
      'results-ta-3',
      'results-ta-4',
      'results-ta-5',
      'challenges-lessons',
      'stories',
    ]);
    expect(empty.body.missing).toHaveLength(9);

    expect((await put('executive-summary', { body: 'x' }, AA)).status).toBe(403);
    expect((await t.http.get(`${API}/report-narratives/2026`).set(await t.as(DONOR))).status).toBe(403);
    const blank = await put('executive-summary', { body: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.details).toEqual([expect.objectContaining({ field: 'body' })]);
    const noReason = await put('stories', { omitted: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await put('no-such-section', { body: 'Text' })).status).toBe(404);
    expect((await t.http.get(`${API}/report-narratives/1999`).set(await t.as(FMU))).status).toBe(400);

    await put('executive-summary', { body: 'A first draft.' }).then((r) => expect(r.status).toBe(200));
    const second = await put('executive-summary', {
      body: 'In 2026 the fund approved its first joint programmes.\n\nDonors deposited more than they pledged.',
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      state: 'WRITTEN',
      revision: 2,
      writtenBy: { name: expect.any(String) },
    });
    expect(
      second.body.revisions.map((r: { revision: number; body: string }) => [r.revision, r.body]),
    ).toEqual([
      [
        2,
        'In 2026 the fund approved its first joint programmes.\n\nDonors deposited more than they pledged.',
      ],
      [1, 'A first draft.'],
    ]);
  });

  it('marks missing sections in a draft and refuses a final run until they are written or left out', async () => {
    const draft = await annualCsv({ year: 2026 });
    expect(draft).toContain('In 2026 the fund approved its first joint programmes.');
    expect(draft).toContain('"Status","Draft — 8 narrative sections missing"');
    expect(draft).toContain(
      '[DRAFT — MISSING SECTION] “Governance and fund management” has not been written yet',
    );

    const refused = await t.http
      .post(`${API}/reports`)
      .set(await t.as(FMU))
      .send({ type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { year: 2026, final: true } });
    expect(refused.status).toBe(422);
    expect(refused.body.details).toHaveLength(8);
    expect(refused.body.details[0]).toEqual({
      field: 'narrative.governance',
      rule: 'NARRATIVE_MISSING',
      message: expect.stringContaining('Governance and fund management'),
    });
    const noYear = await t.http
      .post(`${API}/reports`)
      .set(await t.as(FMU))
      .send({ type: 'ANNUAL_CONSOLIDATED', format: 'pdf', parameters: { final: true } });
    expect(noYear.status).toBe(400);
    expect(noYear.body.details).toEqual([expect.objectContaining({ field: 'parameters.year' })]);

    for (const key of [
      'governance',
      'results-ta-1',
      'results-ta-2',
      'results-ta-3',
      'results-ta-4',
      'challenges-lessons',
    ])
      expect((await put(key, { body: `What happened: ${key}.` })).status).toBe(200);
    expect(
      (await put('results-ta-5', { omitted: true, reason: 'No programme in the area yet' })).status,
    ).toBe(200);
    const left = await put('stories', { omitted: true, reason: 'Stories go in the 2027 report' });
    expect(left.body).toMatchObject({
      state: 'OMITTED',
      reason: 'Stories go in the 2027 report',
      body: null,
    });

    const final = await annualCsv({ year: 2026, final: true });
    expect(final).toContain('"Status","Final"');
    expect(final).not.toContain('MISSING SECTION');
    expect(final).toContain('What happened: governance.');
    expect(final).not.toContain('Stories from the field');
  });
});
