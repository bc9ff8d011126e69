import { createTestContext, TestContext } from '../support/test-context';

/** `next_proposal_reference(year)`: one sequence per year, created by the year's first proposal. */
describe('proposal references', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  /** Runs `next_proposal_reference(year)` in a transaction of its own, ended by `end`. */
  async function drawIn(year: number) {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const drawn = (
      runner.query('SELECT next_proposal_reference($1) AS reference', [year]) as Promise<
        { reference: string }[]
      >
    ).then(([row]) => row.reference);
    return {
      drawn,
      end: async (commit: boolean) => {
        await (commit ? runner.commitTransaction() : runner.rollbackTransaction());
        await runner.release();
      },
    };
  }

  it("numbers a new year from 0001 when two first proposals of the year meet, and after one's rollback", async () => {
    const first = await drawIn(2150);
    expect(await first.drawn).toBe('MIG-2150-0001');
    // The second waits for the first's sequence (its transaction has not committed yet).
    const second = await drawIn(2150);
    const waiting = await Promise.race([
      second.drawn,
      new Promise((done) => setTimeout(done, 300, 'waiting')),
    ]);
    expect(waiting).toBe('waiting');
    await first.end(true);
    expect(await second.drawn).toBe('MIG-2150-0002');
    await second.end(true);

    // A first proposal that rolls back takes its new sequence with it; the next one creates it again.
    const rolledBack = await drawIn(2151);
    expect(await rolledBack.drawn).toBe('MIG-2151-0001');
    await rolledBack.end(false);
    const next = await drawIn(2151);
    expect(await next.drawn).toBe('MIG-2151-0001');
    await next.end(true);
  });

  it('keeps counting past 9999 without cutting digits', async () => {
    await t.db.query('SELECT setval(proposal_number_sequence(2152), 9998)');
    const [a] = await t.db.query('SELECT next_proposal_reference(2152) AS reference');
    const [b] = await t.db.query('SELECT next_proposal_reference(2152) AS reference');
    expect([a.reference, b.reference]).toEqual(['MIG-2152-9999', 'MIG-2152-10000']);
  });
});
