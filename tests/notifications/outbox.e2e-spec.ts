import { FMU, submittedProposal } from '../review/review-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { API, mailSettled, notified, referenceOf } from './notification-fixtures';

const ADMIN = 'admin@mptf.test';

/** The embedded default: no SMTP_URL, so the mail job keeps each message for the admin to read. */
describe('notification mail without SMTP: kept in the outbox', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ env: { SMTP_URL: undefined } });
    await t.startWorker();
  });
  afterAll(() => t.close());

  it('keeps the message for the admin, who reads it in the outbox', async () => {
    const id = await submittedProposal(t);
    const reference = await referenceOf(t, id);
    expect(await notified(t, 'PROPOSAL_SUBMITTED', id)).toEqual([FMU]);
    await mailSettled(t.db);

    const outbox = await t.http
      .get(`${API}/admin/outbox`)
      .set(await t.as(ADMIN))
      .expect(200);
    expect(outbox.body).toMatchObject({ mode: 'outbox', total: 1, page: 1 });
    expect(outbox.body.items).toEqual([
      expect.objectContaining({
        to: FMU,
        subject: `[Migration MPTF] Proposal submitted: ${reference}`,
        kind: 'IMMEDIATE',
        status: 'KEPT',
        body: expect.stringContaining(`/proposals/${id}`),
        sentAt: expect.any(String),
      }),
    ]);
    const filtered = await t.http
      .get(`${API}/admin/outbox?status=SENT`)
      .set(await t.as(ADMIN))
      .expect(200);
    expect(filtered.body.total).toBe(0);
    const bad = await t.http
      .get(`${API}/admin/outbox?status=LOST`)
      .set(await t.as(ADMIN))
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'status' })]);
    // q= searches address and subject by prefix; sort= takes known fields only.
    const admin = await t.as(ADMIN);
    const found = await t.http.get(`${API}/admin/outbox?q=fmu&sort=-status,to`).set(admin).expect(200);
    expect(found.body.total).toBe(1);
    const bySubject = await t.http.get(`${API}/admin/outbox?q=${reference}`).set(admin).expect(200);
    expect(bySubject.body.total).toBe(1);
    const none = await t.http.get(`${API}/admin/outbox?q=unicef`).set(admin).expect(200);
    expect(none.body.total).toBe(0);
    const badSort = await t.http.get(`${API}/admin/outbox?sort=colour`).set(admin).expect(400);
    expect(badSort.body.details).toEqual([expect.objectContaining({ field: 'sort' })]);
    // The bell's list searches the item's reference and title the same way.
    const fmu = await t.as(FMU);
    const mine = await t.http.get(`${API}/notifications?q=${reference}`).set(fmu).expect(200);
    expect(mine.body.items.map((n: { item: { id: string } }) => n.item.id)).toEqual([id]);
    const byWord = await t.http.get(`${API}/notifications?q=labour`).set(fmu).expect(200);
    expect(byWord.body.total).toBe(1);
    const elsewhere = await t.http.get(`${API}/notifications?q=MIG-1999`).set(fmu).expect(200);
    expect(elsewhere.body).toMatchObject({ total: 0, items: [], unread: 1 });
  });

  it('refuses preferences naming an unknown kind or delivery, field by field', async () => {
    const response = await t.http
      .put(`${API}/me/notification-preferences`)
      .set(await t.as(FMU))
      .send({
        mailOff: false,
        kinds: [
          { kind: 'WEATHER_REPORT', delivery: 'IMMEDIATE' },
          { kind: 'PROPOSAL_SUBMITTED', delivery: 'WEEKLY' },
        ],
      })
      .expect(400);
    expect(response.body.details).toEqual([
      { field: 'kinds[0].kind', message: 'WEATHER_REPORT is not a kind of notification' },
      { field: 'kinds[1].delivery', message: 'must be one of OFF, IMMEDIATE, DIGEST' },
    ]);
    const unchanged = await t.http
      .get(`${API}/me/notification-preferences`)
      .set(await t.as(FMU))
      .expect(200);
    expect(unchanged.body.mailOff).toBe(false);
    expect(unchanged.body.kinds.every((k: { delivery: string }) => k.delivery === 'IMMEDIATE')).toBe(true);
  });
});
