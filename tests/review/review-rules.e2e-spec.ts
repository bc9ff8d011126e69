import { createTestContext, TestContext } from '../support/test-context';
import {
  API,
  CHAIR,
  FMU,
  inQueue,
  IOM,
  queueOf,
  SC_DEU,
  SC_UNDP,
  scorecard,
  submittedProposal,
  underReview,
} from './review-fixtures';

/** 400/403/404/409/422 of screening, the queue, reviews and conflicts; review rounds. */
describe('Steering Committee review rules', () => {
  let t: TestContext;
  const missing = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  describe('screening', () => {
    it('returns with a comment the agencies read; declares ineligible; refuses without a comment', async () => {
      const returned = await submittedProposal(t);
      const noComment = await t.http
        .post(`${API}/proposals/${returned}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'RETURN' });
      expect(noComment.status).toBe(400);
      expect(noComment.body.details).toEqual([
        { field: 'comment', message: expect.stringMatching(/required/) },
      ]);
      const withDate = await t.http
        .post(`${API}/proposals/${returned}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'RETURN', comment: 'x', reviewDueDate: '2030-01-01' });
      expect(withDate.status).toBe(400);
      const response = await t.http
        .post(`${API}/proposals/${returned}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'RETURN', comment: 'Justify the equipment line.' });
      expect(response.status).toBe(200);
      expect(response.body.status).toBe('RETURNED');
      const timeline = await t.http.get(`${API}/proposals/${returned}/timeline`).set(await t.as(IOM));
      expect(timeline.body.at(-1)).toMatchObject({
        toStatus: 'RETURNED',
        comment: 'Justify the equipment line.',
      });

      const ineligible = await submittedProposal(t);
      const declared = await t.http
        .post(`${API}/proposals/${ineligible}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'INELIGIBLE', comment: 'Border infrastructure is not financed.' });
      expect(declared.body.status).toBe('INELIGIBLE');
      const again = await t.http
        .post(`${API}/proposals/${ineligible}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'PASS' });
      expect(again.status).toBe(409);
      expect(again.body.details[0]).toMatchObject({ currentState: 'INELIGIBLE' });
    });

    it('takes an explicit due date, not one in the past; 400 on bad input, 403 for others, 404 unknown', async () => {
      const id = await submittedProposal(t);
      const past = await t.http
        .post(`${API}/proposals/${id}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'PASS', reviewDueDate: '2020-01-31' });
      expect(past.status).toBe(422);
      expect(past.body.details[0]).toMatchObject({ field: 'reviewDueDate' });
      const bad = await t.http
        .post(`${API}/proposals/${id}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'MAYBE', reviewDueDate: '2030-02-30' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'outcome',
        'reviewDueDate',
      ]);
      const chair = await t.http
        .post(`${API}/proposals/${id}/screening`)
        .set(await t.as(CHAIR))
        .send({ outcome: 'PASS' });
      expect(chair.status).toBe(403);
      const unknown = await t.http
        .post(`${API}/proposals/${missing}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'PASS' });
      expect(unknown.status).toBe(404);
      const ok = await t.http
        .post(`${API}/proposals/${id}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'PASS', reviewDueDate: '2030-01-31' });
      expect(ok.body).toMatchObject({ status: 'UNDER_REVIEW', reviewDueDate: '2030-01-31' });
    });
  });

  describe('the review queue', () => {
    it('is ordered by due date with overdue ones flagged; only for SC members and the chair', async () => {
      const later = await underReview(t);
      const overdue = await underReview(t);
      await t.db.query(`UPDATE proposals SET review_due_date = current_date + 40 WHERE id = $1`, [later]);
      await t.db.query(`UPDATE proposals SET review_due_date = current_date - 3 WHERE id = $1`, [overdue]);
      const queue = await queueOf(t, SC_DEU);
      const mine = queue.filter((item) => [later, overdue].includes(item.proposalId));
      expect(mine).toEqual([
        expect.objectContaining({ proposalId: overdue, overdue: true }),
        expect.objectContaining({ proposalId: later, overdue: false }),
      ]);
      const dates = queue.map((item) => (item as unknown as { reviewDueDate: string }).reviewDueDate);
      expect([...dates].sort()).toEqual(dates);
      expect((await t.http.get(`${API}/review-queue`).set(await t.as(FMU))).status).toBe(403);
      expect((await t.http.get(`${API}/review-queue`).set(await t.as(IOM))).status).toBe(403);
    });
  });

  describe('scorecards', () => {
    it('needs every criterion once (422), scores 1–5 (400), a proposal under review (409), a SC member (403)', async () => {
      const id = await underReview(t);
      const unknown = await t.http
        .post(`${API}/proposals/${id}/reviews`)
        .set(await t.as(SC_DEU))
        .send({
          scores: [...scorecard([4, 4, 4, 4, 4]).scores.slice(0, 5), { criterionCode: 'BEAUTY', score: 3 }],
          recommendation: 'APPROVE',
          comment: 'x',
        });
      expect(unknown.status).toBe(422);
      expect(unknown.body.details.map((d: { rule: string }) => d.rule).sort()).toEqual([
        'MISSING_CRITERION',
        'UNKNOWN_CRITERION',
      ]);
      const range = await t.http
        .post(`${API}/proposals/${id}/reviews`)
        .set(await t.as(SC_DEU))
        .send(scorecard([6, 4, 4, 4, 4, 0]));
      expect(range.status).toBe(400);
      expect(range.body.details.map((d: { field: string }) => d.field)).toEqual([
        'scores.0.score',
        'scores.5.score',
      ]);
      const recommendation = await t.http
        .post(`${API}/proposals/${id}/reviews`)
        .set(await t.as(SC_DEU))
        .send({ ...scorecard([4, 4, 4, 4, 4, 4]), recommendation: 'MAYBE', extra: 1 });
      expect(recommendation.status).toBe(400);
      const focal = await t.http
        .post(`${API}/proposals/${id}/reviews`)
        .set(await t.as(IOM))
        .send(scorecard([4, 4, 4, 4, 4, 4]));
      expect(focal.status).toBe(403);
      const unknownProposal = await t.http
        .post(`${API}/proposals/${missing}/reviews`)
        .set(await t.as(SC_DEU))
        .send(scorecard([4, 4, 4, 4, 4, 4]));
      expect(unknownProposal.status).toBe(404);
      const notUuid = await t.http.get(`${API}/proposals/not-a-uuid/reviews`).set(await t.as(SC_DEU));
      expect(notUuid.status).toBe(400);

      const submitted = await submittedProposal(t);
      const early = await t.http
        .post(`${API}/proposals/${submitted}/reviews`)
        .set(await t.as(SC_DEU))
        .send(scorecard([4, 4, 4, 4, 4, 4]));
      expect(early.status).toBe(409);
      expect(early.body.details[0]).toMatchObject({ currentState: 'SUBMITTED' });
    });

    it('excludes the review of a member who declares a conflict after reviewing', async () => {
      const id = await underReview(t);
      for (const [email, score] of [
        [SC_DEU, 5],
        [SC_UNDP, 3],
      ] as const) {
        const response = await t.http
          .post(`${API}/proposals/${id}/reviews`)
          .set(await t.as(email))
          .send(scorecard(Array(6).fill(score)));
        expect(response.status).toBe(201);
      }
      const before = await t.http.get(`${API}/proposals/${id}/reviews`).set(await t.as(CHAIR));
      expect(before.body.summary).toMatchObject({ count: 2, weightedScore: '75.00' });
      await t.http
        .post(`${API}/proposals/${id}/conflicts`)
        .set(await t.as(SC_DEU))
        .send({ reason: 'Learned that our development agency co-funds it' })
        .expect(201);
      const after = await t.http.get(`${API}/proposals/${id}/reviews`).set(await t.as(CHAIR));
      expect(after.body.summary).toEqual({
        count: 1,
        weightedScore: '50.00',
        recommendations: { APPROVE: 1, REVISE: 0, REJECT: 0 },
      });
      expect(
        after.body.reviews.find((r: { reviewer: { name: string } }) => /Germany/.test(r.reviewer.name)),
      ).toMatchObject({
        counted: false,
      });
      // The recused member no longer sees the others' reviews.
      const recused = await t.http.get(`${API}/proposals/${id}/reviews`).set(await t.as(SC_DEU));
      expect(recused.body).toMatchObject({ visibility: 'OWN_ONLY', summary: null });
      expect(recused.body.reviews).toHaveLength(1);
    });

    it('starts a new round when a proposal comes back after a revision request', async () => {
      const id = await underReview(t);
      await t.http
        .post(`${API}/proposals/${id}/reviews`)
        .set(await t.as(SC_UNDP))
        .send(scorecard([2, 2, 2, 2, 2, 2], 'REVISE'))
        .expect(201);
      const decision = await t.http
        .post(`${API}/proposals/${id}/decision`)
        .set(await t.as(CHAIR))
        .send({
          outcome: 'REVISION_REQUESTED',
          justification: 'Clarify the role of the Ministry of Labour.',
        });
      expect(decision.status).toBe(201);
      expect(decision.body).toMatchObject({
        outcome: 'REVISION_REQUESTED',
        status: 'REVISION_REQUESTED',
        round: 1,
      });
      expect(await inQueue(t, SC_UNDP, id)).toBe(false);

      await t.http
        .patch(`${API}/proposals/${id}`)
        .set(await t.as(IOM))
        .send({ summary: 'Revised: the Ministry of Labour leads the recruitment reform component.' })
        .expect(200);
      await t.http
        .post(`${API}/proposals/${id}/submit`)
        .set(await t.as(IOM))
        .expect(200);
      const screened = await t.http
        .post(`${API}/proposals/${id}/screening`)
        .set(await t.as(FMU))
        .send({ outcome: 'PASS' });
      expect(screened.body).toMatchObject({ status: 'UNDER_REVIEW', reviewRound: 2 });
      expect(await inQueue(t, SC_UNDP, id)).toBe(true);

      const current = await t.http.get(`${API}/proposals/${id}/reviews`).set(await t.as(CHAIR));
      expect(current.body).toMatchObject({
        round: 2,
        currentRound: 2,
        reviews: [],
        summary: { count: 0, weightedScore: null },
      });
      const first = await t.http.get(`${API}/proposals/${id}/reviews?round=1`).set(await t.as(CHAIR));
      expect(first.body.summary).toMatchObject({ count: 1, weightedScore: '25.00' });
      // Round 1 is closed: the member who did not review it may now read it.
      const closed = await t.http.get(`${API}/proposals/${id}/reviews?round=1`).set(await t.as(SC_DEU));
      expect(closed.body.visibility).toBe('ALL');
      expect((await t.http.get(`${API}/proposals/${id}/reviews?round=3`).set(await t.as(CHAIR))).status).toBe(
        404,
      );

      const again = await t.http
        .post(`${API}/proposals/${id}/reviews`)
        .set(await t.as(SC_UNDP))
        .send(scorecard([4, 4, 4, 4, 4, 4]));
      expect(again.status).toBe(201);
      expect(again.body.round).toBe(2);
    });
  });

  describe('conflicts', () => {
    it('are declared by SC members only, with a reason', async () => {
      const id = await underReview(t);
      expect(
        (
          await t.http
            .post(`${API}/proposals/${id}/conflicts`)
            .set(await t.as(FMU))
            .send({ reason: 'x' })
        ).status,
      ).toBe(403);
      expect(
        (
          await t.http
            .post(`${API}/proposals/${id}/conflicts`)
            .set(await t.as(SC_UNDP))
            .send({ reason: '  ' })
        ).status,
      ).toBe(400);
      expect(
        (
          await t.http
            .post(`${API}/proposals/${missing}/conflicts`)
            .set(await t.as(SC_UNDP))
            .send({ reason: 'x' })
        ).status,
      ).toBe(404);
    });
  });
});
