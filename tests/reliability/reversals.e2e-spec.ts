import fc from 'fast-check';
import { moneyOps, runMoneySequence } from '../support/money-model';
import { createTestContext, TestContext } from '../support/test-context';
import { reportFigure, size } from './support/figures';
import { AA, ledgerViolations } from './support/fixtures';

/**
 * Reversals keeping every invariant: random sequences of money entries and reversals (some raced
 * by two requests at once) through the API, checked after each step against a model of the
 * balances (fund status, programme money, available funds, the programme's start); then bursts
 * of concurrent reversals of one entry, of which exactly one may succeed.
 */
describe('reliability: reversals keeping every invariant', () => {
  let t: TestContext;
  const seed = Number(process.env.RELIABILITY_SEED ?? Date.now() % 2 ** 31);
  beforeAll(async () => {
    t = await createTestContext();
    await new Promise<void>((listening) => t.app.getHttpServer().listen(0, '127.0.0.1', listening));
  });
  afterAll(() => t.close());

  it('random sequences of entries and reversals agree with the model after every step', async () => {
    const sequences = fc.sample(moneyOps(size(30, 12)), { numRuns: size(25, 3), seed });
    const total = { steps: 0, accepted: 0, refused: 0, reversals: 0, concurrentReversals: 0 };
    const problems: string[] = [];
    for (const ops of sequences) {
      const figures = await runMoneySequence(t, ops);
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += figures[key];
      problems.push(...figures.problems);
      if (problems.length > 10) break;
    }
    reportFigure(
      'reversals',
      `${sequences.length} random sequences, seed ${seed} (${total.steps} steps: accepted/refused as the model says)`,
      `${total.accepted}/${total.refused}`,
      'both > 0',
      total.accepted > 0 && total.refused > 0,
    );
    reportFigure(
      'reversals',
      `reversals attempted (${total.concurrentReversals} raced by two requests at once)`,
      total.reversals,
      '> 0',
      total.reversals > 0,
    );
    reportFigure(
      'reversals',
      'disagreements with the model and invariant violations',
      problems.length,
      '0',
      problems.length === 0,
    );
    expect(problems.slice(0, 10)).toEqual([]);
  }, 600_000);

  it('bursts of concurrent reversals of one entry: exactly one succeeds, the ledger stays intact', async () => {
    const aa = await t.as(AA);
    const entries = size(40, 5);
    const racers = 5;
    let twice = 0;
    let wrongAnswers = 0;
    for (let index = 0; index < entries; index++) {
      const entry = await t.http
        .post('/api/v1/fund/entries')
        .set(aa)
        .send({ kind: 'OTHER_INCOME', amount: '10.00', date: '2026-02-01' });
      const answers = await Promise.all(
        Array.from({ length: racers }, () =>
          t.http.post(`/api/v1/fund/entries/${entry.body.id}/reverse`).set(aa).send({ reason: 'Raced' }),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      if (JSON.stringify(statuses) !== JSON.stringify([201, 409, 409, 409, 409])) wrongAnswers += 1;
      const [{ corrections }] = (await t.db.query(
        'SELECT count(*)::int AS corrections FROM ledger_entries WHERE corrects_entry_id = $1',
        [entry.body.id],
      )) as { corrections: number }[];
      if (corrections !== 1) twice += 1;
    }
    const violations = await ledgerViolations(t);
    reportFigure(
      'reversals',
      `${entries} entries each reversed by ${racers} requests at once: answers other than one 201 and four 409`,
      wrongAnswers,
      '0',
      wrongAnswers === 0,
    );
    reportFigure(
      'reversals',
      'entries corrected other than exactly once, and ledger violations',
      twice + violations.length,
      '0',
      twice + violations.length === 0,
    );
    expect({ wrongAnswers, twice, violations }).toEqual({ wrongAnswers: 0, twice: 0, violations: [] });
  }, 300_000);
});
