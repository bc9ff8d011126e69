import { createTestContext, TestContext } from '../support/test-context';
import { API, CHAIR, FMU, SC_DEU, SC_UNDP, SC_UNICEF, underReview } from './review-fixtures';

const rejection = { outcome: 'REJECTED', justification: 'Outside the fund’s priorities this year.' };

/**
 * Who records a decision (issue 15, item 7): never a chair recused from the proposal (its
 * organization a PUNO, or a declared conflict); then, and only then, a Steering Committee member
 * who is not recused records it as acting chair, and the decision and the audit trail say so.
 */
describe('decisions: a recused chair and the acting chair', () => {
  let t: TestContext;
  let recusedChair: string; // the chair declared a conflict on it
  let free: string; // nobody is recused from it
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestContext();
    recusedChair = await underReview(t, { title: 'Chair recused' });
    free = await underReview(t, { title: 'Chair free' });
    await t.http
      .post(`${API}/proposals/${recusedChair}/conflicts`)
      .set(await t.as(CHAIR))
      .send({ reason: 'Advised one of the PUNOs on the design' })
      .expect(201);
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({
        title: 'Steering Committee — acting chair session',
        date: '2026-09-15',
        proposalIds: [recusedChair, free],
      });
    meetingId = meeting.body.id;
  });
  afterAll(() => t.close());

  const decide = async (email: string, proposalId: string) =>
    t.http
      .post(`${API}/proposals/${proposalId}/decision`)
      .set(await t.as(email))
      .send(rejection);
  const statusOf = async (id: string) =>
    ((await t.db.query('SELECT status FROM proposals WHERE id = $1', [id])) as { status: string }[])[0]
      .status;

  it('says in GET /recusal who may record the decision, and in which capacity', async () => {
    const capacity = async (email: string, id: string) =>
      (await t.http.get(`${API}/proposals/${id}/recusal`).set(await t.as(email))).body.decidesAs;
    expect(await capacity(CHAIR, recusedChair)).toBeNull();
    expect(await capacity(CHAIR, free)).toBe('CHAIR');
    expect(await capacity(SC_DEU, recusedChair)).toBe('ACTING_CHAIR');
    expect(await capacity(SC_DEU, free)).toBeNull();
    expect(await capacity(SC_UNICEF, recusedChair)).toBeNull(); // its organization is a PUNO
    // The pack says the same per agenda item, for the web app's "Record decision".
    const recordableAs = async (email: string) => {
      const pack = await t.http.get(`${API}/sc-meetings/${meetingId}/pack`).set(await t.as(email));
      return pack.body.proposals.map((item: { recordableAs: string | null }) => item.recordableAs);
    };
    expect(await recordableAs(CHAIR)).toEqual([null, 'CHAIR']);
    expect(await recordableAs(SC_DEU)).toEqual(['ACTING_CHAIR', null]);
    expect(await recordableAs(FMU)).toEqual([null, null]);
  });

  it('refuses the recused chair (403 naming the rule), alone and in a batch, recording nothing', async () => {
    const single = await decide(CHAIR, recusedChair);
    expect(single.status).toBe(403);
    expect(single.body.details).toEqual([expect.objectContaining({ rule: 'RECUSED' })]);
    const batch = await t.http
      .post(`${API}/sc-meetings/${meetingId}/decisions`)
      .set(await t.as(CHAIR))
      .send({
        decisions: [
          { proposalId: free, ...rejection },
          { proposalId: recusedChair, ...rejection },
        ],
      });
    expect(batch.status).toBe(403);
    expect(batch.body.details).toEqual([
      expect.objectContaining({ field: 'decisions[1]', rule: 'RECUSED', proposalId: recusedChair }),
    ]);
    expect(await statusOf(recusedChair)).toBe('UNDER_REVIEW');
    expect(await statusOf(free)).toBe('UNDER_REVIEW');
  });

  it('refuses a member while the chair is free to decide, and a recused member always', async () => {
    const member = await decide(SC_DEU, free);
    expect(member.status).toBe(403);
    expect(member.body.details).toEqual([expect.objectContaining({ rule: 'CHAIR_NOT_RECUSED' })]);
    const recusedMember = await decide(SC_UNICEF, recusedChair);
    expect(recusedMember.status).toBe(403);
    expect(recusedMember.body.details).toEqual([expect.objectContaining({ rule: 'RECUSED' })]);
    expect((await decide('fmu@mptf.test', recusedChair)).status).toBe(403);
  });

  it('lets a member who is not recused record it as acting chair, and says so in the record and the audit trail', async () => {
    const acting = await t.http
      .post(`${API}/sc-meetings/${meetingId}/decisions`)
      .set(await t.as(SC_UNDP))
      .send({ decisions: [{ proposalId: recusedChair, ...rejection }] });
    expect(acting.status).toBe(201);
    expect(acting.body.decisions[0]).toMatchObject({ outcome: 'REJECTED', recordedAs: 'ACTING_CHAIR' });
    expect(acting.body.decisions[0].decidedBy.name).toBeTruthy();
    const listed = await t.http.get(`${API}/proposals/${recusedChair}/decisions`).set(await t.as(FMU));
    expect(listed.body[0]).toMatchObject({ recordedAs: 'ACTING_CHAIR' });
    const audit = await t.http
      .get(`${API}/audit?entityId=${recusedChair}&action=decision.record`)
      .set(await t.as(FMU));
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      actorEmail: SC_UNDP,
      after: expect.objectContaining({ recordedAs: 'ACTING_CHAIR' }),
    });

    const byChair = await decide(CHAIR, free);
    expect(byChair.status).toBe(201);
    expect(byChair.body.recordedAs).toBe('CHAIR');
  });
});
