import { createTestContext, TestContext } from '../support/test-context';
import { AA, API, CHAIR, FMU, SC_DEU, SC_UNDP, SC_UNICEF, scorecard, underReview } from './review-fixtures';

interface PackItem {
  proposalId: string;
  reviewVisibility: 'ALL' | 'OWN_ONLY';
  reviewCount: number | null;
  weightedScore: string | null;
  recommendations: Record<string, number> | null;
}

/**
 * The decision pack shows review scores by the rule of GET /proposals/:id/reviews, per proposal
 * and per caller (issue 15, item 6): a member who has not reviewed in the open round, and anyone
 * recused, gets no score, count or recommendations; the DECISION_PACK report (scores included)
 * is for readers who see every review.
 */
describe('decision pack: who sees the scores', () => {
  let t: TestContext;
  let a: string; // reviewed by the UNDP member
  let b: string; // reviewed by nobody yet
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestContext();
    a = await underReview(t, { title: 'Fair recruitment Nepal–Malaysia' });
    b = await underReview(t, { title: 'Labour mobility corridors', countryCodes: ['KEN'] });
    await t.http
      .post(`${API}/proposals/${a}/reviews`)
      .set(await t.as(SC_UNDP))
      .send(scorecard([5, 5, 4, 4, 4, 3]))
      .expect(201);
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Steering Committee — visibility session', date: '2026-09-15', proposalIds: [a, b] });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
  });
  afterAll(() => t.close());

  async function packOf(email: string): Promise<Map<string, PackItem>> {
    const response = await t.http.get(`${API}/sc-meetings/${meetingId}/pack`).set(await t.as(email));
    expect(response.status).toBe(200);
    return new Map((response.body.proposals as PackItem[]).map((item) => [item.proposalId, item]));
  }
  const hidden = {
    reviewVisibility: 'OWN_ONLY',
    reviewCount: null,
    weightedScore: null,
    recommendations: null,
  };
  const shown = {
    reviewVisibility: 'ALL',
    reviewCount: 1,
    weightedScore: '82.50',
    recommendations: { APPROVE: 1, REVISE: 0, REJECT: 0 },
  };

  it('hides the scores from a member who has not reviewed, as GET /reviews does', async () => {
    const pack = await packOf(SC_DEU);
    expect(pack.get(a)).toMatchObject(hidden);
    const reviews = await t.http.get(`${API}/proposals/${a}/reviews`).set(await t.as(SC_DEU));
    expect(reviews.body).toMatchObject({ visibility: 'OWN_ONLY', summary: null });
  });

  it('hides them from a recused member (organization a PUNO)', async () => {
    expect((await packOf(SC_UNICEF)).get(a)).toMatchObject(hidden);
  });

  it('shows them to the member who reviewed, per proposal, and to the chair and the FMU', async () => {
    const undp = await packOf(SC_UNDP);
    expect(undp.get(a)).toMatchObject(shown);
    expect(undp.get(b)).toMatchObject(hidden);
    expect((await packOf(CHAIR)).get(a)).toMatchObject(shown);
    expect((await packOf(FMU)).get(a)).toMatchObject(shown);
    expect((await packOf(FMU)).get(b)).toMatchObject({ reviewVisibility: 'ALL', reviewCount: 0 });
  });

  it('hides them again from a member who declares a conflict after reviewing, and from a recused chair', async () => {
    await t.http
      .post(`${API}/proposals/${a}/conflicts`)
      .set(await t.as(SC_UNDP))
      .send({ reason: 'Former employer of the project lead' })
      .expect(201);
    expect((await packOf(SC_UNDP)).get(a)).toMatchObject(hidden);
    await t.http
      .post(`${API}/proposals/${a}/conflicts`)
      .set(await t.as(CHAIR))
      .send({ reason: 'Chaired the design workshop' })
      .expect(201);
    expect((await packOf(CHAIR)).get(a)).toMatchObject(hidden);
    const reviews = await t.http.get(`${API}/proposals/${a}/reviews`).set(await t.as(CHAIR));
    expect(reviews.body).toMatchObject({ visibility: 'OWN_ONLY', summary: null });
  });

  it('keeps the DECISION_PACK report, which carries the scores, to the FMU and admins', async () => {
    const byAa = await t.http
      .post(`${API}/reports`)
      .set(await t.as(AA))
      .send({ type: 'DECISION_PACK', format: 'csv', parameters: { meetingId } });
    expect(byAa.status).toBe(403);
    const byFmu = await t.http
      .post(`${API}/reports`)
      .set(await t.as(FMU))
      .send({ type: 'DECISION_PACK', format: 'csv', parameters: { meetingId } });
    expect(byFmu.status).toBe(202);
    expect((await t.http.get(`${API}/reports/${byFmu.body.id}`).set(await t.as(AA))).status).toBe(403);
    expect((await t.http.get(`${API}/reports/${byFmu.body.id}/file`).set(await t.as(AA))).status).toBe(403);
    const listed = await t.http.get(`${API}/reports?type=DECISION_PACK`).set(await t.as(AA));
    expect(listed.body.total).toBe(0);
    expect(
      (await t.http.get(`${API}/reports/${byFmu.body.id}`).set(await t.as('admin@mptf.test'))).status,
    ).toBe(200);
  });
});
