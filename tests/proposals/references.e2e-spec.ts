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
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    const drawn = (
      runner.query('SELECT next_proposal_reference($1) AS reference', [year]) as Promise<
        { reference: string }[]
      >
    ).then(([row]) => row.reference);
    return {
      pid,
      drawn,
      end: async (commit: boolean) => {
        await (commit ? runner.commitTransaction() : runner.rollbackTransaction());
        await runner.release();
      },
    };
  }

  /**
   * The backends `pid` waits for, as PostgreSQL sees it (pg_locks, through pg_blocking_pids),
   * polled until it waits for one or `timeoutMs` passes: a lock observed, not inferred from timing.
   */
  async function blockersOf(pid: number, timeoutMs = 10000): Promise<number[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ blockers, waiting }] = (await t.db.query(
        `SELECT pg_blocking_pids($1) AS blockers,
                EXISTS (SELECT 1 FROM pg_locks WHERE pid = $1 AND NOT granted) AS waiting`,
        [pid],
      )) as { blockers: number[]; waiting: boolean }[];
      if (waiting || Date.now() > deadline) return waiting ? blockers : [];
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  it("numbers a new year from 0001 when two first proposals of the year meet, and after one's rollback", async () => {
    const first = await drawIn(2150);
    expect(await first.drawn).toBe('MIG-2150-0001');
    // The second waits on a lock the first holds (its transaction has not committed yet).
    const second = await drawIn(2150);
    expect(await blockersOf(second.pid)).toEqual([first.pid]);
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
