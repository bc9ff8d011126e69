import { FinanceService } from '@mptf/finance';
import { allocateProgramme, insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

const AA = 'aa@mptf.test';

/**
 * A PUNO's money on a programme is summed in one place, `puno_ledger_sums` (kept by the ledger's
 * trigger). The money rules (the transfer and refund limits, the pools' claims), the programme
 * page and the portfolio all read it: when that one sum says something else than the ledger
 * (here: tampered with by hand), they all say the same thing, as there is no second path.
 */
describe('finance: one PUNO-money sum behind every rule and read', () => {
  let t: TestContext;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestContext();
    const aa = await t.as(AA);
    const deposit = await t.http.post('/api/v1/contributions').set(aa).send({
      donorCode: 'NOR',
      kind: 'DEPOSIT',
      currency: 'USD',
      amount: '3000000.00',
      date: '2026-03-01',
    });
    expect(deposit.status).toBe(201);
    programmeId = await insertProgramme(t.db, { title: 'One sum' });
    await allocateProgramme(t, programmeId, [{ orgCode: 'IOM', amount: '1000000.00' }], {
      actor: AA,
      date: '2026-03-02',
    });
    const transfer = await t.http
      .post(`/api/v1/programmes/${programmeId}/transfers`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '600000.00', date: '2026-03-03' });
    expect(transfer.status).toBe(201);
  });
  afterAll(() => t.close());

  it('answers the transfer limit, the programme page, the portfolio and the funds available from it', async () => {
    const aa = await t.as(AA);
    const availableBefore = await t.app.get(FinanceService).availableFunds();
    // 100,000.00 more transferred to IOM than the ledger holds.
    await t.db.query(
      `UPDATE puno_ledger_sums SET transferred = transferred + 10000000
        WHERE proposal_id = $1 AND organization_id = (SELECT id FROM organizations WHERE code = 'IOM')`,
      [programmeId],
    );

    const page = await t.http.get(`/api/v1/programmes/${programmeId}`).set(aa);
    const iom = page.body.organizations.find((puno: { orgCode: string }) => puno.orgCode === 'IOM');
    expect(iom).toMatchObject({ transferred: '700000.00', untransferred: '300000.00' });

    const byOrganization = (await t.http.get('/api/v1/portfolio?groupBy=organization').set(aa)).body;
    expect(byOrganization.find((group: { key: string }) => group.key === 'IOM')).toMatchObject({
      transferred: '700000.00',
    });

    // The limit is what the page shows as untransferred, not the ledger's 400,000.00.
    const transfer = await t.http
      .post(`/api/v1/programmes/${programmeId}/transfers`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '400000.00', date: '2026-03-04' });
    expect(transfer.status).toBe(409);
    expect(transfer.body.details).toEqual([
      expect.objectContaining({ rule: 'UNTRANSFERRED_ALLOCATION', available: iom.untransferred }),
    ]);

    // The pools' claims read it too: transferred + untransferred is still the allocation.
    expect(await t.app.get(FinanceService).availableFunds()).toBe(availableBefore);
    // A refund is bounded by what the page says IOM holds.
    const refund = await t.http
      .post(`/api/v1/programmes/${programmeId}/refunds`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '700000.01', date: '2026-03-04' });
    expect(refund.status).toBe(409);
    expect(refund.body.details[0]).toMatchObject({ rule: 'PUNO_BALANCE', available: iom.balance });
  });
});
