import { sqlRow, sqlRows, SqlRunner, unwrapReturning } from './sql';

/** A runner answering as TypeORM's PostgreSQL driver does for each kind of statement. */
function runner(result: unknown): SqlRunner & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    query: (text: string, params?: unknown[]) => {
      calls.push([text, params]);
      return Promise.resolve(result);
    },
  } as SqlRunner & { calls: unknown[][] };
}

describe('sql helpers', () => {
  it('give the rows of UPDATE … RETURNING, which TypeORM wraps as [rows, count]', async () => {
    const db = runner([[{ id: 'a' }, { id: 'b' }], 2]);
    expect(await sqlRows<{ id: string }>(db, 'UPDATE t SET x = 1 RETURNING id')).toEqual([
      { id: 'a' },
      { id: 'b' },
    ]);
    expect(unwrapReturning([[], 0])).toEqual([]);
  });

  it('give the rows of SELECT and INSERT as they come, mapped when asked', async () => {
    const db = runner([{ due_date: '2026-04-30' }]);
    const rows = await sqlRows(
      db,
      'SELECT due_date FROM t WHERE id = $1',
      ['x'],
      (row: { due_date: string }) => ({
        dueDate: row.due_date,
      }),
    );
    expect(rows).toEqual([{ dueDate: '2026-04-30' }]);
    expect(db.calls).toEqual([['SELECT due_date FROM t WHERE id = $1', ['x']]]);
  });

  it('keep a two-row result whose second row is an object', async () => {
    expect(await sqlRows(runner([{ n: 1 }, { n: 2 }]), 'SELECT n FROM t')).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('give one row or null', async () => {
    expect(await sqlRow(runner([[{ id: 'a' }], 1]), 'DELETE FROM t RETURNING id')).toEqual({ id: 'a' });
    expect(await sqlRow(runner([]), 'SELECT 1 WHERE false')).toBeNull();
  });
});
