import { INestApplicationContext } from '@nestjs/common';
import { FinanceService } from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import { binary, csvText, finished } from '../reporting/report-fixtures';
import { allocatedProgramme, deposit } from '../reliability/support/fixtures';
import { createTestContext, TestContext } from '../support/test-context';

const AA = 'aa@mptf.test';
const FMU = 'fmu@mptf.test';
const IOM = 'iom.focal@mptf.test';
const UNICEF = 'unicef.focal@mptf.test';

/**
 * Corrections of the append-only ledger (api.md's convention): `POST /<collection>/:id/reverse
 * {reason}` → 201 with the reversing record; a second reversal is 409, also when two race. Each
 * reversal keeps the fund's invariants, shows in the listings and is netted in every total.
 */
describe('reversals of ledger entries', () => {
  let t: TestContext;
  let worker: INestApplicationContext | undefined;
  beforeAll(async () => {
    t = await createTestContext();
    // A listening server, so the parallel requests share it.
    await new Promise<void>((listening) => t.app.getHttpServer().listen(0, '127.0.0.1', listening));
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const reverse = async (path: string, as = AA, reason = 'Entered by mistake') =>
    t.http
      .post(`/api/v1${path}/reverse`)
      .set(await t.as(as))
      .send({ reason });
  const get = async (path: string, as = AA) => (await t.http.get(`/api/v1${path}`).set(await t.as(as))).body;
  const auditActions = async (entityType: string, entityId: string) =>
    (await get(`/audit?entityType=${entityType}&entityId=${entityId}`, FMU)).items.map(
      (event: { action: string }) => event.action,
    );
  /** puno_ledger_sums, which the database keeps, against the ledger summed now. */
  const sumsDrift = async () =>
    t.db.query(
      `SELECT s.proposal_id FROM puno_ledger_sums s
         JOIN (SELECT proposal_id, organization_id,
                      coalesce(sum(amount) FILTER (WHERE kind = 'ALLOCATION'), 0) AS allocated,
                      coalesce(sum(amount) FILTER (WHERE kind = 'TRANSFER'), 0) AS transferred,
                      coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0) AS refunded,
                      coalesce(sum(amount) FILTER (WHERE kind = 'EXPENDITURE'), 0) AS expenditure
                 FROM ledger_entries WHERE proposal_id IS NOT NULL GROUP BY 1, 2) l
           ON l.proposal_id = s.proposal_id AND l.organization_id = s.organization_id
        WHERE (s.allocated, s.transferred, s.refunded, s.expenditure) <> (l.allocated, l.transferred, l.refunded, l.expenditure)`,
    );

  it('reverses a mistyped fund entry once, lists both entries and nets the fund status', async () => {
    const aa = await t.as(AA);
    const before = (await get('/fund/status')).withAdministrativeAgent;
    const typo = await t.http
      .post('/api/v1/fund/entries')
      .set(aa)
      .send({ kind: 'INTEREST', amount: '999999.99', date: '2026-02-01', description: 'Interest Q1' });
    expect(typo.status).toBe(201);
    expect((await get('/fund/status')).withAdministrativeAgent.interest).not.toBe(before.interest);

    expect((await reverse(`/fund/entries/${typo.body.id}`, FMU)).status).toBe(403);
    const reversal = await reverse(`/fund/entries/${typo.body.id}`, AA, 'Typed 999,999.99 for 999.99');
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({
      kind: 'INTEREST',
      amount: '-999999.99',
      reverses: typo.body.id,
      reason: 'Typed 999,999.99 for 999.99',
      reversedBy: null,
    });
    expect((await get('/fund/status')).withAdministrativeAgent).toEqual(before);

    const listed = await get('/fund/entries?kind=INTEREST', FMU);
    expect(listed.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: typo.body.id,
          reversedBy: reversal.body.id,
          description: 'Interest Q1',
        }),
        expect.objectContaining({ id: reversal.body.id, reverses: typo.body.id, amount: '-999999.99' }),
      ]),
    );
    const twice = await reverse(`/fund/entries/${typo.body.id}`);
    expect(twice.status).toBe(409);
    expect(twice.body.details[0].rule).toBe('REVERSED_ONCE');
    const ofReversal = await reverse(`/fund/entries/${reversal.body.id}`);
    expect(ofReversal.status).toBe(409);
    expect(ofReversal.body.details[0].rule).toBe('NOT_A_REVERSAL');
    expect((await reverse('/fund/entries/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await auditActions('fund_entry', typo.body.id)).toEqual(['fund.reverse', 'fund.interest']);
  });

  it('lets only one of two concurrent reversals of one entry through (the database refuses the second)', async () => {
    const aa = await t.as(AA);
    for (const kind of ['OTHER_INCOME', 'BANK_CHARGE']) {
      if (kind === 'BANK_CHARGE')
        await t.http
          .post('/api/v1/fund/entries')
          .set(aa)
          .send({ kind: 'INTEREST', amount: '50.00', date: '2026-02-02' });
      const entry = await t.http
        .post('/api/v1/fund/entries')
        .set(aa)
        .send({ kind, amount: '25.00', date: '2026-02-02' });
      expect(entry.status).toBe(201);
      const answers = await Promise.all([1, 2, 3].map(() => reverse(`/fund/entries/${entry.body.id}`)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
      const [{ corrections }] = (await t.db.query(
        'SELECT count(*)::int AS corrections FROM ledger_entries WHERE corrects_entry_id = $1',
        [entry.body.id],
      )) as { corrections: number }[];
      expect(corrections).toBe(1);
    }
    // The database's own guard, beneath the services': a second correction of one entry.
    const [{ id }] = (await t.db.query(
      `SELECT e.id FROM ledger_entries e WHERE e.kind = 'OTHER_INCOME' AND e.corrects_entry_id IS NULL`,
    )) as { id: string }[];
    const again = await t.db
      .query(
        `INSERT INTO ledger_entries (kind, entry_date, year, amount, corrects_entry_id, description)
         VALUES ('OTHER_INCOME', '2026-02-03', 2026, -2500, $1, 'again')`,
        [id],
      )
      .catch((error: { code?: string }) => error.code);
    expect(again).toBe('23505');
  });

  it('refuses to reverse income the fund has already allocated, naming what is available', async () => {
    const aa = await t.as(AA);
    // Allocate whatever is free, then add 1,000.00 of interest and allocate 600.00 of it.
    const free = await t.app.get(FinanceService).availableFunds();
    if (free > 0n) await allocatedProgramme(t, [{ orgCode: 'UNDP', amount: formatMoney(free) }]);
    const interest = await t.http
      .post('/api/v1/fund/entries')
      .set(aa)
      .send({ kind: 'INTEREST', amount: '1000.00', date: '2026-02-05' });
    await allocatedProgramme(t, [{ orgCode: 'IOM', amount: '600.00' }]);
    const refused = await reverse(`/fund/entries/${interest.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.details[0]).toMatchObject({ rule: 'AVAILABLE_FUNDS', available: '400.00' });
  });

  it('reverses transfers, refunds and expenditure keeping every invariant, and restarts the programme', async () => {
    const aa = await t.as(AA);
    const iom = await t.as(IOM);
    await deposit(t, '1010101.01', 'NOR', '2026-02-10');
    const programmeId = await allocatedProgramme(t, [
      { orgCode: 'IOM', amount: '600000.00' },
      { orgCode: 'UNICEF', amount: '400000.00' },
    ]);
    const transfer = async (orgCode: string, amount: string, date: string) => {
      const response = await t.http
        .post(`/api/v1/programmes/${programmeId}/transfers`)
        .set(aa)
        .send({ orgCode, amount, date });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    const first = await transfer('IOM', '300000.00', '2026-03-01');
    const second = await transfer('IOM', '200000.00', '2026-04-01');
    const spent = await t.http
      .post(`/api/v1/programmes/${programmeId}/expenditures`)
      .set(iom)
      .send({ orgCode: 'IOM', year: 2026, lines: [{ categoryCode: 1, amount: '400000.00' }] });
    expect(spent.status).toBe(201);

    // IOM holds 100,000.00: taking back 300,000.00 would leave it owing money it has spent.
    const held = await reverse(`/programmes/${programmeId}/transfers/${first}`);
    expect(held.status).toBe(409);
    expect(held.body.details[0]).toMatchObject({ rule: 'PUNO_BALANCE', available: '100000.00' });

    // The expenditure report was wrong: only IOM's focal point reverses it.
    expect((await reverse(`/programmes/${programmeId}/expenditures/${spent.body.id}`, UNICEF)).status).toBe(
      403,
    );
    expect((await reverse(`/programmes/${programmeId}/expenditures/${spent.body.id}`, AA)).status).toBe(403);
    const unspent = await reverse(
      `/programmes/${programmeId}/expenditures/${spent.body.id}`,
      IOM,
      'Wrong year',
    );
    expect(unspent.status).toBe(201);
    expect(unspent.body).toMatchObject({
      reverses: spent.body.id,
      reason: 'Wrong year',
      lines: [],
      total: '0.00',
      version: 2,
    });
    expect((await reverse(`/programmes/${programmeId}/expenditures/${spent.body.id}`, IOM)).status).toBe(409);
    const reports = await get(`/programmes/${programmeId}/expenditures`);
    expect(reports.find((r: { id: string }) => r.id === spent.body.id)).toMatchObject({
      reversedBy: unspent.body.id,
      current: false,
    });

    const reversal = await reverse(
      `/programmes/${programmeId}/transfers/${first}`,
      AA,
      'Sent to the wrong PUNO',
    );
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({
      kind: 'TRANSFER',
      orgCode: 'IOM',
      amount: '-300000.00',
      reverses: first,
      reason: 'Sent to the wrong PUNO',
      programmeStatus: 'ACTIVE',
    });
    let programme = await get(`/programmes/${programmeId}`);
    expect(programme).toMatchObject({
      transferred: '200000.00',
      expenditure: '0.00',
      startDate: '2026-04-01',
    });
    expect(programme.movements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: first, reversedBy: reversal.body.id }),
        expect.objectContaining({ id: reversal.body.id, reverses: first, amount: '-300000.00' }),
      ]),
    );
    const listed = (await get('/programmes?status=ACTIVE')).items.find(
      (p: { id: string }) => p.id === programmeId,
    );
    expect(listed).toMatchObject({ transferred: '200000.00', netFunded: '200000.00' });
    const byPuno = (await get('/portfolio?groupBy=organization')) as { key: string; transferred: string }[];
    expect(byPuno.find((group) => group.key === 'IOM')?.transferred).toBe('200000.00');

    // A refund, then its reversal: the AA gives the money back to the PUNO.
    const refund = await t.http
      .post(`/api/v1/programmes/${programmeId}/refunds`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '50000.00', date: '2026-05-01' });
    expect(refund.status).toBe(201);
    const unrefund = await reverse(`/programmes/${programmeId}/refunds/${refund.body.id}`);
    expect(unrefund.status).toBe(201);
    expect(unrefund.body).toMatchObject({ kind: 'REFUND', amount: '-50000.00', reverses: refund.body.id });
    expect((await reverse(`/programmes/${programmeId}/refunds/${refund.body.id}`)).status).toBe(409);
    // A refund's id is no transfer of this programme.
    expect((await reverse(`/programmes/${programmeId}/transfers/${refund.body.id}`)).status).toBe(404);

    // Reversing the last standing transfer: the programme never started.
    const last = await reverse(`/programmes/${programmeId}/transfers/${second}`);
    expect(last.status).toBe(201);
    expect(last.body.programmeStatus).toBe('APPROVED');
    programme = await get(`/programmes/${programmeId}`);
    expect(programme).toMatchObject({
      status: 'APPROVED',
      startDate: null,
      transferred: '0.00',
      refunded: '0.00',
    });
    expect(await sumsDrift()).toEqual([]);
    expect(await auditActions('programme', programmeId)).toEqual(
      expect.arrayContaining([
        'programme.transfer-reverse',
        'programme.refund-reverse',
        'programme.expenditure-reverse',
      ]),
    );
    expect((await auditActions('proposal', programmeId))[0]).toBe('proposal.transfers-reversed');
    // Nothing is left with the PUNOs: every transfer, refund and expenditure is netted out.
    const status = await get('/fund/status');
    expect(status.withParticipatingOrganizations).toEqual({
      transfers: '0.00',
      expenditure: '0.00',
      refunds: '0.00',
      balance: '0.00',
      agencyInterest: '0.00',
    });
    expect(parseMoney(status.withAdministrativeAgent.balance)).toBeGreaterThanOrEqual(0n);

    // The factsheet lists the transfers with their reversals.
    worker ??= await t.startWorker();
    const run = await t.http
      .post('/api/v1/reports')
      .set(await t.as(FMU))
      .send({ type: 'PROGRAMME_FACTSHEET', format: 'csv', parameters: { programmeId } });
    expect(run.status).toBe(202);
    expect((await finished(t, run.body.id)).status).toBe('SUCCEEDED');
    const csv = csvText(
      (
        await t.http
          .get(`/api/v1/reports/${run.body.id}/file`)
          .set(await t.as(FMU))
          .buffer(true)
          .parse(binary)
      ).body as Buffer,
    );
    expect(csv).toContain('"reversal: Sent to the wrong PUNO"');
    expect(csv).toMatch(/2026-03-01.*IOM.*300000\.00.*reversed/);
  }, 60_000);

  it('refuses to reverse a refund whose money the fund has promised since', async () => {
    const aa = await t.as(AA);
    const finance = t.app.get(FinanceService);
    await deposit(t, '101010.11', 'SWE', '2026-02-11');
    const programmeId = await allocatedProgramme(t, [{ orgCode: 'IOM', amount: '100000.00' }]);
    await t.http
      .post(`/api/v1/programmes/${programmeId}/transfers`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '100000.00', date: '2026-03-02' });
    const refund = await t.http
      .post(`/api/v1/programmes/${programmeId}/refunds`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '30000.00', date: '2026-03-03' });
    expect(refund.status).toBe(201);
    // Close it operationally (releases nothing more), then promise every free dollar elsewhere.
    await t.http
      .post(`/api/v1/programmes/${programmeId}/close`)
      .set(await t.as(FMU))
      .send({ kind: 'OPERATIONAL' });
    const free = await finance.availableFunds();
    if (free > 0n) await allocatedProgramme(t, [{ orgCode: 'UNDP', amount: formatMoney(free) }]);
    const refused = await reverse(`/programmes/${programmeId}/refunds/${refund.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.details[0]).toMatchObject({ rule: 'AVAILABLE_FUNDS', available: '0.00' });
  });

  it('reverses a contribution with 201 and the reversing record, frees its reference, and lets one of two racing reversals through', async () => {
    const aa = await t.as(AA);
    const body = {
      donorCode: 'FIN',
      kind: 'DEPOSIT',
      currency: 'EUR',
      amount: '1000.00',
      usdAmount: '1100.00',
      date: '2026-02-12',
      reference: 'FIN-2026-7',
    };
    const wrong = await t.http.post('/api/v1/contributions').set(aa).send(body);
    expect(wrong.status).toBe(201);
    const answers = await Promise.all(
      [1, 2].map(() => reverse(`/contributions/${wrong.body.id}`, AA, 'Amount in EUR mistyped')),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const reversal = answers.find((answer) => answer.status === 201)!.body;
    expect(reversal).toMatchObject({
      reverses: wrong.body.id,
      amount: '-1000.00',
      usdAmount: '-1100.00',
      aaFee: '-11.00',
      reason: 'Amount in EUR mistyped',
    });
    // The corrected deposit keeps the bank's reference.
    const corrected = await t.http
      .post('/api/v1/contributions')
      .set(aa)
      .send({ ...body, amount: '10000.00', usdAmount: '11000.00' });
    expect(corrected.status).toBe(201);
    expect((await t.http.post('/api/v1/contributions').set(aa).send(body)).status).toBe(409);
    const listed = await get('/contributions?donor=FIN');
    expect(listed.items.map((c: { usdAmount: string }) => c.usdAmount).sort()).toEqual([
      '-1100.00',
      '1100.00',
      '11000.00',
    ]);
    expect((await reverse(`/contributions/${reversal.id}`)).status).toBe(409);
  });
});
