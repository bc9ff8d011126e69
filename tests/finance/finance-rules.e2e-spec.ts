import { formatMoney, parseMoney } from '@mptf/platform';
import { FinanceService } from '@mptf/finance';
import { insertProgramme } from '../support/programme-fixtures';
import { contributionBody as contribution } from './support/fund-scenario';
import { createTestContext, TestContext } from '../support/test-context';

const AA = 'aa@mptf.test';
const FMU = 'fmu@mptf.test';

/** Bad input (400), wrong role or row (403), unknown programme (404), wrong state or no money (409), earmarks. */
describe('fund finance rules', () => {
  let t: TestContext;
  let finance: FinanceService;
  let actor: { id: string; email: string };

  beforeAll(async () => {
    t = await createTestContext();
    finance = t.app.get(FinanceService);
    [actor] = (await t.db.query('SELECT id, email FROM users WHERE email = $1', [AA])) as {
      id: string;
      email: string;
    }[];
  });
  afterAll(() => t.close());

  it.each([
    ['amount', { amount: '1,000.00' }],
    ['amount', { amount: '10.123' }],
    ['amount', { amount: 1000 }],
    ['usdAmount', { usdAmount: '-5.00' }],
    ['kind', { kind: 'GIFT' }],
    ['currency', { currency: 'euro' }],
    ['date', { date: '2026-02-30' }],
    ['date', { date: '15/01/2026' }],
    ['donorCode', { donorCode: 'germany' }],
    ['earmark.thematicAreaCode', { earmark: { thematicAreaCode: 'two' } }],
    ['unexpected', { unexpected: true }],
  ])('refuses a contribution with a bad %s with 400 naming the field', async (field, overrides) => {
    const response = await t.http
      .post('/api/v1/contributions')
      .set(await t.as(AA))
      .send(contribution(overrides));
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it.each([
    ['usdAmount', { usdAmount: undefined }],
    ['usdAmount', { currency: 'USD', amount: '100.00', usdAmount: '99.00' }],
    ['donorCode', { donorCode: 'XYZ' }],
    ['earmark.thematicAreaCode', { earmark: { thematicAreaCode: 9 } }],
  ])('refuses a contribution whose %s does not make sense with 400', async (field, overrides) => {
    const response = await t.http
      .post('/api/v1/contributions')
      .set(await t.as(AA))
      .send(contribution(overrides));
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe(field);
  });

  it('takes a US$ contribution without usdAmount and refuses a duplicate reference with 409', async () => {
    const aa = await t.as(AA);
    const body = {
      donorCode: 'ESP',
      kind: 'COMMITMENT',
      currency: 'USD',
      amount: '250000.00',
      date: '2026-01-20',
      reference: 'ESP-2026-1',
    };
    const first = await t.http.post('/api/v1/contributions').set(aa).send(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      usdAmount: '250000.00',
      exchangeRate: '1.0000',
      reference: 'ESP-2026-1',
    });
    const again = await t.http.post('/api/v1/contributions').set(aa).send(body);
    expect(again.status).toBe(409);
  });

  it('lets only the AA record money, and only focal points of the PUNO report expenditure', async () => {
    const programmeId = await insertProgramme(t.db);
    for (const email of [FMU, 'donor.deu@mptf.test', 'iom.focal@mptf.test', 'chair@mptf.test']) {
      const response = await t.http
        .post('/api/v1/contributions')
        .set(await t.as(email))
        .send(contribution());
      expect(response.status).toBe(403);
    }
    const transfer = { orgCode: 'IOM', amount: '1.00', date: '2026-01-01' };
    expect(
      (
        await t.http
          .post(`/api/v1/programmes/${programmeId}/transfers`)
          .set(await t.as(FMU))
          .send(transfer)
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post(`/api/v1/programmes/${programmeId}/refunds`)
          .set(await t.as('iom.focal@mptf.test'))
          .send(transfer)
      ).status,
    ).toBe(403);
    const expenditure = { orgCode: 'IOM', year: 2026, lines: [{ categoryCode: 1, amount: '1.00' }] };
    const wrongAgency = await t.http
      .post(`/api/v1/programmes/${programmeId}/expenditures`)
      .set(await t.as('unicef.focal@mptf.test'))
      .send(expenditure);
    expect(wrongAgency.status).toBe(403);
    expect(
      (
        await t.http
          .post(`/api/v1/programmes/${programmeId}/expenditures`)
          .set(await t.as(AA))
          .send(expenditure)
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post(`/api/v1/programmes/${programmeId}/close`)
          .set(await t.as('iom.focal@mptf.test'))
          .send({ kind: 'OPERATIONAL' })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.http
          .post('/api/v1/fund/entries')
          .set(await t.as(FMU))
          .send({ kind: 'INTEREST', amount: '1.00', date: '2026-01-01' })
      ).status,
    ).toBe(403);
    expect((await t.http.get('/api/v1/contributions').set(await t.as('iom.focal@mptf.test'))).status).toBe(
      403,
    );
  });

  it('answers 404 for an unknown programme and 400 for a malformed id', async () => {
    const aa = await t.as(AA);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await t.http.get(`/api/v1/programmes/${unknown}`).set(aa)).status).toBe(404);
    expect(
      (
        await t.http
          .post(`/api/v1/programmes/${unknown}/transfers`)
          .set(aa)
          .send({ orgCode: 'IOM', amount: '1.00', date: '2026-01-01' })
      ).status,
    ).toBe(404);
    expect((await t.http.get('/api/v1/programmes/not-a-uuid').set(aa)).status).toBe(400);
    const draft = await insertProgramme(t.db, { status: 'UNDER_REVIEW' });
    expect((await t.http.get(`/api/v1/programmes/${draft}`).set(aa)).status).toBe(404);
  });

  it('answers 409 naming the state for money on a proposal that is not a running programme', async () => {
    const aa = await t.as(AA);
    const underReview = await insertProgramme(t.db, { status: 'UNDER_REVIEW' });
    const transfer = await t.http
      .post(`/api/v1/programmes/${underReview}/transfers`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '1.00', date: '2026-01-01' });
    expect(transfer.status).toBe(409);
    expect(transfer.body.message).toContain('UNDER_REVIEW');
    const approved = await insertProgramme(t.db);
    const refund = await t.http
      .post(`/api/v1/programmes/${approved}/refunds`)
      .set(aa)
      .send({ orgCode: 'IOM', amount: '1.00', date: '2026-01-01' });
    expect(refund.status).toBe(409);
    expect(refund.body.message).toContain('APPROVED');
    const expenditure = await t.http
      .post(`/api/v1/programmes/${approved}/expenditures`)
      .set(await t.as('iom.focal@mptf.test'))
      .send({ orgCode: 'IOM', year: 2026, lines: [{ categoryCode: 1, amount: '1.00' }] });
    expect(expenditure.status).toBe(409);
    const close = await t.http
      .post(`/api/v1/programmes/${approved}/close`)
      .set(await t.as(FMU))
      .send({ kind: 'OPERATIONAL' });
    expect(close.status).toBe(409);
    expect(close.body.message).toContain('APPROVED');
    const drafted = await insertProgramme(t.db, { status: 'DRAFT' });
    const allocation = await t.db
      .transaction((manager) =>
        finance.allocate(manager, {
          programmeId: drafted,
          actor,
          allocations: [{ orgCode: 'IOM', amountCents: 100n }],
        }),
      )
      .catch((error: { code?: string }) => error);
    expect(allocation).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('refuses bad transfer, expenditure and closure input with 400 naming the field', async () => {
    const programmeId = await insertProgramme(t.db);
    const aa = await t.as(AA);
    const iom = await t.as('iom.focal@mptf.test');
    const cases: [string, string, object, string][] = [
      ['transfers', AA, { orgCode: 'IOM', amount: '12.3.4', date: '2026-01-01' }, 'amount'],
      ['transfers', AA, { orgCode: 'IOM', amount: '1.00' }, 'date'],
      [
        'expenditures',
        'iom.focal@mptf.test',
        { orgCode: 'IOM', year: 2026, lines: [{ categoryCode: 9, amount: '1.00' }] },
        'lines.0.categoryCode',
      ],
      ['expenditures', 'iom.focal@mptf.test', { orgCode: 'IOM', year: 'last', lines: [] }, 'year'],
      ['close', AA, { kind: 'SOMETIMES' }, 'kind'],
    ];
    for (const [path, email, body, field] of cases) {
      const response = await t.http
        .post(`/api/v1/programmes/${programmeId}/${path}`)
        .set(email === AA ? aa : iom)
        .send(body);
      expect({ path, field, status: response.status }).toEqual({ path, field, status: 400 });
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    const programmes = await t.http.get('/api/v1/programmes?status=DRAFT').set(aa);
    expect(programmes.status).toBe(400);
    expect((await t.http.get('/api/v1/fund/status?year=abc').set(aa)).status).toBe(400);
    expect((await t.http.get('/api/v1/portfolio').set(aa)).status).toBe(400);
  });

  it('refuses a transfer to an organization that is not a PUNO of the programme with 422', async () => {
    const programmeId = await insertProgramme(t.db);
    const response = await t.http
      .post(`/api/v1/programmes/${programmeId}/transfers`)
      .set(await t.as(AA))
      .send({ orgCode: 'WFP', amount: '1.00', date: '2026-01-01' });
    expect(response.status).toBe(422);
    expect(response.body.details[0]).toMatchObject({ field: 'orgCode', rule: 'PUNO' });
  });

  it('respects earmarks: money earmarked for an area funds only programmes of that area', async () => {
    const aa = await t.as(AA);
    // 101,010.11 − 1,010.10 fee = 100,000.01 unearmarked.
    const open = await t.http
      .post('/api/v1/contributions')
      .set(aa)
      .send(contribution({ donorCode: 'BEL', currency: 'USD', amount: '101010.11', usdAmount: '101010.11' }));
    expect(open.status).toBe(201);
    const before = await finance.availableFunds();
    expect(before).toBe(parseMoney('100000.01'));
    const earmarked = await t.http
      .post('/api/v1/contributions')
      .set(aa)
      .send(
        contribution({
          donorCode: 'PRT',
          currency: 'USD',
          amount: '202020.21',
          usdAmount: '202020.21',
          earmark: { thematicAreaCode: 3 },
        }),
      );
    expect(earmarked.status).toBe(201);
    expect(earmarked.body.earmark).toEqual({ thematicAreaCode: 3 });
    // 202,020.21 − 2,020.20 fee = 200,000.01 for area 3 only.
    expect(await finance.availableFunds(undefined, { thematicAreaCode: 3 })).toBe(
      before + parseMoney('200000.01'),
    );
    expect(await finance.availableFunds(undefined, { thematicAreaCode: 1 })).toBe(before);

    const area1 = await insertProgramme(t.db, {
      thematicAreaCode: 1,
      punos: [{ orgCode: 'IOM', direct: '1000000.00' }],
    });
    const refused = await t.db
      .transaction((manager) =>
        finance.allocate(manager, {
          programmeId: area1,
          actor,
          allocations: [{ orgCode: 'IOM', amountCents: before + 1n }],
        }),
      )
      .catch((error: { code?: string; details?: { available: string }[] }) => error);
    expect(refused).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect((refused as { details: { available: string }[] }).details[0].available).toBe(formatMoney(before));

    const area3 = await insertProgramme(t.db, {
      thematicAreaCode: 3,
      punos: [{ orgCode: 'UNODC', direct: '1000000.00' }],
    });
    const amount = before + parseMoney('200000.01');
    await t.db.transaction((manager) =>
      finance.allocate(manager, {
        programmeId: area3,
        actor,
        allocations: [{ orgCode: 'UNODC', amountCents: amount }],
      }),
    );
    expect(await finance.availableFunds()).toBe(0n);
  });

  it('refuses a bank charge above the unearmarked money not promised to programmes', async () => {
    const response = await t.http
      .post('/api/v1/fund/entries')
      .set(await t.as(AA))
      .send({ kind: 'BANK_CHARGE', amount: '0.01', date: '2026-02-01' });
    expect(response.status).toBe(409);
    expect(response.body.details[0]).toMatchObject({ rule: 'AVAILABLE_FUNDS', available: '0.00' });
    const interest = await t.http
      .post('/api/v1/fund/entries')
      .set(await t.as(AA))
      .send({ kind: 'INTEREST', amount: '10.00', date: '2026-02-01' });
    expect(interest.status).toBe(201);
    expect(interest.body).toMatchObject({ kind: 'INTEREST', amount: '10.00' });
  });

  it('corrects a contribution with reversing entries, never by updating it', async () => {
    const aa = await t.as(AA);
    const [bel] = (await t.db.query(
      `SELECT e.id FROM ledger_entries e JOIN organizations o ON o.id = e.donor_org_id WHERE o.code = 'BEL' AND e.kind = 'DEPOSIT'`,
    )) as { id: string }[];
    // BEL's money is allocated by now: taking it back would overdraw the fund.
    const promised = await t.http
      .post(`/api/v1/contributions/${bel.id}/reverse`)
      .set(aa)
      .send({ reason: 'Entered by mistake' });
    expect(promised.status).toBe(409);
    expect(promised.body.details[0]).toMatchObject({ rule: 'AVAILABLE_FUNDS' });

    const before = (await t.http.get('/api/v1/fund/status').set(aa)).body.withAdministrativeAgent;
    const wrong = await t.http
      .post('/api/v1/contributions')
      .set(aa)
      .send(contribution({ donorCode: 'LUX', currency: 'USD', amount: '10000.00', usdAmount: '10000.00' }));
    expect(wrong.body.aaFee).toBe('100.00');
    const reversed = await t.http
      .post(`/api/v1/contributions/${wrong.body.id}/reverse`)
      .set(aa)
      .send({ reason: 'Recorded twice' });
    // The convention of api.md: 201 with the reversing record, which names the original and the reason.
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({
      id: expect.not.stringMatching(wrong.body.id),
      reverses: wrong.body.id,
      reason: 'Recorded twice',
      usdAmount: '-10000.00',
      aaFee: '-100.00',
      reversedBy: null,
    });
    expect((await t.http.get('/api/v1/fund/status').set(aa)).body.withAdministrativeAgent).toEqual(before);
    const listed = (await t.http.get('/api/v1/contributions?donor=LUX').set(aa)).body;
    expect(listed.total).toBe(2);
    expect(listed.items.find((c: { id: string }) => c.id === wrong.body.id).reversedBy).toBe(
      reversed.body.id,
    );
    const entries = (await t.db.query(
      `SELECT kind, amount::text AS amount FROM ledger_entries WHERE id = $1 OR corrects_entry_id = $1
          OR related_entry_id IN ($1, $2) OR corrects_entry_id IN (SELECT id FROM ledger_entries WHERE related_entry_id = $1)
        ORDER BY seq`,
      [wrong.body.id, reversed.body.id],
    )) as { kind: string; amount: string }[];
    expect(entries).toEqual([
      { kind: 'DEPOSIT', amount: '1000000' },
      { kind: 'AA_FEE', amount: '10000' },
      { kind: 'DEPOSIT', amount: '-1000000' },
      { kind: 'AA_FEE', amount: '-10000' },
    ]);

    const twice = await t.http
      .post(`/api/v1/contributions/${wrong.body.id}/reverse`)
      .set(aa)
      .send({ reason: 'Recorded twice' });
    expect(twice.status).toBe(409);
    const unknown = await t.http
      .post('/api/v1/contributions/00000000-0000-4000-8000-000000000000/reverse')
      .set(aa)
      .send({ reason: 'Recorded twice' });
    expect(unknown.status).toBe(404);
    const audit = await t.http
      .get(`/api/v1/audit?entityType=contribution&entityId=${wrong.body.id}`)
      .set(await t.as(FMU));
    expect(audit.body.items.map((event: { action: string }) => event.action)).toEqual([
      'contribution.reverse',
      'contribution.deposit',
    ]);
  });
});
