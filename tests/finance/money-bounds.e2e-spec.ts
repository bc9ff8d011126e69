import { allocatedProgramme, deposit } from '../reliability/support/fixtures';
import { insertProgramme } from '../support/programme-fixtures';
import { contributionBody as contribution } from './support/fund-scenario';
import { createTestContext, TestContext } from '../support/test-context';

const AA = 'aa@mptf.test';
const ADMIN = 'admin@mptf.test';
const IOM = 'iom.focal@mptf.test';

/**
 * Plausibility bounds of money input, checked by the services: every refusal is a 422 that names
 * the field and the rule, never a database CHECK's message with its failing row.
 */
describe('money input bounds', () => {
  let t: TestContext;
  let approved: string;
  let active: string;

  beforeAll(async () => {
    t = await createTestContext();
    approved = await insertProgramme(t.db);
    await deposit(t, '2000000.00', 'SWE', '2026-01-10');
    active = await allocatedProgramme(t, [{ orgCode: 'IOM', amount: '500000.00' }]);
    const transfer = await t.http
      .post(`/api/v1/programmes/${active}/transfers`)
      .set(await t.as(AA))
      .send({ orgCode: 'IOM', amount: '100000.00', date: '2026-02-01' });
    expect(transfer.status).toBe(201);
  });
  afterAll(() => t.close());

  it.each([
    ['amount', 'POSITIVE', { amount: '0.00' }],
    ['usdAmount', 'POSITIVE', { usdAmount: '0.00' }],
    ['usdAmount', 'MAX_AMOUNT', { currency: 'USD', amount: '9999999999999.99', usdAmount: undefined }],
    ['date', 'NOT_IN_FUTURE', { date: '2099-01-01' }],
    ['date', 'NOT_BEFORE_INCEPTION', { date: '2018-12-31' }],
    ['date', 'NOT_BEFORE_INCEPTION', { date: '1999-12-31' }],
    ['currency', 'ISO_4217', { currency: 'ZZZ', amount: '1.00', usdAmount: '100000.00' }],
    ['currency', 'ISO_4217', { currency: 'XAU' }],
    ['usdAmount', 'PLAUSIBLE_RATE', { amount: '1.00', usdAmount: '100000.00' }],
    ['usdAmount', 'PLAUSIBLE_RATE', { currency: 'JPY', amount: '1000000000.00', usdAmount: '0.01' }],
    ['donorCode', 'CONTRIBUTOR', { donorCode: 'IOM', currency: 'USD', amount: '10.00', usdAmount: '10.00' }],
    ['donorCode', 'CONTRIBUTOR', { donorCode: 'MPTFO' }],
  ])('refuses a contribution whose %s breaks %s with 422', async (field, rule, overrides) => {
    const response = await t.http
      .post('/api/v1/contributions')
      .set(await t.as(AA))
      .send(contribution(overrides));
    expect(response.status).toBe(422);
    expect(response.body.details).toContainEqual(expect.objectContaining({ field, rule }));
    expect(JSON.stringify(response.body)).not.toMatch(/Failing row|violates|constraint/);
  });

  it('accepts what is plausible: an active ISO 4217 currency at a real rate, from a Member State', async () => {
    const response = await t.http
      .post('/api/v1/contributions')
      .set(await t.as(AA))
      .send(contribution({ currency: 'NOK', amount: '10000000.00', usdAmount: '950000.00' }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ currency: 'NOK', exchangeRate: '0.0950' });
  });

  it('refuses zero, too large and badly dated transfers, refunds and fund entries with 422 naming field and rule', async () => {
    const aa = await t.as(AA);
    const cases: [string, object, string, string][] = [
      [
        `/programmes/${approved}/transfers`,
        { orgCode: 'IOM', amount: '0.00', date: '2026-03-01' },
        'amount',
        'POSITIVE',
      ],
      [
        `/programmes/${approved}/transfers`,
        { orgCode: 'IOM', amount: '1.00', date: '1999-12-31' },
        'date',
        'NOT_BEFORE_INCEPTION',
      ],
      [
        `/programmes/${approved}/transfers`,
        { orgCode: 'IOM', amount: '1.00', date: '2099-01-01' },
        'date',
        'NOT_IN_FUTURE',
      ],
      [
        `/programmes/${active}/refunds`,
        { orgCode: 'IOM', amount: '0.00', date: '2026-03-01' },
        'amount',
        'POSITIVE',
      ],
      [
        `/programmes/${active}/refunds`,
        { orgCode: 'IOM', amount: '1.00', date: '2018-06-30' },
        'date',
        'NOT_BEFORE_INCEPTION',
      ],
      [
        '/fund/entries',
        { kind: 'INTEREST', amount: '9999999999999.99', date: '2026-02-01' },
        'amount',
        'MAX_AMOUNT',
      ],
      ['/fund/entries', { kind: 'BANK_CHARGE', amount: '0.00', date: '2026-02-01' }, 'amount', 'POSITIVE'],
      [
        '/fund/entries',
        { kind: 'INTEREST', amount: '1.00', date: '2000-01-01' },
        'date',
        'NOT_BEFORE_INCEPTION',
      ],
    ];
    for (const [path, body, field, rule] of cases) {
      const response = await t.http.post(`/api/v1${path}`).set(aa).send(body);
      expect({ path, rule, status: response.status }).toEqual({ path, rule, status: 422 });
      expect(response.body.details).toContainEqual(expect.objectContaining({ field, rule }));
      expect(JSON.stringify(response.body)).not.toMatch(/Failing row|violates|constraint/);
    }
    const [{ entries }] = (await t.db.query(
      `SELECT count(*)::int AS entries FROM ledger_entries WHERE kind IN ('INTEREST', 'BANK_CHARGE')`,
    )) as { entries: number }[];
    expect(entries).toBe(0);
  });

  it('bounds expenditure: no year before the inception, no line above the maximum', async () => {
    const iom = await t.as(IOM);
    const early = await t.http
      .post(`/api/v1/programmes/${active}/expenditures`)
      .set(iom)
      .send({ orgCode: 'IOM', year: 2018, lines: [{ categoryCode: 1, amount: '10.00' }] });
    expect(early.status).toBe(422);
    expect(early.body.details).toContainEqual(
      expect.objectContaining({ field: 'year', rule: 'NOT_BEFORE_INCEPTION' }),
    );
    const huge = await t.http
      .post(`/api/v1/programmes/${active}/expenditures`)
      .set(iom)
      .send({ orgCode: 'IOM', year: 2026, lines: [{ categoryCode: 1, amount: '9999999999999.99' }] });
    expect(huge.status).toBe(422);
    expect(huge.body.details).toContainEqual(
      expect.objectContaining({ field: 'lines[0].amount', rule: 'MAX_AMOUNT' }),
    );
  });

  it('takes the bounds from the fund settings, which only an admin changes', async () => {
    const admin = await t.as(ADMIN);
    const aa = await t.as(AA);
    expect(
      (await t.http.patch('/api/v1/settings/fund').set(aa).send({ maxEntryAmount: '1.00' })).status,
    ).toBe(403);
    for (const bad of [
      { maxEntryAmount: '0.00' },
      { inceptionDate: '1999-12-31' },
      { inceptionDate: '2026-02-30' },
    ]) {
      const refused = await t.http.patch('/api/v1/settings/fund').set(admin).send(bad);
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe(Object.keys(bad)[0]);
    }
    const patched = await t.http
      .patch('/api/v1/settings/fund')
      .set(admin)
      .send({ maxEntryAmount: '500.00', inceptionDate: '2026-01-01' });
    expect(patched.body).toMatchObject({ maxEntryAmount: '500.00', inceptionDate: '2026-01-01' });
    try {
      const large = await t.http
        .post('/api/v1/fund/entries')
        .set(aa)
        .send({ kind: 'INTEREST', amount: '500.01', date: '2026-02-01' });
      expect(large.status).toBe(422);
      expect(large.body.details[0]).toMatchObject({ field: 'amount', rule: 'MAX_AMOUNT', max: '500.00' });
      const early = await t.http
        .post('/api/v1/fund/entries')
        .set(aa)
        .send({ kind: 'INTEREST', amount: '5.00', date: '2025-12-31' });
      expect(early.body.details[0]).toMatchObject({
        rule: 'NOT_BEFORE_INCEPTION',
        inceptionDate: '2026-01-01',
      });
      const fine = await t.http
        .post('/api/v1/fund/entries')
        .set(aa)
        .send({ kind: 'INTEREST', amount: '500.00', date: '2026-01-01' });
      expect(fine.status).toBe(201);
    } finally {
      await t.http
        .patch('/api/v1/settings/fund')
        .set(admin)
        .send({ maxEntryAmount: '1000000000.00', inceptionDate: '2019-01-01' });
    }
  });
});
