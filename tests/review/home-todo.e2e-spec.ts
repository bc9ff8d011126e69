import { eligibleProposal } from '../proposals/proposal-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { API, CHAIR, deposit, FMU, IOM, SC_UNDP, submittedProposal, underReview } from './review-fixtures';

const DONOR = 'donor.deu@mptf.test';
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Section {
  key: string;
  count: number;
  items: { id: string; reference: string | null; link: string }[];
}

/** GET /me/todo: what waits for each role on the home page. */
describe('a to-do summary per role', () => {
  let t: TestContext;
  const todo = async (email: string) => {
    const response = await t.http.get(`${API}/me/todo`).set(await t.as(email));
    expect(response.status).toBe(200);
    return response.body as {
      sections: Section[];
      upcomingMeeting: { id: string } | null;
      donorPosition: unknown;
    };
  };
  const section = (body: { sections: Section[] }, key: string) => body.sections.find((s) => s.key === key);

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('gives a focal point its drafts and what was returned, and nothing of the FMU', async () => {
    const draft = await t.http
      .post(`${API}/proposals`)
      .set(await t.as(IOM))
      .send(eligibleProposal({ title: 'A draft to finish' }));
    expect(draft.status).toBe(201);
    const submitted = await submittedProposal(t, { title: 'Will be returned' });
    await t.http
      .post(`${API}/proposals/${submitted}/screening`)
      .set(await t.as(FMU))
      .send({ outcome: 'RETURN', comment: 'Add the budget notes' })
      .expect(200);
    const body = await todo(IOM);
    expect(section(body, 'returned')).toMatchObject({ count: 1, items: [{ id: submitted }] });
    expect(section(body, 'drafts')?.items.map((i) => i.id)).toContain(draft.body.id);
    expect(section(body, 'to-screen')).toBeUndefined();
  });

  it('gives the FMU the proposals to screen, members their reviews due, the chair meeting and decisions', async () => {
    const waiting = await submittedProposal(t, { title: 'Waiting for screening' });
    expect(section(await todo(FMU), 'to-screen')?.items.map((i) => i.id)).toContain(waiting);

    const reviewed = await underReview(t, { title: 'Under review now' });
    expect(section(await todo(SC_UNDP), 'reviews-due')?.items.map((i) => i.id)).toContain(reviewed);

    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Next session', date: daysFromToday(10), proposalIds: [reviewed] });
    const chair = await todo(CHAIR);
    expect(chair.upcomingMeeting?.id).toBe(meeting.body.id);
    expect(section(chair, 'pending-decisions')?.items.map((i) => i.id)).toContain(reviewed);
  });

  it('lists pipeline programmes the chair can fund now, once money has arrived', async () => {
    const pipelined = await underReview(t, { title: 'Endorsed, not yet funded' });
    await t.http
      .post(`${API}/proposals/${pipelined}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'PIPELINE', justification: 'Good; no money yet' })
      .expect(201);
    expect(section(await todo(CHAIR), 'fundable-now')?.count).toBe(0);
    await deposit(t, '1000000.00');
    expect(section(await todo(CHAIR), 'fundable-now')?.items.map((i) => i.id)).toEqual([pipelined]);
  });

  it('gives a donor its own position', async () => {
    const body = await todo(DONOR);
    expect(body.donorPosition).toMatchObject({ donorCode: 'DEU' });
    expect(body.sections).toEqual([]);
  });
});
