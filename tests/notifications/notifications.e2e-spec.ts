import { JobProducer } from '@mptf/platform';
import { doneWhenMatrix, insertProposal } from '../results/results-fixtures';
import { CHAIR, FMU, IOM, SC_DEU, SC_UNDP, submittedProposal, underReview } from '../review/review-fixtures';
import { insertProgramme } from '../support/programme-fixtures';
import { createTestContext, eventually, TestContext } from '../support/test-context';
import { startTestSmtpServer, TestSmtpServer } from '../support/test-smtp-server';
import { API, inbox, mailed, mailSettled, notified, referenceOf } from './notification-fixtures';

const SC_UNICEF = 'sc.unicef@mptf.test';
const UNICEF_FOCAL = 'unicef.focal@mptf.test';
const UNDP_FOCAL = 'undp.focal@mptf.test';
const COMMITTEE = [CHAIR, SC_DEU, SC_UNDP, SC_UNICEF].sort();

/**
 * Each event that waits for someone notifies exactly the people it waits for, in their bell and
 * by mail through a real SMTP server (smtp-server) the worker sends to with nodemailer.
 */
describe('notifications: who is told what, in the app and by mail', () => {
  let t: TestContext;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestContext({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://mptf.example.org' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    delete process.env.SMTP_URL;
    delete process.env.PUBLIC_URL;
  });

  const status = async (runId: string) =>
    (await t.http.get(`${API}/reports/${runId}`).set(await t.as(FMU))).body.status as string;

  it('tells who asked for a report when it is ready or failed, and the Committee when a pack is ready', async () => {
    const good = await insertProgramme(t.db, { title: 'Safe pathways' });
    const doomed = await insertProgramme(t.db, { title: 'Vanishing programme' });
    const onAgenda = await underReview(t);
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Pack meeting', date: '2026-09-01', proposalIds: [onAgenda] })
      .expect(201);
    const post = async (body: object) =>
      (
        await t.http
          .post(`${API}/reports`)
          .set(await t.as(FMU))
          .send(body)
          .expect(202)
      ).body.id as string;
    const ready = await post({
      type: 'PROGRAMME_FACTSHEET',
      format: 'csv',
      parameters: { programmeId: good },
    });
    const failing = await post({
      type: 'PROGRAMME_FACTSHEET',
      format: 'csv',
      parameters: { programmeId: doomed },
    });
    const pack = await post({
      type: 'DECISION_PACK',
      format: 'pdf',
      parameters: { meetingId: meeting.body.id },
    });
    // Before any worker runs: the second run's programme stops being one, so it fails for good.
    await t.db.query(`UPDATE proposals SET status = 'REJECTED' WHERE id = $1`, [doomed]);

    await t.startWorker();
    for (const [run, final] of [
      [ready, 'SUCCEEDED'],
      [failing, 'FAILED'],
      [pack, 'SUCCEEDED'],
    ])
      await eventually(async () => (await status(run)) === final, 60000);
    expect(await notified(t, 'REPORT_FINISHED', ready)).toEqual([FMU]);
    expect(await notified(t, 'REPORT_FAILED', failing)).toEqual([FMU]);
    expect(await notified(t, 'REPORT_FINISHED', failing)).toEqual([]);
    expect(await notified(t, 'REPORT_FINISHED', pack)).toEqual([FMU]);
    expect(await notified(t, 'MEETING_PACK_READY', meeting.body.id)).toEqual(COMMITTEE);
    expect(await mailed(t, smtp, 'Report ready')).toEqual([FMU, FMU]);
    expect(await mailed(t, smtp, 'Report failed')).toEqual([FMU]);
    expect(await mailed(t, smtp, 'Decision pack ready', '2026-09-01')).toEqual(COMMITTEE);
  });

  it('tells the fund unit of a submitted proposal, and nobody else', async () => {
    const id = await submittedProposal(t);
    const reference = await referenceOf(t, id);
    expect(await notified(t, 'PROPOSAL_SUBMITTED', id)).toEqual([FMU]);
    const [notice] = (await inbox(t, FMU)).filter((n) => n.item.id === id);
    expect(notice).toMatchObject({
      reference,
      link: `/proposals/${id}`,
      read: false,
      item: { type: 'proposal' },
    });

    expect(await mailed(t, smtp, 'Proposal submitted', reference)).toEqual([FMU]);
    const [mail] = smtp.mailTo(FMU).filter((m) => m.subject.includes(reference));
    expect(mail.text).toContain(`https://mptf.example.org/proposals/${id}`);
    expect(mail.from).toContain('@');
  });

  it('tells the members who may review a screened proposal: not a PUNO’s member, not one who declared a conflict', async () => {
    // IOM with UNICEF: UNICEF's member is recused; DEU's member declares a conflict first.
    const id = await submittedProposal(t);
    await t.http
      .post(`${API}/proposals/${id}/conflicts`)
      .set(await t.as(SC_DEU))
      .send({ reason: 'Our ministry co-funds the implementing partner' })
      .expect(201);
    await t.http
      .post(`${API}/proposals/${id}/screening`)
      .set(await t.as(FMU))
      .send({ outcome: 'PASS', comment: 'Eligible' })
      .expect(200);
    const reference = await referenceOf(t, id);
    expect(await notified(t, 'PROPOSAL_QUEUED_FOR_REVIEW', id)).toEqual([CHAIR, SC_UNDP]);
    expect(await mailed(t, smtp, 'Proposal queued for review', reference)).toEqual([CHAIR, SC_UNDP]);
  });

  it('tells its PUNOs’ focal points of a proposal returned at screening', async () => {
    const id = await submittedProposal(t);
    await t.http
      .post(`${API}/proposals/${id}/screening`)
      .set(await t.as(FMU))
      .send({ outcome: 'RETURN', comment: 'Cost the gender analysis' })
      .expect(200);
    const reference = await referenceOf(t, id);
    expect(await notified(t, 'PROPOSAL_RETURNED', id)).toEqual([IOM, UNICEF_FOCAL].sort());
    expect(await mailed(t, smtp, 'Proposal returned', reference)).toEqual([IOM, UNICEF_FOCAL].sort());
  });

  it('tells the Committee of a meeting’s agenda, and its PUNOs’ focal points of a decision', async () => {
    const id = await underReview(t);
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Third meeting of 2026', date: '2026-10-01', proposalIds: [id] })
      .expect(201);
    expect(await notified(t, 'MEETING_AGENDA_SET', meeting.body.id)).toEqual(COMMITTEE);
    expect(await mailed(t, smtp, 'Meeting agenda set', '2026-10-01')).toEqual(COMMITTEE);

    await t.http
      .post(`${API}/proposals/${id}/decision`)
      .set(await t.as(CHAIR))
      .send({
        outcome: 'REJECTED',
        justification: 'Overlaps with an active programme',
        meetingId: meeting.body.id,
      })
      .expect(201);
    const reference = await referenceOf(t, id);
    expect(await notified(t, 'DECISION_RECORDED', id)).toEqual([IOM, UNICEF_FOCAL].sort());
    expect(await mailed(t, smtp, 'Decision recorded', reference)).toEqual([IOM, UNICEF_FOCAL].sort());
  });

  it('tells the fund unit of a submitted actual, and the programme’s focal points when it is returned', async () => {
    const programmeId = await insertProposal(t.db, { orgCodes: ['IOM', 'UNDP'], thematicAreaCode: 2 });
    const matrix = await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(IOM))
      .send(doneWhenMatrix())
      .expect(200);
    const indicator = matrix.body.results
      .flatMap((r: { indicators: { id: string; key: string }[] }) => r.indicators)
      .find((i: { key: string }) => i.key === 'OC1.1');
    const actual = await t.http
      .post(`${API}/indicators/${indicator.id}/actuals`)
      .set(await t.as(IOM))
      .send({ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 45.5, narrative: 'Survey of 400' })
      .expect(201);
    await t.http
      .post(`${API}/actuals/${actual.body.id}/submit`)
      .set(await t.as(IOM))
      .expect(200);
    expect(await notified(t, 'ACTUAL_SUBMITTED', actual.body.id)).toEqual([FMU]);
    expect(await mailed(t, smtp, 'Results actual submitted')).toEqual([FMU]);

    await t.http
      .post(`${API}/actuals/${actual.body.id}/return`)
      .set(await t.as(FMU))
      .send({ comment: 'Add the sex breakdown' })
      .expect(200);
    expect(await notified(t, 'ACTUAL_RETURNED', actual.body.id)).toEqual([IOM, UNDP_FOCAL].sort());
    expect(await mailed(t, smtp, 'Results actual returned')).toEqual([IOM, UNDP_FOCAL].sort());
  });

  it('marks one’s own notification read; another’s is a 404; unread=true lists the unread only', async () => {
    const [first, second] = await inbox(t, FMU);
    const before = await t.http.get(`${API}/notifications?unread=true`).set(await t.as(FMU));
    expect(before.body.unread).toBe(before.body.total);
    expect(before.body.items.every((n: { read: boolean }) => !n.read)).toBe(true);

    await t.http
      .post(`${API}/notifications/${first.id}/read`)
      .set(await t.as(SC_UNDP))
      .expect(404);
    const read = await t.http
      .post(`${API}/notifications/${first.id}/read`)
      .set(await t.as(FMU))
      .expect(200);
    expect(read.body).toMatchObject({ id: first.id, read: true });
    const after = await t.http.get(`${API}/notifications?unread=true`).set(await t.as(FMU));
    expect(after.body.unread).toBe(before.body.unread - 1);
    expect(after.body.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect(after.body.items.map((n: { id: string }) => n.id)).toContain(second.id);
    // Newest first, and an unknown sort field is a 400 naming it.
    const all = await inbox(t, FMU);
    const times = all.map((n) => (n as unknown as { createdAt: string }).createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const bad = await t.http
      .get(`${API}/notifications?sort=colour`)
      .set(await t.as(FMU))
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'sort' })]);
  });

  it('mails nothing to one who turned mail off, and groups a digest by kind for one who chose it', async () => {
    await t.http
      .put(`${API}/me/notification-preferences`)
      .set(await t.as(UNICEF_FOCAL))
      .send({ mailOff: true, kinds: [] })
      .expect(200);
    const prefs = await t.http
      .put(`${API}/me/notification-preferences`)
      .set(await t.as(SC_DEU))
      .send({
        mailOff: false,
        kinds: [
          { kind: 'MEETING_AGENDA_SET', delivery: 'DIGEST' },
          { kind: 'PROPOSAL_QUEUED_FOR_REVIEW', delivery: 'DIGEST' },
        ],
      })
      .expect(200);
    expect(prefs.body.kinds).toContainEqual(
      expect.objectContaining({ kind: 'MEETING_AGENDA_SET', delivery: 'DIGEST' }),
    );
    expect(prefs.body.kinds).toContainEqual(
      expect.objectContaining({ kind: 'DECISION_RECORDED', delivery: 'IMMEDIATE' }),
    );
    await t.http
      .put(`${API}/me/notification-preferences`)
      .set(await t.as(SC_UNDP))
      .send({ mailOff: false, kinds: [{ kind: 'MEETING_AGENDA_SET', delivery: 'OFF' }] })
      .expect(200);

    const returned = await submittedProposal(t);
    await t.http
      .post(`${API}/proposals/${returned}/screening`)
      .set(await t.as(FMU))
      .send({ outcome: 'RETURN', comment: 'Missing workplan' })
      .expect(200);
    const reference = await referenceOf(t, returned);
    expect(await notified(t, 'PROPOSAL_RETURNED', returned)).toEqual([IOM, UNICEF_FOCAL].sort());
    expect(await mailed(t, smtp, 'Proposal returned', reference)).toEqual([IOM]);

    const queued = await underReview(t);
    for (const [title, date] of [
      ['Digest meeting one', '2026-11-01'],
      ['Digest meeting two', '2026-11-02'],
    ]) {
      const meeting = await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title, date, proposalIds: [queued] })
        .expect(201);
      expect(await notified(t, 'MEETING_AGENDA_SET', meeting.body.id)).toEqual(COMMITTEE);
      // DEU's member chose the digest and UNDP's no mail for agendas: only the chair and UNICEF's.
      expect(await mailed(t, smtp, 'Meeting agenda set', date)).toEqual([CHAIR, SC_UNICEF]);
    }
    expect(smtp.mailTo(SC_DEU).filter((m) => m.subject.includes('Daily digest'))).toEqual([]);

    await t.app.get(JobProducer).sendDigestsNow();
    const digest = await eventually(async () =>
      smtp.mailTo(SC_DEU).find((m) => m.subject.includes('Daily digest')),
    );
    expect(digest.subject).toBe('[Migration MPTF] Daily digest: 3 notifications');
    expect(digest.text).toContain('Proposal queued for review (1)');
    expect(digest.text).toContain('Meeting agenda set (2)');
    expect(digest.text).toContain('Digest meeting one');
    expect(digest.text).toContain('Digest meeting two');
    await mailSettled(t.db);
    // One digest, to DEU's member only; a second run finds nothing left to send.
    expect(smtp.received.filter((m) => m.subject.includes('Daily digest')).flatMap((m) => m.to)).toEqual([
      SC_DEU,
    ]);
    await t.app.get(JobProducer).sendDigestsNow();
    await new Promise((done) => setTimeout(done, 1500));
    await mailSettled(t.db);
    expect(smtp.received.filter((m) => m.subject.includes('Daily digest'))).toHaveLength(1);
  });

  it('records an address the server refuses for good (550) as bounced and shows it to the admin', async () => {
    smtp.refuse(UNDP_FOCAL);
    // An actual returned on a programme of IOM and UNDP mails both PUNOs' focal points.
    const programmeId = await insertProposal(t.db, { orgCodes: ['IOM', 'UNDP'], thematicAreaCode: 2 });
    const matrix = await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(IOM))
      .send(doneWhenMatrix())
      .expect(200);
    const indicatorId = matrix.body.results[0].indicators[0].id as string;
    const actual = await t.http
      .post(`${API}/indicators/${indicatorId}/actuals`)
      .set(await t.as(IOM))
      .send({ periodStart: '2025-01-01', periodEnd: '2025-12-31', value: 10, narrative: 'Bounce case' })
      .expect(201);
    await t.http
      .post(`${API}/actuals/${actual.body.id}/submit`)
      .set(await t.as(IOM))
      .expect(200);
    await t.http
      .post(`${API}/actuals/${actual.body.id}/return`)
      .set(await t.as(FMU))
      .send({ comment: 'Check the value' })
      .expect(200);
    await mailSettled(t.db);

    const outbox = await t.http
      .get(`${API}/admin/outbox?status=BOUNCED`)
      .set(await t.as('admin@mptf.test'))
      .expect(200);
    expect(outbox.body.mode).toBe('smtp');
    expect(outbox.body.items).toEqual([
      expect.objectContaining({
        to: UNDP_FOCAL,
        status: 'BOUNCED',
        attempts: 1,
        error: expect.stringContaining('550'),
      }),
    ]);
    const bounces = await t.http
      .get(`${API}/admin/outbox/bounces`)
      .set(await t.as('admin@mptf.test'))
      .expect(200);
    expect(bounces.body).toEqual([
      expect.objectContaining({
        address: UNDP_FOCAL,
        smtpCode: 550,
        user: expect.objectContaining({ name: expect.any(String) }),
      }),
    ]);
    // IOM's focal point still got theirs; UNDP's bell still shows it.
    expect(smtp.mailTo(IOM).filter((m) => m.subject.includes(actual.body.programmeReference))).toHaveLength(
      1,
    );
    expect(await notified(t, 'ACTUAL_RETURNED', actual.body.id)).toEqual([IOM, UNDP_FOCAL].sort());
    expect(smtp.mailTo(UNDP_FOCAL).filter((m) => m.subject.includes(actual.body.programmeReference))).toEqual(
      [],
    );
    await t.http
      .get(`${API}/admin/outbox`)
      .set(await t.as(FMU))
      .expect(403);
    await t.http
      .get(`${API}/admin/outbox/bounces`)
      .set(await t.as(FMU))
      .expect(403);
  });

  it('retries a message the server defers (4xx) until it is accepted', async () => {
    const sentBefore = smtp.mailTo(FMU).length;
    smtp.deferNext(1);
    const id = await submittedProposal(t);
    const reference = await referenceOf(t, id);
    const mail = await eventually(
      async () => smtp.mailTo(FMU).find((m) => m.subject.includes(reference)),
      30000,
    );
    expect(mail.subject).toContain('Proposal submitted');
    expect(smtp.mailTo(FMU)).toHaveLength(sentBefore + 1);
    const [row] = (await t.db.query(
      `SELECT status, attempts FROM outbox WHERE subject LIKE '%' || $1 || '%'`,
      [reference],
    )) as { status: string; attempts: number }[];
    expect(row).toEqual({ status: 'SENT', attempts: 2 });
  });
});
