import { createTestContext, TestContext } from '../support/test-context';
import {
  API,
  CHAIR,
  deposit,
  FMU,
  FULL_ALLOCATIONS,
  inQueue,
  IOM,
  queueOf,
  REQUESTED_TOTAL,
  SC_DEU,
  SC_UNDP,
  SC_UNICEF,
  scorecard,
  submittedProposal,
} from './review-fixtures';

/**
 * Issue 5, "Done when": a proposal of IOM with UNICEF is screened, is in the queues of the UNDP and
 * Germany members but not the UNICEF member's (403 on review), a member who declares a conflict
 * drops out, the chair sees the weighted score and the pack with balance-if-approved, approving
 * beyond the funds available gives 409 with the amount, approving within creates the allocation,
 * and screening, reviews and decision are in the audit trail.
 */
describe('Steering Committee review: done when', () => {
  let t: TestContext;
  let id: string;
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestContext();
    id = await submittedProposal(t);
  });
  afterAll(() => t.close());

  it('the FMU screens it: UNDER_REVIEW, review round 1, due today + the review window', async () => {
    const settings = (await t.http.get(`${API}/settings/fund`).set(await t.as(FMU))).body;
    const response = await t.http
      .post(`${API}/proposals/${id}/screening`)
      .set(await t.as(FMU))
      .send({ outcome: 'PASS', comment: 'Eligible; forwarded to the Steering Committee' });
    expect(response.status).toBe(200);
    const due = new Date();
    due.setUTCDate(due.getUTCDate() + settings.reviewWindowDays);
    expect(response.body).toMatchObject({
      id,
      status: 'UNDER_REVIEW',
      reviewRound: 1,
      reviewDueDate: due.toISOString().slice(0, 10),
    });
    // The screening comment is in the timeline the agencies' focal points read.
    const timeline = await t.http.get(`${API}/proposals/${id}/timeline`).set(await t.as(IOM));
    expect(timeline.body.at(-1)).toMatchObject({
      fromStatus: 'SUBMITTED',
      toStatus: 'UNDER_REVIEW',
      comment: 'Eligible; forwarded to the Steering Committee',
    });
  });

  it('is in the queues of the UNDP and Germany members and the chair, not the UNICEF member’s', async () => {
    const undp = await queueOf(t, SC_UNDP);
    expect(undp).toEqual([
      {
        proposalId: id,
        reference: expect.stringMatching(/^MIG-\d{4}-\d{4}$/),
        title: expect.any(String),
        thematicAreaCode: 4,
        total: REQUESTED_TOTAL,
        reviewDueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        overdue: false,
        reviewRound: 1,
      },
    ]);
    expect(await inQueue(t, SC_DEU, id)).toBe(true);
    expect(await inQueue(t, CHAIR, id)).toBe(true);
    expect(await inQueue(t, SC_UNICEF, id)).toBe(false);
  });

  it('refuses the UNICEF member’s review: recused, their organization is a PUNO', async () => {
    const response = await t.http
      .post(`${API}/proposals/${id}/reviews`)
      .set(await t.as(SC_UNICEF))
      .send(scorecard([5, 5, 5, 5, 5, 5]));
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/recused/);
    const recusal = await t.http.get(`${API}/proposals/${id}/recusal`).set(await t.as(SC_UNICEF));
    expect(recusal.body).toMatchObject({ recused: true, reason: 'PUNO' });
  });

  it('drops a member who declares a conflict: out of the queue, 403 on review', async () => {
    const declared = await t.http
      .post(`${API}/proposals/${id}/conflicts`)
      .set(await t.as(SC_DEU))
      .send({ reason: 'My ministry co-finances the Nepal country programme of IOM' });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ proposalId: id, recused: true });
    expect(await inQueue(t, SC_DEU, id)).toBe(false);
    const review = await t.http
      .post(`${API}/proposals/${id}/reviews`)
      .set(await t.as(SC_DEU))
      .send(scorecard([4, 4, 4, 4, 4, 4]));
    expect(review.status).toBe(403);
    const again = await t.http
      .post(`${API}/proposals/${id}/conflicts`)
      .set(await t.as(SC_DEU))
      .send({ reason: 'again' });
    expect(again.status).toBe(409);
  });

  it('collects scorecards; a member sees the others only after their own; the chair sees the weighted score', async () => {
    const chairReview = await t.http
      .post(`${API}/proposals/${id}/reviews`)
      .set(await t.as(CHAIR))
      .send(scorecard([5, 4, 4, 4, 3, 3], 'APPROVE'));
    expect(chairReview.status).toBe(201);
    expect(chairReview.body).toMatchObject({ round: 1, weightedScore: '73.75', counted: true });
    expect(await inQueue(t, CHAIR, id)).toBe(false);

    const before = await t.http.get(`${API}/proposals/${id}/reviews`).set(await t.as(SC_UNDP));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ visibility: 'OWN_ONLY', reviews: [], summary: null });

    const undpReview = await t.http
      .post(`${API}/proposals/${id}/reviews`)
      .set(await t.as(SC_UNDP))
      .send(scorecard([4, 4, 3, 3, 3, 2], 'REVISE', 'Add baselines to the results framework.'));
    expect(undpReview.status).toBe(201);
    expect(undpReview.body.weightedScore).toBe('57.50');
    expect(await inQueue(t, SC_UNDP, id)).toBe(false);

    const after = await t.http.get(`${API}/proposals/${id}/reviews`).set(await t.as(SC_UNDP));
    expect(after.body.visibility).toBe('ALL');
    expect(after.body.reviews).toHaveLength(2);

    const duplicate = await t.http
      .post(`${API}/proposals/${id}/reviews`)
      .set(await t.as(SC_UNDP))
      .send(scorecard([5, 5, 5, 5, 5, 5]));
    expect(duplicate.status).toBe(409);

    const chair = await t.http.get(`${API}/proposals/${id}/reviews`).set(await t.as(CHAIR));
    expect(chair.body.summary).toEqual({
      count: 2,
      weightedScore: '65.63', // (73.75 + 57.50) / 2 = 65.625
      recommendations: { APPROVE: 1, REVISE: 1, REJECT: 0 },
    });
    const fmu = await t.http.get(`${API}/proposals/${id}/reviews`).set(await t.as(FMU));
    expect(fmu.body.summary.count).toBe(2);
  });

  it('the chair sees the decision pack with the balance if approved and the funds available', async () => {
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Steering Committee — 2026 fourth session', date: '2026-12-10', proposalIds: [id] });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id;
    expect(meeting.body.agenda).toEqual([
      expect.objectContaining({
        position: 1,
        proposalId: id,
        status: 'UNDER_REVIEW',
        total: REQUESTED_TOTAL,
      }),
    ]);

    const pack = await t.http.get(`${API}/sc-meetings/${meetingId}/pack`).set(await t.as(CHAIR));
    expect(pack.status).toBe(200);
    expect(pack.body.proposals).toEqual([
      expect.objectContaining({
        proposalId: id,
        thematicAreaCode: 4,
        countryCodes: ['NPL'],
        regions: ['Asia'],
        markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
        budget: expect.objectContaining({
          total: REQUESTED_TOTAL,
          byOrganization: [
            { orgCode: 'IOM', total: '369150.54' },
            { orgCode: 'UNICEF', total: '214000.27' },
          ],
        }),
        reviewCount: 2,
        weightedScore: '65.63',
        recommendations: { APPROVE: 1, REVISE: 1, REJECT: 0 },
        fundable: false,
      }),
    ]);
    expect(pack.body.availableFunds).toBe('0.00');
    expect(pack.body.balance.current.byThematicArea).toEqual({
      '1': '0.0000',
      '2': '0.0000',
      '3': '0.0000',
      '4': '0.0000',
      '5': '0.0000',
    });
    expect(pack.body.balance.ifApproved[id].byThematicArea['4']).toBe('1.0000');
    expect(pack.body.balance.ifApproved[id].byRegion).toEqual({ Asia: '1.0000', Global: '0.0000' });
  });

  it('approving beyond the funds available is refused with 409 and the amount available', async () => {
    await deposit(t, '500000.00');
    const response = await t.http
      .post(`${API}/proposals/${id}/decision`)
      .set(await t.as(CHAIR))
      .send({
        outcome: 'APPROVED',
        justification: 'Strong proposal',
        allocations: FULL_ALLOCATIONS,
        meetingId,
      });
    expect(response.status).toBe(409);
    expect(response.body.details).toEqual([
      { rule: 'AVAILABLE_FUNDS', message: expect.any(String), available: '495000.00' },
    ]);
    const detail = await t.http.get(`${API}/proposals/${id}`).set(await t.as(CHAIR));
    expect(detail.body.status).toBe('UNDER_REVIEW');
    expect((await t.http.get(`${API}/proposals/${id}/decisions`).set(await t.as(CHAIR))).body).toEqual([]);
  });

  it('approving within them records the decision and creates the allocation', async () => {
    await deposit(t, '200000.00');
    const response = await t.http
      .post(`${API}/proposals/${id}/decision`)
      .set(await t.as(CHAIR))
      .send({
        outcome: 'APPROVED',
        justification: 'High quality; fills a gap in South Asia on fair recruitment.',
        conditions: 'Baselines in the inception report.',
        allocations: FULL_ALLOCATIONS,
        meetingId,
      });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      proposalId: id,
      meetingId,
      round: 1,
      fromStatus: 'UNDER_REVIEW',
      outcome: 'APPROVED',
      status: 'APPROVED',
      totalAllocated: REQUESTED_TOTAL,
      allocations: FULL_ALLOCATIONS,
    });
    const programmes = await t.http.get(`${API}/programmes`).set(await t.as(FMU));
    expect(programmes.body.items).toEqual([
      expect.objectContaining({ id, status: 'APPROVED', allocated: REQUESTED_TOTAL, transferred: '0.00' }),
    ]);
    const decisions = await t.http.get(`${API}/proposals/${id}/decisions`).set(await t.as(IOM));
    expect(decisions.status).toBe(200);
    expect(decisions.body).toHaveLength(1);
    const meeting = await t.http.get(`${API}/sc-meetings/${meetingId}`).set(await t.as(SC_UNDP));
    expect(meeting.body.agenda[0].decision).toMatchObject({ outcome: 'APPROVED' });
    // Decided: out of every queue.
    expect(await inQueue(t, SC_UNDP, id)).toBe(false);
  });

  it('has screening, conflict, reviews and the decision in the audit trail', async () => {
    const audit = await t.http
      .get(`${API}/audit?entityType=proposal&entityId=${id}&pageSize=200`)
      .set(await t.as(FMU));
    const actions = audit.body.items.map((event: { action: string }) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'proposal.screen-pass',
        'review.conflict-declare',
        'review.submit',
        'decision.record',
        'proposal.decide-approve',
      ]),
    );
    expect(actions.filter((action: string) => action === 'review.submit')).toHaveLength(2);
    const decision = audit.body.items.find((event: { action: string }) => event.action === 'decision.record');
    expect(decision).toMatchObject({
      actorEmail: CHAIR,
      after: expect.objectContaining({ outcome: 'APPROVED', justification: expect.any(String) }),
    });
    const programme = await t.http
      .get(`${API}/audit?entityType=programme&entityId=${id}`)
      .set(await t.as(FMU));
    expect(programme.body.items.map((event: { action: string }) => event.action)).toContain(
      'programme.allocate',
    );
  });

  it('keeps decisions, reviews and conflicts immutable in the database', async () => {
    await expect(t.db.query(`UPDATE sc_decisions SET justification = 'changed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM reviews')).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM review_conflicts')).rejects.toThrow(/append-only/);
  });
});
