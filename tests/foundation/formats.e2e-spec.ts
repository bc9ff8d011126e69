import { createTestContext, TestContext } from '../support/test-context';

/** The shared input formats refuse the same bad values on every route, with a 400 naming the field. */
describe('shared input formats', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('refuses impossible calendar dates and malformed money with 400, never 500', async () => {
    const aa = await t.as('aa@mptf.test');
    const response = await t.http.post('/api/v1/contributions').set(aa).send({
      donorCode: 'deu',
      kind: 'DEPOSIT',
      currency: 'EUR',
      amount: '1.234',
      usdAmount: 5,
      date: '2026-02-30',
    });
    expect(response.status).toBe(400);
    const fields = new Set((response.body.details as { field: string }[]).map((d) => d.field));
    expect([...fields].sort()).toEqual(['amount', 'date', 'donorCode', 'usdAmount']);
    expect(response.body.details).toContainEqual({
      field: 'date',
      message: 'Date must be a valid calendar date',
    });
  });
});
