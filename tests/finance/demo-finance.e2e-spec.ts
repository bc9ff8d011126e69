import { parseMoney } from '@mptf/platform';
import { demoFinanceStep, seedDemoProgrammeMoney } from '../../seeds/demo/demo-finance.step';
import type { DemoContext } from '../../seeds/demo/demo-context';
import { insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

/** The demo money goes through the real services, is idempotent and keeps the ledgers balanced. */
describe('demo finance data', () => {
  let t: TestContext;
  let context: DemoContext;

  beforeAll(async () => {
    t = await createTestContext();
    context = { app: t.app, dataSource: t.db, progress: () => undefined };
  });
  afterAll(() => t.close());

  const ledgerCount = async () =>
    ((await t.db.query('SELECT count(*)::int AS n FROM ledger_entries')) as { n: number }[])[0].n;

  const expectBalanced = async () => {
    const status = (await t.http.get('/api/v1/fund/status').set(await t.as('fmu@mptf.test'))).body;
    const aa = status.withAdministrativeAgent;
    expect(parseMoney(aa.totalSources) - parseMoney(aa.totalUses)).toBe(parseMoney(aa.balance));
    expect(parseMoney(aa.balance)).toBeGreaterThanOrEqual(0n);
    expect(parseMoney(status.withParticipatingOrganizations.balance)).toBeGreaterThanOrEqual(0n);
    return status;
  };

  it('seeds commitments and deposits of several Member States in EUR, GBP, NOK and US$, once', async () => {
    expect(await demoFinanceStep.alreadyDone(context)).toBe(false);
    await demoFinanceStep.run(context);
    expect(await demoFinanceStep.alreadyDone(context)).toBe(true);
    const count = await ledgerCount();
    await demoFinanceStep.run(context);
    expect(await ledgerCount()).toBe(count);

    const rows = (await t.db.query(
      `SELECT array_agg(DISTINCT o.code ORDER BY o.code) AS donors, array_agg(DISTINCT e.currency ORDER BY e.currency) AS currencies,
              min(e.year) AS first, max(e.year) AS last
         FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id WHERE e.kind = 'DEPOSIT'`,
    )) as { donors: string[]; currencies: string[]; first: number; last: number }[];
    expect(rows[0].donors).toEqual(expect.arrayContaining(['DEU', 'NOR', 'GBR', 'SWE', 'NLD', 'IRL', 'ESP']));
    expect(rows[0].currencies).toEqual(expect.arrayContaining(['EUR', 'GBP', 'NOK', 'USD']));
    expect(rows[0].first).toBe(2020);
    expect(rows[0].last).toBeGreaterThanOrEqual(2025);
    // Every deposit follows a commitment in its currency: no donor has deposited beyond its pledges.
    const beyond = (await t.db.query(
      `SELECT o.code, e.currency FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id
        WHERE e.kind IN ('COMMITMENT', 'DEPOSIT')
        GROUP BY o.code, e.currency
       HAVING coalesce(sum(e.original_amount) FILTER (WHERE e.kind = 'COMMITMENT'), 0)
            < coalesce(sum(e.original_amount) FILTER (WHERE e.kind = 'DEPOSIT'), 0)`,
    )) as { code: string; currency: string }[];
    expect(beyond).toEqual([]);

    const donor = await t.http
      .get('/api/v1/contributions?donor=DEU&pageSize=200')
      .set(await t.as('donor.deu@mptf.test'));
    expect(donor.body.total).toBeGreaterThan(3);
    expect(new Set(donor.body.items.map((c: { donorCode: string }) => c.donorCode))).toEqual(
      new Set(['DEU']),
    );
    const nok = (
      await t.http
        .get('/api/v1/contributions?donor=NOR&year=2020&kind=DEPOSIT')
        .set(await t.as('aa@mptf.test'))
    ).body;
    expect(nok.items[0]).toMatchObject({
      currency: 'NOK',
      amount: '25000000.00',
      exchangeRate: '0.1063',
      usdAmount: '2657500.00',
    });
    await expectBalanced();
  });

  it('gives approved programmes allocations, transfers, expenditure, a refund and closures, once', async () => {
    const programmes: string[] = [];
    for (const [index, area] of [2, 4, 1, 5, 3].entries()) {
      programmes.push(
        await insertProgramme(t.db, {
          thematicAreaCode: area,
          punos: [
            { orgCode: 'IOM', direct: `${(index + 1) * 400000}.00` },
            { orgCode: index % 2 ? 'WFP' : 'UNICEF', direct: '300000.00' },
          ],
        }),
      );
    }
    await seedDemoProgrammeMoney(context, programmes);
    const statuses = async () =>
      (
        (await t.db.query('SELECT status FROM proposals WHERE id = ANY($1) ORDER BY reference', [
          programmes,
        ])) as {
          status: string;
        }[]
      ).map((row) => row.status);
    expect(await statuses()).toEqual([
      'ACTIVE',
      'ACTIVE',
      'APPROVED',
      'FINANCIALLY_CLOSED',
      'OPERATIONALLY_CLOSED',
    ]);
    const count = await ledgerCount();
    await seedDemoProgrammeMoney(context, programmes);
    expect(await ledgerCount()).toBe(count);

    const [kinds] = (await t.db.query(
      `SELECT count(*) FILTER (WHERE kind = 'ALLOCATION')::int AS allocations, count(*) FILTER (WHERE kind = 'TRANSFER')::int AS transfers,
              count(*) FILTER (WHERE kind = 'EXPENDITURE' AND corrects_entry_id IS NOT NULL)::int AS reversals,
              count(*) FILTER (WHERE kind = 'REFUND')::int AS refunds
         FROM ledger_entries`,
    )) as { allocations: number; transfers: number; reversals: number; refunds: number }[];
    expect(kinds.allocations).toBe(10);
    expect(kinds.transfers).toBe(8);
    expect(kinds.reversals).toBeGreaterThan(0);
    expect(kinds.refunds).toBeGreaterThan(0);

    const active = (await t.http.get('/api/v1/programmes?status=ACTIVE').set(await t.as('fmu@mptf.test')))
      .body;
    expect(active.items[0].deliveryRate).not.toBe('0.0000');
    await expectBalanced();
  });
});
