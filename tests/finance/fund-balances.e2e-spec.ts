import fc from 'fast-check';
import { moneyOps, runMoneySequence } from '../support/money-model';
import { createTestContext, TestContext } from '../support/test-context';

/**
 * The fund's balances as behaviour, not as definitions: random sequences of deposits, interest,
 * bank charges, transfers, refunds, expenditure reports and reversals of any of them go through
 * the API, and after every step the API's acceptance or refusal and its figures (fund status,
 * programme money and delivery rate, available funds, start date and status) match a model kept
 * in the test with plain arithmetic. (Replaces fund-math.spec's property, which restated the
 * function it tested.)
 */
describe('fund balances over random sequences of entries and reversals', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await new Promise<void>((listening) => t.app.getHttpServer().listen(0, '127.0.0.1', listening));
  });
  afterAll(() => t.close());

  it('agrees with the model after every step', async () => {
    const seen = { accepted: 0, refused: 0, reversals: 0 };
    await fc.assert(
      fc.asyncProperty(moneyOps(14), async (ops) => {
        const figures = await runMoneySequence(t, ops);
        seen.accepted += figures.accepted;
        seen.refused += figures.refused;
        seen.reversals += figures.reversals;
        expect(figures.problems).toEqual([]);
      }),
      {
        numRuns: 4,
        endOnFailure: true,
        seed: Number(process.env.FUND_BALANCES_SEED ?? Date.now() % 2 ** 31),
      },
    );
    // The sequences did exercise both answers.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.reversals).toBeGreaterThan(0);
  }, 120_000);
});
