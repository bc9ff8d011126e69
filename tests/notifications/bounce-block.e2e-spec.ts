import { FMU, submittedProposal } from '../review/review-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { startTestSmtpServer, TestSmtpServer } from '../support/test-smtp-server';
import { API, mailSettled, referenceOf } from './notification-fixtures';

const ADMIN = 'admin@mptf.test';

/**
 * An address that bounced (5xx) is blocked: no more mail goes to it, even when the server would
 * take it, until the admin clears the bounce. Through a real SMTP server (smtp-server).
 */
describe('notification mail: a bounced address is blocked until the admin clears it', () => {
  let t: TestContext;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestContext({ env: { SMTP_URL: smtp.url } });
    await t.startWorker();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    delete process.env.SMTP_URL;
  });

  const statusOf = async (reference: string) => {
    await mailSettled(t.db);
    const page = await t.http
      .get(`${API}/admin/outbox?q=${reference}`)
      .set(await t.as(ADMIN))
      .expect(200);
    return page.body.items.map((m: { to: string; status: string }) => `${m.to}:${m.status}`);
  };
  const mailsAbout = (reference: string) =>
    smtp.mailTo(FMU).filter((mail) => mail.subject.includes(reference)).length;

  it('sends nothing more to the address after a bounce, and again once the admin clears it', async () => {
    smtp.refuse(FMU);
    const first = await referenceOf(t, await submittedProposal(t));
    expect(await statusOf(first)).toEqual([`${FMU}:BOUNCED`]);

    // The mailbox works again at the server, but the fund does not try it until the admin says so.
    smtp.accept(FMU);
    const second = await referenceOf(t, await submittedProposal(t));
    expect(await statusOf(second)).toEqual([`${FMU}:BLOCKED`]);
    expect(mailsAbout(second)).toBe(0);

    const admin = await t.as(ADMIN);
    const bounces = await t.http.get(`${API}/admin/outbox/bounces`).set(admin).expect(200);
    expect(bounces.body).toEqual([
      expect.objectContaining({ address: FMU, smtpCode: 550, blocked: true, clearedAt: null }),
    ]);
    const blocked = await t.http.get(`${API}/admin/outbox?status=BLOCKED`).set(admin).expect(200);
    expect(blocked.body.total).toBe(1);

    // Only the admin clears; an address that never bounced is a 404.
    await t.http
      .post(`${API}/admin/outbox/bounces/${encodeURIComponent(FMU)}/clear`)
      .set(await t.as(FMU))
      .expect(403);
    await t.http
      .post(`${API}/admin/outbox/bounces/${encodeURIComponent('nobody@mptf.test')}/clear`)
      .set(admin)
      .expect(404);
    const cleared = await t.http
      .post(`${API}/admin/outbox/bounces/${encodeURIComponent(FMU.toUpperCase())}/clear`)
      .set(admin)
      .expect(200);
    expect(cleared.body).toMatchObject({ address: FMU, blocked: false, clearedAt: expect.any(String) });

    const third = await referenceOf(t, await submittedProposal(t));
    expect(await statusOf(third)).toEqual([`${FMU}:SENT`]);
    expect(mailsAbout(third)).toBe(1);

    // A new bounce blocks it again.
    smtp.refuse(FMU);
    const fourth = await referenceOf(t, await submittedProposal(t));
    expect(await statusOf(fourth)).toEqual([`${FMU}:BOUNCED`]);
    smtp.accept(FMU);
    const fifth = await referenceOf(t, await submittedProposal(t));
    expect(await statusOf(fifth)).toEqual([`${FMU}:BLOCKED`]);
    const again = await t.http.get(`${API}/admin/outbox/bounces`).set(admin).expect(200);
    expect(again.body).toEqual([expect.objectContaining({ address: FMU, blocked: true, count: 2 })]);
  });
});
