import { createTestContext, TestContext } from '../support/test-context';
import {
  AA,
  API,
  CHAIR,
  deposit,
  FMU,
  FULL_ALLOCATIONS,
  REQUESTED_TOTAL,
  SC_UNDP,
  underReview,
} from '../review/review-fixtures';

/**
 * Issue 18 point 7: "available" was the AA balance on the pipeline page and balance − untransferred
 * allocations in the pack. One definition now (domain.md "Funds available for allocation"), the
 * same figure in GET /fund/status, GET /pipeline, the decision pack and the 409 AVAILABLE_FUNDS.
 */
describe('one definition of the funds available for allocation', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('is the AA balance less allocations not yet transferred, everywhere', async () => {
    // 1,000,000 deposited → 990,000 with the AA; one programme allocated 583,150.81, 100,000 transferred.
    await deposit(t, '1000000.00');
    const funded = await underReview(t, { title: 'Funded first' });
    await t.http
      .post(`${API}/proposals/${funded}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'APPROVED', justification: 'Good', allocations: FULL_ALLOCATIONS })
      .expect(201);
    await t.http
      .post(`${API}/programmes/${funded}/transfers`)
      .set(await t.as(AA))
      .send({ orgCode: 'IOM', amount: '100000.00', date: '2026-03-10' })
      .expect(201);
    const waiting = await underReview(t, { title: 'Waits for money' });
    await t.http
      .post(`${API}/proposals/${waiting}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'PIPELINE', justification: 'Endorsed' })
      .expect(201);
    const next = await underReview(t, { title: 'On the agenda' });
    const meeting = await t.http
      .post(`${API}/sc-meetings`)
      .set(await t.as(FMU))
      .send({ title: 'Session', date: '2026-09-15', proposalIds: [next] })
      .expect(201);

    // 890,000 − (583,150.81 − 100,000) = 406,849.19; the AA balance itself is 890,000.
    const expected = '406849.19';
    const status = await t.http.get(`${API}/fund/status`).set(await t.as(FMU));
    expect(status.body.withAdministrativeAgent.balance).toBe('890000.00');
    expect(status.body.availableForAllocation).toBe(expected);
    const pipeline = await t.http.get(`${API}/pipeline`).set(await t.as(SC_UNDP));
    expect(pipeline.body).toEqual([
      expect.objectContaining({ proposalId: waiting, availableForArea: expected, fitsAvailableFunds: false }),
    ]);
    const pack = await t.http.get(`${API}/sc-meetings/${meeting.body.id}/pack`).set(await t.as(SC_UNDP));
    expect(pack.body.availableFunds).toBe(expected);
    expect(pack.body.proposals[0].availableForArea).toBe(expected);

    // The decision check refuses with the same figure once the pipelined one took most of it.
    await t.http
      .post(`${API}/proposals/${waiting}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'APPROVED', justification: 'Money arrived', allocations: [FULL_ALLOCATIONS[0]] })
      .expect(201);
    const after = await t.http.get(`${API}/fund/status`).set(await t.as(FMU));
    expect(after.body.availableForAllocation).toBe('37698.65');
    const refused = await t.http
      .post(`${API}/proposals/${next}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'APPROVED', justification: 'Too much', allocations: FULL_ALLOCATIONS });
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual([
      expect.objectContaining({ rule: 'AVAILABLE_FUNDS', available: after.body.availableForAllocation }),
    ]);
    expect(REQUESTED_TOTAL).toBe('583150.81');
  });
});
