import { DomainError, ErrorCode, HTTP_STATUS_BY_CODE, parseMoney } from '@mptf/platform';
import {
  ContributionsService,
  FinanceReadService,
  FinanceService,
  PortfolioDimension,
  ProgrammeMoneyService,
} from '@mptf/finance';
import { insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

const AA = 'aa@mptf.test';
const FMU = 'fmu@mptf.test';

/**
 * The scenario, end to end on real PostgreSQL: contributions and fees, an allocation
 * refused for lack of funds, transfers and expenditure giving net funded and delivery rate, the
 * funding-status identities, and closure.
 */
describe('fund finance: one scenario from deposits to financial closure', () => {
  let t: TestContext;
  let finance: FinanceService;
  let actor: { id: string; email: string };
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestContext();
    finance = t.app.get(FinanceService);
    const [aa] = (await t.db.query(`SELECT id, email FROM users WHERE email = $1`, [AA])) as {
      id: string;
      email: string;
    }[];
    actor = aa;
    programmeId = await insertProgramme(t.db, {
      title: 'Safe pathways in Mexico',
      thematicAreaCode: 2,
      countryCodes: ['MEX', 'GTM'],
      gcmObjectiveCodes: [2, 7],
      punos: [
        { orgCode: 'IOM', direct: '1000000.00' },
        { orgCode: 'UNICEF', direct: '500000.00' },
      ],
    });
  });
  afterAll(() => t.close());

  const fundStatus = async (year?: number) => {
    const response = await t.http
      .get('/api/v1/fund/status')
      .query(year ? { year } : {})
      .set(await t.as(FMU));
    expect(response.status).toBe(200);
    return response.body as {
      withAdministrativeAgent: Record<string, string>;
      withParticipatingOrganizations: Record<string, string>;
      totalBalance: string;
    };
  };

  const expectBalanced = (status: Awaited<ReturnType<typeof fundStatus>>) => {
    const aa = status.withAdministrativeAgent;
    const puno = status.withParticipatingOrganizations;
    expect(parseMoney(aa.totalSources) - parseMoney(aa.totalUses)).toBe(parseMoney(aa.balance));
    expect(parseMoney(aa.contributions) + parseMoney(aa.interest) + parseMoney(aa.otherIncome)).toBe(
      parseMoney(aa.totalSources),
    );
    expect(
      parseMoney(aa.transfers) -
        parseMoney(aa.refunds) +
        parseMoney(aa.aaFees) +
        parseMoney(aa.directCosts) +
        parseMoney(aa.bankCharges),
    ).toBe(parseMoney(aa.totalUses));
    expect(parseMoney(puno.transfers) - parseMoney(puno.expenditure) - parseMoney(puno.refunds)).toBe(
      parseMoney(puno.balance),
    );
    expect(parseMoney(aa.balance) + parseMoney(puno.balance)).toBe(parseMoney(status.totalBalance));
  };

  it('records 1,000,000.00 EUR at 1.0850 and 500,000.00 US$: 1,585,000.00 of contributions, 15,850.00 of fees', async () => {
    const aa = await t.as(AA);
    const eur = await t.http.post('/api/v1/contributions').set(aa).send({
      donorCode: 'DEU',
      kind: 'DEPOSIT',
      currency: 'EUR',
      amount: '1000000.00',
      usdAmount: '1085000.00',
      date: '2026-03-15',
    });
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
    const usd = await t.http.post('/api/v1/contributions').set(aa).send({
      donorCode: 'NOR',
      kind: 'DEPOSIT',
      currency: 'USD',
      amount: '500000.00',
      usdAmount: '500000.00',
      date: '2026-03-20',
    });
    expect(usd.status).toBe(201);
    expect(usd.body).toMatchObject({ exchangeRate: '1.0000', aaFee: '5000.00' });
    // A commitment is a pledge, not cash: listed, but no fee and not a source of funds.
    const pledge = await t.http.post('/api/v1/contributions').set(aa).send({
      donorCode: 'GBR',
      kind: 'COMMITMENT',
      currency: 'GBP',
      amount: '2000000.00',
      usdAmount: '2540000.00',
      date: '2026-01-10',
    });
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
    expect(await finance.availableFunds()).toBe(parseMoney('1569150.00'));

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
      finance.allocate(manager, {
        programmeId,
        actor,
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
    expect(error.message).toContain('1569150.00');
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
        finance.allocate(manager, {
          programmeId,
          actor,
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
    const result = await t.db.transaction((manager) =>
      finance.allocate(manager, {
        programmeId,
        actor,
        date: '2026-03-31',
        allocations: [
          { orgCode: 'IOM', amountCents: parseMoney('1000000.00') },
          { orgCode: 'UNICEF', amountCents: parseMoney('500000.00') },
        ],
      }),
    );
    expect(result).toMatchObject({ total: '1500000.00', availableAfter: '69150.00' });
    expect(await finance.availableFunds()).toBe(parseMoney('69150.00'));
    expect(await finance.availableFunds(undefined, { thematicAreaCode: 2 })).toBe(parseMoney('69150.00'));
    // Allocations reserve money but move no cash.
    expect((await fundStatus()).withAdministrativeAgent.balance).toBe('1569150.00');
  });

  it('transfers a first tranche, which starts the programme, and refuses more than the untransferred allocation', async () => {
    const aa = await t.as(AA);
    const first = await t.http
      .post(`/api/v1/programmes/${programmeId}/transfers`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '600000.00', date: '2026-04-01' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'TRANSFER',
      orgCode: 'IOM',
      amount: '600000.00',
      programmeStatus: 'ACTIVE',
    });
    const programme = await t.http.get(`/api/v1/programmes/${programmeId}`).set(aa);
    expect(programme.body).toMatchObject({ status: 'ACTIVE', startDate: '2026-04-01' });

    const tooMuch = await t.http
      .post(`/api/v1/programmes/${programmeId}/transfers`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '400000.01', date: '2026-04-02' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.details).toEqual([
      expect.objectContaining({ rule: 'UNTRANSFERRED_ALLOCATION', available: '400000.00' }),
    ]);
    expect(tooMuch.body.message).toContain('400000.00');

    const second = await t.http
      .post(`/api/v1/programmes/${programmeId}/transfers`)
      .set(aa)
      .send({ orgCode: 'UNICEF', amount: '300000.00', date: '2026-05-01' });
    expect(second.status).toBe(201);
    // The start date stays the first transfer's.
    expect((await t.http.get(`/api/v1/programmes/${programmeId}`).set(aa)).body.startDate).toBe('2026-04-01');
  });

  it('records expenditure per PUNO and year by its focal point; a resubmission replaces the year and keeps history', async () => {
    const iom = await t.as('iom.focal@mptf.test');
    const url = `/api/v1/programmes/${programmeId}/expenditures`;
    const v1 = await t.http
      .post(url)
      .set(iom)
      .send({
        orgCode: 'IOM',
        year: 2026,
        lines: [
          { categoryCode: 1, amount: '200000.00' },
          { categoryCode: 4, amount: '100000.00' },
          { categoryCode: 8, amount: '21000.00' },
        ],
      });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({
      orgCode: 'IOM',
      year: 2026,
      version: 1,
      total: '321000.00',
      current: true,
    });

    const v2 = await t.http
      .post(url)
      .set(iom)
      .send({
        orgCode: 'IOM',
        year: 2026,
        lines: [
          { categoryCode: 1, amount: '250000.00' },
          { categoryCode: 8, amount: '17500.00' },
        ],
      });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, total: '267500.00', current: true });

    const unicef = await t.http
      .post(url)
      .set(await t.as('unicef.focal@mptf.test'))
      .send({ orgCode: 'UNICEF', year: 2026, lines: [{ categoryCode: 2, amount: '111670.00' }] });
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
    const aa = await t.as(AA);
    expect(
      (
        await t.http
          .post('/api/v1/fund/entries')
          .set(aa)
          .send({ kind: 'INTEREST', amount: '1234.56', date: '2026-06-30', description: 'Interest Q2' })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.http
          .post('/api/v1/fund/entries')
          .set(aa)
          .send({ kind: 'BANK_CHARGE', amount: '25.10', date: '2026-06-30' })
      ).status,
    ).toBe(201);
    const refund = await t.http
      .post(`/api/v1/programmes/${programmeId}/refunds`)
      .set(aa)
      .send({ orgCode: 'UNICEF', amount: '20000.00', date: '2026-07-01' });
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
      },
      totalBalance: '1191189.46',
    });
    expectBalanced(status);
    expect(await fundStatus(2026)).toEqual(status);
    const before = await fundStatus(2025);
    expect(before.withAdministrativeAgent.totalSources).toBe('0.00');
    expect(before.totalBalance).toBe('0.00');
  });

  it('groups the portfolio by each dimension', async () => {
    const sc = await t.as('sc.undp@mptf.test');
    const byArea = await t.http.get('/api/v1/portfolio?groupBy=thematicArea').set(sc);
    expect(byArea.status).toBe(200);
    expect(byArea.body).toHaveLength(5);
    expect(byArea.body[1]).toEqual({
      key: 2,
      label: expect.any(String),
      programmes: 1,
      allocated: '1500000.00',
      transferred: '900000.00',
      expenditure: '379170.00',
      deliveryRate: '0.4309',
    });
    expect(byArea.body[0]).toMatchObject({
      key: 1,
      programmes: 0,
      allocated: '0.00',
      deliveryRate: '0.0000',
    });

    const byCountry = (await t.http.get('/api/v1/portfolio?groupBy=country').set(sc)).body;
    // A two-country programme counts fully in both countries.
    expect(byCountry.map((g: { key: string }) => g.key).sort()).toEqual(['GTM', 'MEX']);
    expect(byCountry.every((g: { allocated: string }) => g.allocated === '1500000.00')).toBe(true);

    const byRegion = (await t.http.get('/api/v1/portfolio?groupBy=region').set(sc)).body;
    expect(byRegion).toEqual([
      expect.objectContaining({ key: 'Americas', programmes: 1, allocated: '1500000.00' }),
    ]);

    const byObjective = (await t.http.get('/api/v1/portfolio?groupBy=gcmObjective').set(sc)).body;
    expect(byObjective).toHaveLength(23);
    expect(
      byObjective
        .filter((g: { programmes: number }) => g.programmes === 1)
        .map((g: { key: number }) => g.key),
    ).toEqual([2, 7]);

    const byOrganization = (await t.http.get('/api/v1/portfolio?groupBy=organization').set(sc)).body;
    expect(byOrganization).toEqual([
      expect.objectContaining({
        key: 'IOM',
        programmes: 1,
        allocated: '1000000.00',
        expenditure: '267500.00',
      }),
      expect.objectContaining({
        key: 'UNICEF',
        programmes: 1,
        allocated: '500000.00',
        transferred: '300000.00',
      }),
    ]);

    const byStatus = (await t.http.get('/api/v1/portfolio?groupBy=status').set(sc)).body;
    expect(byStatus.map((g: { key: string; programmes: number }) => [g.key, g.programmes])).toEqual([
      ['APPROVED', 0],
      ['ACTIVE', 1],
      ['OPERATIONALLY_CLOSED', 0],
      ['FINANCIALLY_CLOSED', 0],
    ]);

    const bad = await t.http.get('/api/v1/portfolio?groupBy=donor').set(sc);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('groupBy');
  });

  it('closes operationally, refuses financial closure until the PUNOs’ balance is settled, then closes', async () => {
    const fmu = await t.as(FMU);
    const aa = await t.as(AA);
    const url = `/api/v1/programmes/${programmeId}/close`;
    const early = await t.http.post(url).set(fmu).send({ kind: 'FINANCIAL' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('ACTIVE');

    const operational = await t.http.post(url).set(fmu).send({ kind: 'OPERATIONAL' });
    expect(operational.status).toBe(200);
    expect(operational.body.status).toBe('OPERATIONALLY_CLOSED');
    // Closing releases the allocations not yet transferred (400,000 + 200,000).
    expect(await finance.availableFunds()).toBe(parseMoney('690359.46'));

    const unsettled = await t.http.post(url).set(aa).send({ kind: 'FINANCIAL' });
    expect(unsettled.status).toBe(422);
    expect(unsettled.body.details).toEqual([
      expect.objectContaining({ rule: 'PUNO_BALANCE_SETTLED', orgCode: 'IOM', balance: '332500.00' }),
      expect.objectContaining({ rule: 'PUNO_BALANCE_SETTLED', orgCode: 'UNICEF', balance: '168330.00' }),
    ]);

    const overRefund = await t.http
      .post(`/api/v1/programmes/${programmeId}/refunds`)
      .set(aa)
      .send({ orgCode: 'UNICEF', amount: '168330.01', date: '2026-11-01' });
    expect(overRefund.status).toBe(409);
    expect(overRefund.body.details[0]).toMatchObject({ rule: 'PUNO_BALANCE', available: '168330.00' });

    const iomFinal = await t.http
      .post(`/api/v1/programmes/${programmeId}/expenditures`)
      .set(await t.as('iom.focal@mptf.test'))
      .send({ orgCode: 'IOM', year: 2025, lines: [{ categoryCode: 5, amount: '332500.00' }] });
    expect(iomFinal.status).toBe(201);
    const unicefRefund = await t.http
      .post(`/api/v1/programmes/${programmeId}/refunds`)
      .set(aa)
      .send({ orgCode: 'UNICEF', amount: '168330.00', date: '2026-11-01' });
    expect(unicefRefund.status).toBe(201);

    const closed = await t.http.post(url).set(aa).send({ kind: 'FINANCIAL' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'FINANCIALLY_CLOSED',
      netFunded: '711670.00',
      expenditure: '711670.00',
    });
    expect(closed.body.deliveryRate).toBe('1.0000');

    const status = await fundStatus();
    expect(status.withParticipatingOrganizations.balance).toBe('0.00');
    expectBalanced(status);
    expectBalanced(await fundStatus(2025));

    const again = await t.http
      .post(`/api/v1/programmes/${programmeId}/transfers`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '1.00', date: '2026-11-02' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('FINANCIALLY_CLOSED');
  });

  it('writes an audit event for every money change', async () => {
    const events = await t.http
      .get(`/api/v1/audit?entityType=programme&entityId=${programmeId}&pageSize=200`)
      .set(await t.as(FMU));
    expect(events.status).toBe(200);
    const actions = (events.body.items as { action: string }[]).map((event) => event.action).reverse();
    expect(actions).toEqual([
      'programme.allocate',
      'programme.transfer',
      'programme.transfer',
      'programme.expenditure',
      'programme.expenditure',
      'programme.expenditure',
      'programme.refund',
      'programme.close-operational',
      'programme.expenditure',
      'programme.refund',
      'programme.close-financial',
    ]);
    const statusEvents = await t.http
      .get(`/api/v1/audit?entityType=proposal&entityId=${programmeId}`)
      .set(await t.as(FMU));
    expect((statusEvents.body.items as { action: string }[]).map((event) => event.action).reverse()).toEqual([
      'proposal.first-transfer',
      'proposal.close-operationally',
      'proposal.close-financially',
    ]);
    const contributionEvents = await t.http.get('/api/v1/audit?entityType=contribution').set(await t.as(FMU));
    expect(contributionEvents.body.total).toBe(3);
    const replaced = (
      events.body.items as { action: string; before: unknown; after: { version?: number } }[]
    ).find((event) => event.action === 'programme.expenditure' && event.after.version === 2);
    expect(replaced?.before).toMatchObject({ version: 1, total: '321000.00' });
  });

  it('serves every read model inside one REPEATABLE READ transaction for reports', async () => {
    const read = t.app.get(FinanceReadService);
    const snapshot = await t.db.transaction('REPEATABLE READ', async (manager) => ({
      status: await read.fundStatus(manager),
      year: await read.fundStatus(manager, { year: 2026 }),
      through2025: await read.fundStatus(manager, { throughYear: 2025 }),
      programmes: await read.programmes(manager, { page: 1, pageSize: 10 }),
      programme: await read.programme(manager, programmeId),
      byArea: await read.portfolio(manager, PortfolioDimension.THEMATIC_AREA),
      deu: await t.app.get(ContributionsService).contributions(manager, { donor: 'DEU' }),
      donors: await t.app.get(ContributionsService).donorSummary(manager, { year: 2026 }),
      expenditure: await t.app.get(ProgrammeMoneyService).expenditureReports(manager, programmeId),
      available: await finance.availableFunds(manager),
    }));
    expect(snapshot.status.withParticipatingOrganizations.transfers).toBe(snapshot.programme.transferred);
    expect(snapshot.programmes.items[0].expenditure).toBe(
      snapshot.status.withParticipatingOrganizations.expenditure,
    );
    expect(snapshot.through2025.withAdministrativeAgent.contributions).toBe('0.00');
    expect(snapshot.byArea.find((group) => group.key === 2)?.allocated).toBe('1500000.00');
    expect(snapshot.deu.map((c) => c.usdAmount)).toEqual(['1085000.00']);
    expect(snapshot.donors).toEqual([
      expect.objectContaining({ donorCode: 'DEU', deposits: '1085000.00', aaFees: '10850.00' }),
      expect.objectContaining({ donorCode: 'NOR', deposits: '500000.00' }),
      expect.objectContaining({
        donorCode: 'GBR',
        commitments: '2540000.00',
        outstandingCommitments: '2540000.00',
      }),
    ]);
    expect(snapshot.expenditure.length).toBe(4);
    expect(snapshot.available).toBe(parseMoney(snapshot.status.withAdministrativeAgent.balance));
  });

  it('keeps each PUNO’s money sums equal to its ledger entries, as the database adds them', async () => {
    const sums = `coalesce(sum(amount) FILTER (WHERE kind = 'ALLOCATION'), 0) AS allocated,
                  coalesce(sum(amount) FILTER (WHERE kind = 'TRANSFER'), 0) AS transferred,
                  coalesce(sum(amount) FILTER (WHERE kind = 'REFUND'), 0) AS refunded,
                  coalesce(sum(amount) FILTER (WHERE kind = 'EXPENDITURE'), 0) AS expenditure`;
    const stored = await t.db.query(
      `SELECT o.code, s.allocated::text, s.transferred::text, s.refunded::text, s.expenditure::text
         FROM puno_ledger_sums s JOIN organizations o ON o.id = s.organization_id ORDER BY o.code`,
    );
    const fromLedger = await t.db.query(
      `SELECT o.code, l.allocated::text, l.transferred::text, l.refunded::text, l.expenditure::text
         FROM (SELECT organization_id, ${sums} FROM ledger_entries
                WHERE kind IN ('ALLOCATION','TRANSFER','REFUND','EXPENDITURE') GROUP BY organization_id) l
         JOIN organizations o ON o.id = l.organization_id ORDER BY o.code`,
    );
    // This scenario allocated, transferred, refunded, reported and corrected expenditure.
    expect(stored).toHaveLength(2);
    expect(stored.every((row: { refunded: string; expenditure: string }) => row.expenditure !== '0')).toBe(
      true,
    );
    expect(stored).toEqual(fromLedger);
  });

  it('labels region and country groups, with programmes without countries under Global, last', async () => {
    await insertProgramme(t.db, { title: 'A global programme', countryCodes: [] });
    const sc = await t.as('sc.undp@mptf.test');
    const byRegion = (await t.http.get('/api/v1/portfolio?groupBy=region').set(sc)).body;
    expect(byRegion).toEqual([
      expect.objectContaining({ key: 'Americas', label: 'Americas', programmes: 1 }),
      expect.objectContaining({ key: 'GLOBAL', label: 'Global', programmes: 1, allocated: '0.00' }),
    ]);
    const byCountry = (await t.http.get('/api/v1/portfolio?groupBy=country').set(sc)).body;
    expect(byCountry.map((g: { key: string; label: string }) => [g.key, g.label])).toEqual([
      ['GTM', 'Guatemala'],
      ['MEX', 'Mexico'],
      ['GLOBAL', 'Global'],
    ]);
    const byOrganization = (await t.http.get('/api/v1/portfolio?groupBy=organization').set(sc)).body;
    expect(byOrganization.map((g: { key: string; programmes: number }) => [g.key, g.programmes])).toEqual([
      ['IOM', 2],
      ['UNICEF', 2],
    ]);
  });

  it('refuses to update or delete ledger entries: corrections are new entries', async () => {
    await expect(t.db.query(`UPDATE ledger_entries SET amount = 1 WHERE kind = 'DEPOSIT'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM ledger_entries WHERE kind = 'AA_FEE'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM expenditure_reports`)).rejects.toThrow(/append-only/);
  });
});
