import { DomainError, ErrorCode, HTTP_STATUS_BY_CODE, parseMoney } from '@mptf/platform';
import { TestContext } from '../support/test-context';
import {
  AA,
  allocate,
  contribute,
  expectBalanced,
  FIRST_TRANCHE,
  FMU,
  FundScenario,
  fundStatus as statusOf,
  recordFundEntriesAndRefund,
  reportExpenditure,
  SECOND_TRANCHE,
  startFundScenario,
  transfer,
} from './support/fund-scenario';

/**
 * The scenario, end to end on real PostgreSQL, up to an active programme: contributions
 * and fees, an allocation refused for lack of funds, transfers and expenditure giving net funded
 * and delivery rate, and the funding-status identities. fund-closure.e2e-spec goes on from there.
 */
describe('fund finance: one scenario from deposits to an active programme', () => {
  let s: FundScenario;
  let t: TestContext;
  let programmeId: string;

  beforeAll(async () => {
    s = await startFundScenario();
    ({ t, programmeId } = s);
  });
  afterAll(() => t.close());

  const fundStatus = (year?: number) => statusOf(s, year);

  it('records 1,000,000.00 EUR at 1.0850 and 500,000.00 US$: 1,585,000.00 of contributions, 15,850.00 of fees', async () => {
    const { eur, usd, pledge } = await contribute(s);
    expect(eur.status).toBe(201);
    expect(eur.body).toMatchObject({
      id: expect.any(String),
      donorCode: 'DEU',
      kind: 'DEPOSIT',
      currency: 'EUR',
      amount: '1000000.00',
      usdAmount: '1085000.00',
      exchangeRate: '1.0850',
      date: '2026-03-15',
      earmark: null,
      aaFee: '10850.00',
    });
    expect(usd.status).toBe(201);
    expect(usd.body).toMatchObject({ exchangeRate: '1.0000', aaFee: '5000.00' });
    // A commitment is a pledge, not cash: listed, but no fee and not a source of funds.
    expect(pledge.status).toBe(201);
    expect(pledge.body).toMatchObject({ exchangeRate: '1.2700', aaFee: null });

    const status = await fundStatus();
    expect(status.withAdministrativeAgent).toMatchObject({
      contributions: '1585000.00',
      totalSources: '1585000.00',
      aaFees: '15850.00',
      totalUses: '15850.00',
      balance: '1569150.00',
    });
    expectBalanced(status);
    expect(await s.finance.availableFunds()).toBe(parseMoney('1569150.00'));

    const fees = (await t.db.query(
      `SELECT f.amount::text AS amount, d.id AS deposit FROM ledger_entries f JOIN ledger_entries d ON d.id = f.related_entry_id
        WHERE f.kind = 'AA_FEE' ORDER BY f.seq`,
    )) as { amount: string; deposit: string }[];
    expect(fees).toEqual([
      { amount: '1085000', deposit: eur.body.id },
      { amount: '500000', deposit: usd.body.id },
    ]);
  });

  it('lists contributions by donor and year; a contributor sees every donor’s (public), not their references', async () => {
    const all = await t.http.get('/api/v1/contributions').set(await t.as(FMU));
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    const deu = await t.http.get('/api/v1/contributions?donor=DEU&year=2026').set(await t.as(AA));
    expect(deu.body.items.map((c: { donorCode: string }) => c.donorCode)).toEqual(['DEU']);
    expect((await t.http.get('/api/v1/contributions?year=2025').set(await t.as(AA))).body.total).toBe(0);

    const donor = await t.as('donor.deu@mptf.test');
    const own = await t.http.get('/api/v1/contributions?donor=DEU').set(donor);
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0]).toMatchObject({ donorCode: 'DEU', usdAmount: '1085000.00' });
    // Contributions by donor are public (the gateway, the annual report): the same total as the AA's.
    const everyone = await t.http.get('/api/v1/contributions').set(donor);
    expect(everyone.body.total).toBe(all.body.total);
    for (const item of everyone.body.items as { donorCode: string; reference: string | null }[])
      if (item.donorCode !== 'DEU') expect(item.reference).toBeNull();
  });

  it('refuses an allocation above the available funds with 409 naming the amount available', async () => {
    const attempt = t.db.transaction((manager) =>
      s.finance.allocate(manager, {
        programmeId,
        actor: s.actor,
        allocations: [
          { orgCode: 'IOM', amountCents: parseMoney('1070000.00') },
          { orgCode: 'UNICEF', amountCents: parseMoney('535000.00') },
        ],
      }),
    );
    const error = (await attempt.catch((caught: unknown) => caught)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.INSUFFICIENT_FUNDS);
    expect(HTTP_STATUS_BY_CODE[error.code]).toBe(409);
    // The shape api.md gives for the decision's 409.
    expect(error.details).toEqual([
      { rule: 'AVAILABLE_FUNDS', message: expect.any(String), available: '1569150.00' },
    ]);
    expect(error.message).toContain('US$ 1,569,150.00');
    const [{ n }] = (await t.db.query(
      `SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'ALLOCATION'`,
    )) as {
      n: number;
    }[];
    expect(n).toBe(0);
  });

  it('refuses allocations to non-PUNOs and above a PUNO’s budget with 422 listing each', async () => {
    const error = (await t.db
      .transaction((manager) =>
        s.finance.allocate(manager, {
          programmeId,
          actor: s.actor,
          allocations: [
            { orgCode: 'UNDP', amountCents: parseMoney('1000.00') },
            { orgCode: 'UNICEF', amountCents: parseMoney('535000.01') },
          ],
        }),
      )
      .catch((caught: unknown) => caught)) as DomainError;
    expect(error.code).toBe(ErrorCode.RULE_VIOLATION);
    expect(error.details?.map((detail) => detail.rule)).toEqual(['PUNO', 'WITHIN_BUDGET']);
  });

  it('allocates within the available funds through the service the SC decision calls', async () => {
    const result = await allocate(s);
    expect(result).toMatchObject({ total: '1500000.00', availableAfter: '69150.00' });
    expect(await s.finance.availableFunds()).toBe(parseMoney('69150.00'));
    expect(await s.finance.availableFunds(undefined, { thematicAreaCode: 2 })).toBe(parseMoney('69150.00'));
    // Allocations reserve money but move no cash.
    expect((await fundStatus()).withAdministrativeAgent.balance).toBe('1569150.00');
  });

  it('transfers a first tranche, which starts the programme, and refuses more than the untransferred allocation', async () => {
    const aa = await t.as(AA);
    const first = await transfer(s, ...FIRST_TRANCHE);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'TRANSFER',
      orgCode: 'IOM',
      amount: '600000.00',
      programmeStatus: 'ACTIVE',
    });
    const programme = await t.http.get(`/api/v1/programmes/${programmeId}`).set(aa);
    expect(programme.body).toMatchObject({ status: 'ACTIVE', startDate: '2026-04-01' });

    const tooMuch = await transfer(s, 'IOM', '400000.01', '2026-04-02');
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.details).toEqual([
      expect.objectContaining({ rule: 'UNTRANSFERRED_ALLOCATION', available: '400000.00' }),
    ]);
    expect(tooMuch.body.message).toContain('US$ 400,000.00');

    const second = await transfer(s, ...SECOND_TRANCHE);
    expect(second.status).toBe(201);
    // The start date stays the first transfer's.
    expect((await t.http.get(`/api/v1/programmes/${programmeId}`).set(aa)).body.startDate).toBe('2026-04-01');
  });

  it('records expenditure per PUNO and year by its focal point; a resubmission replaces the year and keeps history', async () => {
    const url = `/api/v1/programmes/${programmeId}/expenditures`;
    const { v1, v2, unicef } = await reportExpenditure(s);
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({
      orgCode: 'IOM',
      year: 2026,
      version: 1,
      total: '321000.00',
      current: true,
    });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, total: '267500.00', current: true });
    expect(unicef.status).toBe(201);
    const history = await t.http.get(`${url}?orgCode=IOM`).set(await t.as(FMU));
    expect(history.status).toBe(200);
    expect(
      history.body.map((r: { version: number; current: boolean; total: string }) => [
        r.version,
        r.current,
        r.total,
      ]),
    ).toEqual([
      [2, true, '267500.00'],
      [1, false, '321000.00'],
    ]);
    // Version 1's three entries are reversed by three new entries; nothing was updated.
    const entries = (await t.db.query(
      `SELECT amount::text AS amount, corrects_entry_id IS NOT NULL AS reversal FROM ledger_entries
        WHERE kind = 'EXPENDITURE' AND organization_id = (SELECT id FROM organizations WHERE code = 'IOM') ORDER BY seq`,
    )) as { amount: string; reversal: boolean }[];
    expect(entries.map((e) => e.amount)).toEqual([
      '20000000',
      '10000000',
      '2100000',
      '-20000000',
      '-10000000',
      '-2100000',
      '25000000',
      '1750000',
    ]);
  });

  it('gives the expected net funded amount and delivery rate, in the list and per PUNO', async () => {
    const list = await t.http
      .get('/api/v1/programmes?status=ACTIVE&thematicArea=2')
      .set(await t.as('sc.deu@mptf.test'));
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id: programmeId,
      status: 'ACTIVE',
      allocated: '1500000.00',
      transferred: '900000.00',
      refunded: '0.00',
      netFunded: '900000.00',
      expenditure: '379170.00',
      deliveryRate: '0.4213',
    });
    const detail = await t.http
      .get(`/api/v1/programmes/${programmeId}`)
      .set(await t.as('donor.deu@mptf.test'));
    expect(detail.status).toBe(200);
    expect(detail.body.organizations).toEqual([
      expect.objectContaining({
        orgCode: 'IOM',
        allocated: '1000000.00',
        transferred: '600000.00',
        netFunded: '600000.00',
        expenditure: '267500.00',
        deliveryRate: '0.4458',
        untransferred: '400000.00',
        balance: '332500.00',
      }),
      expect.objectContaining({
        orgCode: 'UNICEF',
        allocated: '500000.00',
        transferred: '300000.00',
        expenditure: '111670.00',
        deliveryRate: '0.3722',
        untransferred: '200000.00',
        balance: '188330.00',
      }),
    ]);
    expect((await t.http.get('/api/v1/programmes?status=APPROVED').set(await t.as(FMU))).body.total).toBe(0);
  });

  it('keeps /fund/status sources − uses = balance to the cent, per year and since inception', async () => {
    const { interest, charge, refund } = await recordFundEntriesAndRefund(s);
    expect(interest.status).toBe(201);
    expect(charge.status).toBe(201);
    expect(refund.status).toBe(201);
    const status = await fundStatus();
    expect(status).toEqual({
      withAdministrativeAgent: {
        contributions: '1585000.00',
        interest: '1234.56',
        otherIncome: '0.00',
        totalSources: '1586234.56',
        transfers: '900000.00',
        refunds: '20000.00',
        aaFees: '15850.00',
        directCosts: '0.00',
        bankCharges: '25.10',
        totalUses: '895875.10',
        balance: '690359.46',
      },
      withParticipatingOrganizations: {
        transfers: '900000.00',
        expenditure: '379170.00',
        refunds: '20000.00',
        balance: '500830.00',
        agencyInterest: '0.00',
      },
      totalBalance: '1191189.46',
      // AA balance 690,359.46 − 600,000 allocated and not yet transferred (domain.md).
      availableForAllocation: '90359.46',
    });
    expectBalanced(status);
    expect(await fundStatus(2026)).toEqual(status);
    const before = await fundStatus(2025);
    expect(before.withAdministrativeAgent.totalSources).toBe('0.00');
    expect(before.totalBalance).toBe('0.00');
  });
});
