import {
  ContributionsService,
  FinanceReadService,
  FinanceReportReader,
  PortfolioDimension,
  ProgrammeMoneyService,
} from '@mptf/finance';
import { parseMoney } from '@mptf/platform';
import { insertProgramme } from '../support/programme-fixtures';
import { TestContext } from '../support/test-context';
import {
  AA,
  expectBalanced,
  FMU,
  FundScenario,
  fundStatus as statusOf,
  replayToActiveProgramme,
  startFundScenario,
} from './support/fund-scenario';

/**
 * The fund's scenario from where fund-finance.e2e-spec leaves it (an active programme with
 * transfers, expenditure, a refund and fund entries; its steps replayed): the portfolio, closure,
 * the audit trail, the read models in one snapshot, and the ledger's own guarantees.
 */
describe('fund finance: the active programme to financial closure', () => {
  let s: FundScenario;
  let t: TestContext;
  let programmeId: string;

  beforeAll(async () => {
    s = await startFundScenario();
    ({ t, programmeId } = s);
    await replayToActiveProgramme(s);
  });
  afterAll(() => t.close());

  const fundStatus = (year?: number) => statusOf(s, year);

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
    expect(await s.finance.availableFunds()).toBe(parseMoney('690359.46'));

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
      pledges: await t.app.get(FinanceReportReader).pledges(manager, { throughYear: 2026 }),
      expenditure: await t.app.get(ProgrammeMoneyService).expenditureReports(manager, programmeId),
      available: await s.finance.availableFunds(manager),
    }));
    expect(snapshot.status.withParticipatingOrganizations.transfers).toBe(snapshot.programme.transferred);
    expect(snapshot.programmes.items[0].expenditure).toBe(
      snapshot.status.withParticipatingOrganizations.expenditure,
    );
    expect(snapshot.through2025.withAdministrativeAgent.contributions).toBe('0.00');
    expect(snapshot.byArea.find((group) => group.key === 2)?.allocated).toBe('1500000.00');
    expect(snapshot.deu.map((c) => c.usdAmount)).toEqual(['1085000.00']);
    // Deposits without a commitment imply one; GBR's unpaid GBP pledge is at its own (latest) rate.
    expect(snapshot.pledges.donors).toEqual([
      expect.objectContaining({
        donorCode: 'DEU',
        deposited: '1085000.00',
        committed: '1085000.00',
        aaFees: '10850.00',
      }),
      expect.objectContaining({ donorCode: 'NOR', deposited: '500000.00', outstanding: '0.00' }),
      expect.objectContaining({ donorCode: 'GBR', committed: '2540000.00', outstanding: '2540000.00' }),
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
