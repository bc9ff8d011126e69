import { createTestContext, TestContext } from '../support/test-context';
import { API, CHAIR, FMU, SC_UNDP, submittedProposal, underReview } from './review-fixtures';

const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** PUT /sc-meetings/:id/agenda: the FMU edits an agenda until the meeting starts or decides. */
describe('a meeting agenda edited until the meeting starts', () => {
  let t: TestContext;
  let first: string;
  let screenedLater: string;

  const meeting = async (date: string, proposalIds: string[]) => {
    const response = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: `Session of ${date}`, date, proposalIds });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const putAgenda = async (meetingId: string, proposalIds: string[], as = FMU) =>
    t.http
      .put(`${API}/sc-meetings/${meetingId}/agenda`)
      .set(await t.as(as))
      .send({ proposalIds });

  beforeAll(async () => {
    t = await createTestContext();
    first = await underReview(t, { title: 'Safe return and reintegration in Honduras' });
    screenedLater = await underReview(t, { title: 'Labour mobility in the Sahel' });
  });
  afterAll(() => t.close());

  it('adds a proposal screened after the meeting was created, in the order given', async () => {
    const id = await meeting(daysFromToday(20), [first]);
    const response = await putAgenda(id, [screenedLater, first]);
    expect(response.status).toBe(200);
    expect(response.body.agenda.map((item: { proposalId: string }) => item.proposalId)).toEqual([
      screenedLater,
      first,
    ]);
    const read = await t.http.get(`${API}/sc-meetings/${id}`).set(await t.as(CHAIR));
    expect(read.body.proposalCount).toBe(2);
    // The pack's figures stand for the moment the agenda was last set.
    const [row] = (await t.db.query(
      'SELECT agenda_set_at > created_at AS moved FROM sc_meetings WHERE id = $1',
      [id],
    )) as { moved: boolean }[];
    expect(row.moved).toBe(true);
    const audit = await t.http.get(`${API}/audit?entityType=sc-meeting&entityId=${id}`).set(await t.as(FMU));
    expect(JSON.stringify(audit.body)).toContain('meeting.agenda');
  });

  it('refuses a proposal not yet screened (409 naming it) and an unknown one (422)', async () => {
    const id = await meeting(daysFromToday(30), [first]);
    const submitted = await submittedProposal(t, { title: 'Not yet screened' });
    const notScreened = await putAgenda(id, [first, submitted]);
    expect(notScreened.status).toBe(409);
    expect(notScreened.body.details[0]).toMatchObject({ field: 'proposalIds[1]', currentState: 'SUBMITTED' });
    const unknown = await putAgenda(id, ['00000000-0000-4000-8000-000000000001']);
    expect(unknown.status).toBe(422);
    expect(unknown.body.details[0].field).toBe('proposalIds[0]');
    const unchanged = await t.http.get(`${API}/sc-meetings/${id}`).set(await t.as(FMU));
    expect(unchanged.body.agenda.map((item: { proposalId: string }) => item.proposalId)).toEqual([first]);
  });

  it('is refused once the meeting has started (its date has come)', async () => {
    const id = await meeting(daysFromToday(0), [first]);
    const response = await putAgenda(id, [first, screenedLater]);
    expect(response.status).toBe(409);
    expect(response.body.details[0].rule).toBe('MEETING_STARTED');
  });

  it('is refused once a decision is recorded at the meeting', async () => {
    const rejected = await underReview(t, { title: 'Duplicates existing work' });
    const id = await meeting(daysFromToday(40), [rejected, first]);
    const decided = await t.http
      .post(`${API}/proposals/${rejected}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'REJECTED', justification: 'Duplicates existing work', meetingId: id });
    expect(decided.status).toBe(201);
    const response = await putAgenda(id, [first]);
    expect(response.status).toBe(409);
    expect(response.body.details[0].rule).toBe('MEETING_DECIDED');
  });

  it('is the FMU’s: a member gets 403, and bad bodies a 400 naming the field', async () => {
    const id = await meeting(daysFromToday(50), [first]);
    expect((await putAgenda(id, [first], SC_UNDP)).status).toBe(403);
    const empty = await putAgenda(id, []);
    expect(empty.status).toBe(400);
    expect(empty.body.details[0].field).toBe('proposalIds');
    const unknownMeeting = await putAgenda('00000000-0000-4000-8000-000000000002', [first]);
    expect(unknownMeeting.status).toBe(404);
  });
});
