import { DomainError, ErrorCode, parseMoney } from '@mptf/platform';
import { FinanceService } from '@mptf/finance';
import { insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';

const AA = 'aa@mptf.test';

/** Allocations and transfers are serialized on the fund: parallel requests never take more than is there. */
describe('fund finance under concurrency', () => {
  let t: TestContext;
  let finance: FinanceService;
  let actor: { id: string; email: string };

  beforeAll(async () => {
    t = await createTestContext();
    // A listening server, so parallel supertest requests share it instead of each binding one.
    await new Promise<void>((listening) => t.app.getHttpServer().listen(0, '127.0.0.1', listening));
    finance = t.app.get(FinanceService);
    [actor] = (await t.db.query('SELECT id, email FROM users WHERE email = $1', [AA])) as {
      id: string;
      email: string;
    }[];
  });
  afterAll(() => t.close());

  it('50 parallel transfers against a balance that fits 10 leave exactly 10 recorded', async () => {
    const aa = await t.as(AA);
    // 1,010,101.01 deposited − 10,101.01 AA fee = exactly 1,000,000.00 with the AA.
    const deposit = await t.http.post('/api/v1/contributions').set(aa).send({
      donorCode: 'SWE',
      kind: 'DEPOSIT',
      currency: 'USD',
      amount: '1010101.01',
      date: '2026-02-01',
    });
    expect(deposit.status).toBe(201);
    expect(deposit.body.aaFee).toBe('10101.01');
    const programmeId = await insertProgramme(t.db, {
      punos: [
        { orgCode: 'IOM', direct: '1000000.00' },
        { orgCode: 'ILO', direct: '10.00' },
      ],
    });
    await t.db.transaction((manager) =>
      finance.allocate(manager, {
        programmeId,
        actor,
        allocations: [{ orgCode: 'IOM', amountCents: parseMoney('1000000.00') }],
      }),
    );
    expect(await finance.availableFunds()).toBe(0n);

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_unused, index) =>
        t.http
          .post(`/api/v1/programmes/${programmeId}/transfers`)
          .set(aa)
          .send({
            orgCode: 'IOM',
            amount: '100000.00',
            date: `2026-03-${String((index % 28) + 1).padStart(2, '0')}`,
          }),
      ),
    );
    const codes = responses.map((response) => response.status);
    expect(codes.filter((code) => code === 201)).toHaveLength(10);
    expect(codes.filter((code) => code === 409)).toHaveLength(40);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body.details[0]).toMatchObject({ rule: 'UNTRANSFERRED_ALLOCATION', available: '0.00' });
    }

    const [ledger] = (await t.db.query(
      `SELECT count(*)::int AS n, sum(amount)::text AS total FROM ledger_entries WHERE kind = 'TRANSFER' AND proposal_id = $1`,
      [programmeId],
    )) as { n: number; total: string }[];
    expect(ledger).toEqual({ n: 10, total: parseMoney('1000000.00').toString() });
    const status = (await t.http.get('/api/v1/fund/status').set(aa)).body;
    expect(status.withAdministrativeAgent.balance).toBe('0.00');
    expect(status.withParticipatingOrganizations.transfers).toBe('1000000.00');
    // Only one request started the programme.
    const [{ starts }] = (await t.db.query(
      `SELECT count(*)::int AS starts FROM proposal_status_changes WHERE proposal_id = $1 AND to_status = 'ACTIVE'`,
      [programmeId],
    )) as { starts: number }[];
    expect(starts).toBe(1);
  });

  it('20 parallel allocations against funds that fit 5 leave exactly 5', async () => {
    // 505,050.51 − 5,050.51 fee = 500,000.00 available.
    const deposit = await t.http
      .post('/api/v1/contributions')
      .set(await t.as(AA))
      .send({
        donorCode: 'NLD',
        kind: 'DEPOSIT',
        currency: 'USD',
        amount: '505050.51',
        date: '2026-02-02',
      });
    expect(deposit.status).toBe(201);
    expect(await finance.availableFunds()).toBe(parseMoney('500000.00'));
    const programmes = await Promise.all(
      Array.from({ length: 20 }, () =>
        insertProgramme(t.db, { punos: [{ orgCode: 'UNDP', direct: '200000.00' }] }),
      ),
    );
    const outcomes = await Promise.allSettled(
      programmes.map((programmeId) =>
        t.db.transaction((manager) =>
          finance.allocate(manager, {
            programmeId,
            actor,
            allocations: [{ orgCode: 'UNDP', amountCents: parseMoney('100000.00') }],
          }),
        ),
      ),
    );
    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const rejected = outcomes.filter(
      (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
    );
    expect(fulfilled).toHaveLength(5);
    expect(rejected).toHaveLength(15);
    for (const { reason } of rejected) {
      expect(reason).toBeInstanceOf(DomainError);
      expect((reason as DomainError).code).toBe(ErrorCode.INSUFFICIENT_FUNDS);
      expect((reason as DomainError).details?.[0]).toMatchObject({
        rule: 'AVAILABLE_FUNDS',
        available: '0.00',
      });
    }
    const [{ total }] = (await t.db.query(
      `SELECT sum(amount)::text AS total FROM ledger_entries WHERE kind = 'ALLOCATION' AND proposal_id = ANY($1)`,
      [programmes],
    )) as { total: string }[];
    expect(total).toBe(parseMoney('500000.00').toString());
    expect(await finance.availableFunds()).toBe(0n);
  });
});
