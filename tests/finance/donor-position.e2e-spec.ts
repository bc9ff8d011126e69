import { parseMoney } from '@mptf/platform';
import { demoFinanceStep } from '../../seeds/demo/demo-finance.step';
import { createTestContext, TestContext } from '../support/test-context';

const API = '/api/v1';
const DONOR = 'donor.deu@mptf.test';
const AA = 'aa@mptf.test';

/** A donor's own position, in the pledge's currency, and the contributor picker. */
describe('donor position and the contributor picker', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await demoFinanceStep.run({ app: t.app, dataSource: t.db, progress: () => undefined });
  });
  afterAll(() => t.close());

  it('shows Germany EUR 18M committed, 18M paid, nothing outstanding, and why the US$ figures differ', async () => {
    const response = await t.http.get(`${API}/donors/DEU/position`).set(await t.as(DONOR));
    expect(response.status).toBe(200);
    const eur = response.body.byCurrency.find((row: { currency: string }) => row.currency === 'EUR');
    expect(eur).toMatchObject({ committed: '18000000.00', paid: '18000000.00', outstanding: '0.00' });
    // The same EUR 18M is worth a different US$ amount on the pledge dates and on the payment dates.
    const gap = parseMoney(eur.paidUsd) - parseMoney(eur.committedUsd);
    expect(gap).not.toBe(0n);
    expect(parseMoney(eur.exchangeDifferenceUsd)).toBe(gap);
    expect(parseMoney(response.body.netDepositsUsd)).toBe(
      parseMoney(eur.paidUsd) - (parseMoney(eur.paidUsd) + 50n) / 100n,
    );
    expect(Number(response.body.shareOfFund)).toBeGreaterThan(0);
    expect(response.body.funds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ thematicAreaCode: 2, earmarkedUsd: expect.any(String) }),
      ]),
    );
  });

  it("keeps another donor's position from a donor viewer", async () => {
    expect((await t.http.get(`${API}/donors/NOR/position`).set(await t.as(DONOR))).status).toBe(403);
    expect((await t.http.get(`${API}/donors/NOR/position`).set(await t.as(AA))).status).toBe(200);
    expect((await t.http.get(`${API}/donors/XXX/position`).set(await t.as(AA))).status).toBe(404);
  });

  it('lists donors only, by name, searchable by a prefix of the name or code', async () => {
    const all = await t.http.get(`${API}/donors?limit=300`).set(await t.as(AA));
    expect(all.status).toBe(200);
    const names = all.body.map((d: { name: string }) => d.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en')));
    expect(all.body.map((d: { type: string }) => d.type)).not.toContain('UN_ENTITY');
    expect(all.body.map((d: { code: string }) => d.code)).not.toContain('IOM');
    const ger = await t.http.get(`${API}/donors?q=germ`).set(await t.as(AA));
    expect(ger.body.map((d: { code: string }) => d.code)).toEqual(['DEU']);
    const contributed = await t.http.get(`${API}/donors?contributed=true`).set(await t.as(AA));
    expect(contributed.body.length).toBeLessThan(20);
    expect(contributed.body.every((d: { hasContributed: boolean }) => d.hasContributed)).toBe(true);
  });
});
