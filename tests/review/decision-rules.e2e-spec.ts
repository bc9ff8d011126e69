import { createTestContext, TestContext } from '../support/test-context';
import {
  API,
  CHAIR,
  FMU,
  FULL_ALLOCATIONS,
  IOM,
  SC_UNDP,
  submittedProposal,
  underReview,
} from './review-fixtures';

/** 400/403/404/409/422 of meetings and decisions. */
describe('Steering Committee meeting and decision rules', () => {
  let t: TestContext;
  const missing = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  describe('meetings', () => {
    it('take proposals under review or in the pipeline only', async () => {
      const ready = await underReview(t);
      const submitted = await submittedProposal(t);
      const wrong = await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title: 'SC', date: '2027-01-20', proposalIds: [ready, submitted] });
      expect(wrong.status).toBe(409);
      expect(wrong.body.details).toEqual([
        expect.objectContaining({
          field: 'proposalIds[1]',
          proposalId: submitted,
          currentState: 'SUBMITTED',
        }),
      ]);
      const unknown = await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title: 'SC', date: '2027-01-20', proposalIds: [missing] });
      expect(unknown.status).toBe(422);
      const empty = await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title: ' ', date: '2027-13-01', proposalIds: [] });
      expect(empty.status).toBe(400);
      expect(empty.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'date',
        'proposalIds',
        'title',
      ]);
      const member = await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(SC_UNDP))
        .send({ title: 'SC', date: '2027-01-20', proposalIds: [ready] });
      expect(member.status).toBe(403);
      const created = await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title: 'SC 2027/1', date: '2027-01-20', proposalIds: [ready] });
      expect(created.status).toBe(201);
      const list = await t.http.get(`${API}/sc-meetings`).set(await t.as(SC_UNDP));
      expect(list.body).toMatchObject({ total: expect.any(Number), page: 1 });
      expect(list.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: created.body.id, proposalCount: 1, decisionCount: 0 }),
        ]),
      );
      expect((await t.http.get(`${API}/sc-meetings/${missing}`).set(await t.as(FMU))).status).toBe(404);
      expect((await t.http.get(`${API}/sc-meetings/${missing}/pack`).set(await t.as(FMU))).status).toBe(404);
      expect((await t.http.get(`${API}/sc-meetings`).set(await t.as(IOM))).status).toBe(403);
    });
  });

  describe('decisions', () => {
    it('answer 400 naming the field when allocations or batch entries are not objects, alone and in a batch', async () => {
      const id = await underReview(t);
      const meeting = await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title: 'Malformed bodies', date: '2027-03-01', proposalIds: [id] });
      const chair = await t.as(CHAIR);
      for (const allocations of [[[]], [[{ orgCode: 'IOM', amount: '1.00' }]], [null], ['IOM']]) {
        const single = await t.http
          .post(`${API}/proposals/${id}/decision`)
          .set(chair)
          .send({ outcome: 'APPROVED', justification: 'ok', allocations });
        expect({ allocations, status: single.status }).toEqual({ allocations, status: 400 });
        expect(single.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'allocations' })]),
        );
        const batch = await t.http
          .post(`${API}/sc-meetings/${meeting.body.id}/decisions`)
          .set(chair)
          .send({ decisions: [{ proposalId: id, outcome: 'APPROVED', justification: 'ok', allocations }] });
        expect({ allocations, status: batch.status }).toEqual({ allocations, status: 400 });
        expect(batch.body.details).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: 'decisions.0.allocations' })]),
        );
      }
      const entries = await t.http
        .post(`${API}/sc-meetings/${meeting.body.id}/decisions`)
        .set(chair)
        .send({ decisions: [[]] });
      expect(entries.status).toBe(400);
      expect(entries.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'decisions' })]),
      );
      expect(
        (await t.db.query('SELECT count(*)::int AS n FROM sc_decisions WHERE proposal_id = $1', [id]))[0].n,
      ).toBe(0);
    });

    it('refuse bad input (400), other roles (403), unknown (404), wrong state (409), broken rules (422)', async () => {
      const id = await underReview(t);
      const decide = async (body: object, email = CHAIR, proposalId = id) =>
        t.http
          .post(`${API}/proposals/${proposalId}/decision`)
          .set(await t.as(email))
          .send(body);

      expect(
        (await decide({ outcome: 'APPROVED', justification: '  ', allocations: FULL_ALLOCATIONS })).status,
      ).toBe(400);
      expect((await decide({ outcome: 'YES', justification: 'ok' })).status).toBe(400);
      expect(
        (
          await decide({
            outcome: 'APPROVED',
            justification: 'ok',
            allocations: [{ orgCode: 'IOM', amount: '-5' }],
          })
        ).status,
      ).toBe(400);
      expect((await decide({ outcome: 'REJECTED', justification: 'ok' }, SC_UNDP)).status).toBe(403);
      expect((await decide({ outcome: 'REJECTED', justification: 'ok' }, FMU)).status).toBe(403);
      expect((await decide({ outcome: 'REJECTED', justification: 'ok' }, CHAIR, missing)).status).toBe(404);

      const noAllocation = await decide({ outcome: 'APPROVED', justification: 'ok' });
      expect(noAllocation.status).toBe(422);
      expect(noAllocation.body.details[0]).toMatchObject({ rule: 'ALLOCATIONS_REQUIRED' });
      const rules = await decide({
        outcome: 'APPROVED',
        justification: 'ok',
        allocations: [
          { orgCode: 'IOM', amount: '369150.55' },
          { orgCode: 'UNDP', amount: '1000.00' },
        ],
      });
      expect(rules.status).toBe(422);
      expect(rules.body.details.map((d: { rule: string }) => d.rule)).toEqual(['WITHIN_BUDGET', 'PUNO']);
      const money = await decide({ outcome: 'PIPELINE', justification: 'ok', allocations: FULL_ALLOCATIONS });
      expect(money.status).toBe(422);
      expect((await decide({ outcome: 'REJECTED', justification: 'ok', meetingId: missing })).status).toBe(
        422,
      );
      const meeting = await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title: 'Other agenda', date: '2027-02-01', proposalIds: [await underReview(t)] });
      const offAgenda = await decide({
        outcome: 'REJECTED',
        justification: 'ok',
        meetingId: meeting.body.id,
      });
      expect(offAgenda.status).toBe(422);
      expect(offAgenda.body.details[0]).toMatchObject({ rule: 'AGENDA' });

      const submitted = await submittedProposal(t);
      const early = await decide({ outcome: 'REJECTED', justification: 'ok' }, CHAIR, submitted);
      expect(early.status).toBe(409);
      expect(early.body.details[0]).toMatchObject({ currentState: 'SUBMITTED' });

      const rejected = await decide({ outcome: 'REJECTED', justification: 'Outside the fund’s mandate.' });
      expect(rejected.status).toBe(201);
      expect(
        (await decide({ outcome: 'APPROVED', justification: 'ok', allocations: FULL_ALLOCATIONS })).status,
      ).toBe(409);
      // Nothing was allocated by the refused attempts.
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'ALLOCATION'`,
      );
      expect(n).toBe(0);
    });
  });
});
