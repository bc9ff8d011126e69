import { AllocationResult, FinanceService } from '@mptf/finance';
import { parseMoney } from '@mptf/platform';
import { Response } from 'supertest';
import { insertProgramme } from '../../support/programme-fixtures';
import { createTestContext, TestContext } from '../../support/test-context';

export const AA = 'aa@mptf.test';
export const FMU = 'fmu@mptf.test';

/**
 * The fund's scenario, from deposits to financial closure, as steps: the specs that walk it
 * (fund-finance, fund-closure) run the same steps, so a later part starts from exactly the state
 * the earlier part left. Each step returns its responses for the spec to check.
 */
export interface FundScenario {
  t: TestContext;
  finance: FinanceService;
  actor: { id: string; email: string };
  programmeId: string;
}

export type FundStatusBody = {
  withAdministrativeAgent: Record<string, string>;
  withParticipatingOrganizations: Record<string, string>;
  totalBalance: string;
};

export async function startFundScenario(): Promise<FundScenario> {
  const t = await createTestContext();
  const [actor] = (await t.db.query(`SELECT id, email FROM users WHERE email = $1`, [AA])) as {
    id: string;
    email: string;
  }[];
  const programmeId = await insertProgramme(t.db, {
    title: 'Safe pathways in Mexico',
    thematicAreaCode: 2,
    countryCodes: ['MEX', 'GTM'],
    gcmObjectiveCodes: [2, 7],
    punos: [
      { orgCode: 'IOM', direct: '1000000.00' },
      { orgCode: 'UNICEF', direct: '500000.00' },
    ],
  });
  return { t, finance: t.app.get(FinanceService), actor, programmeId };
}

export async function fundStatus(s: FundScenario, year?: number): Promise<FundStatusBody> {
  const response = await s.t.http
    .get('/api/v1/fund/status')
    .query(year ? { year } : {})
    .set(await s.t.as(FMU));
  expect(response.status).toBe(200);
  return response.body as FundStatusBody;
}

/** The identities of the funding-status table, to the cent. */
export function expectBalanced(status: FundStatusBody): void {
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
}

/** 1,000,000.00 EUR at 1.0850 from DEU and 500,000.00 US$ from NOR deposited; GBR pledges 2,000,000.00 GBP. */
export async function contribute(
  s: FundScenario,
): Promise<{ eur: Response; usd: Response; pledge: Response }> {
  const aa = await s.t.as(AA);
  const post = (body: object) => s.t.http.post('/api/v1/contributions').set(aa).send(body);
  const eur = await post({
    donorCode: 'DEU',
    kind: 'DEPOSIT',
    currency: 'EUR',
    amount: '1000000.00',
    usdAmount: '1085000.00',
    date: '2026-03-15',
  });
  const usd = await post({
    donorCode: 'NOR',
    kind: 'DEPOSIT',
    currency: 'USD',
    amount: '500000.00',
    usdAmount: '500000.00',
    date: '2026-03-20',
  });
  const pledge = await post({
    donorCode: 'GBR',
    kind: 'COMMITMENT',
    currency: 'GBP',
    amount: '2000000.00',
    usdAmount: '2540000.00',
    date: '2026-01-10',
  });
  return { eur, usd, pledge };
}

/** The SC's allocation (through the service its decision calls): 1,000,000.00 to IOM, 500,000.00 to UNICEF. */
export async function allocate(s: FundScenario): Promise<AllocationResult> {
  return s.t.db.transaction((manager) =>
    s.finance.allocate(manager, {
      programmeId: s.programmeId,
      actor: s.actor,
      date: '2026-03-31',
      allocations: [
        { orgCode: 'IOM', amountCents: parseMoney('1000000.00') },
        { orgCode: 'UNICEF', amountCents: parseMoney('500000.00') },
      ],
    }),
  );
}

export async function transfer(
  s: FundScenario,
  orgCode: string,
  amount: string,
  date: string,
): Promise<Response> {
  return s.t.http
    .post(`/api/v1/programmes/${s.programmeId}/transfers`)
    .set(await s.t.as(AA))
    .send({ orgCode, amount, date });
}

/** The two tranches: 600,000.00 to IOM on 2026-04-01 (the start), 300,000.00 to UNICEF on 2026-05-01. */
export const FIRST_TRANCHE = ['IOM', '600000.00', '2026-04-01'] as const;
export const SECOND_TRANCHE = ['UNICEF', '300000.00', '2026-05-01'] as const;

/** IOM reports 2026 (version 1, then version 2 replacing it); UNICEF reports 2026 once. */
export async function reportExpenditure(
  s: FundScenario,
): Promise<{ v1: Response; v2: Response; unicef: Response }> {
  const url = `/api/v1/programmes/${s.programmeId}/expenditures`;
  const iom = await s.t.as('iom.focal@mptf.test');
  const v1 = await s.t.http
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
  const v2 = await s.t.http
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
  const unicef = await s.t.http
    .post(url)
    .set(await s.t.as('unicef.focal@mptf.test'))
    .send({ orgCode: 'UNICEF', year: 2026, lines: [{ categoryCode: 2, amount: '111670.00' }] });
  return { v1, v2, unicef };
}

/** Interest of 1,234.56 and a bank charge of 25.10 on the fund; UNICEF refunds 20,000.00. */
export async function recordFundEntriesAndRefund(
  s: FundScenario,
): Promise<{ interest: Response; charge: Response; refund: Response }> {
  const aa = await s.t.as(AA);
  const interest = await s.t.http
    .post('/api/v1/fund/entries')
    .set(aa)
    .send({ kind: 'INTEREST', amount: '1234.56', date: '2026-06-30', description: 'Interest Q2' });
  const charge = await s.t.http
    .post('/api/v1/fund/entries')
    .set(aa)
    .send({ kind: 'BANK_CHARGE', amount: '25.10', date: '2026-06-30' });
  const refund = await s.t.http
    .post(`/api/v1/programmes/${s.programmeId}/refunds`)
    .set(aa)
    .send({ orgCode: 'UNICEF', amount: '20000.00', date: '2026-07-01' });
  return { interest, charge, refund };
}

/** Every step of fund-finance.e2e-spec, in its order, each checked to have been recorded. */
export async function replayToActiveProgramme(s: FundScenario): Promise<void> {
  const contributions = await contribute(s);
  for (const response of Object.values(contributions)) expect(response.status).toBe(201);
  await allocate(s);
  expect((await transfer(s, ...FIRST_TRANCHE)).status).toBe(201);
  expect((await transfer(s, ...SECOND_TRANCHE)).status).toBe(201);
  for (const response of Object.values(await reportExpenditure(s))) expect(response.status).toBe(201);
  for (const response of Object.values(await recordFundEntriesAndRefund(s)))
    expect(response.status).toBe(201);
}

/** A POST /contributions body: Ireland deposits EUR 100,000.00 (US$ 108,500.00) on 15 January 2026. */
export const contributionBody = (overrides: Record<string, unknown> = {}) => ({
  donorCode: 'IRL',
  kind: 'DEPOSIT',
  currency: 'EUR',
  amount: '100000.00',
  usdAmount: '108500.00',
  date: '2026-01-15',
  ...overrides,
});
