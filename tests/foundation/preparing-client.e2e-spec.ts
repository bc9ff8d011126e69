import { MAX_PREPARED_PER_CONNECTION, parseEnv, PreparingClient } from '@mptf/platform';
import { Pool } from 'pg';
import { TEST_POSTGRES_URL } from '../support/services';

describe('PreparingClient', () => {
  let pool: Pool;

  beforeAll(() => {
    pool = new Pool({ connectionString: TEST_POSTGRES_URL, max: 1, Client: PreparingClient });
  });

  afterAll(() => pool.end());

  const prepared = async () =>
    (
      await pool.query<{ name: string; statement: string }>(
        'SELECT name, statement FROM pg_prepared_statements ORDER BY prepare_time',
      )
    ).rows;

  it('prepares a parameterized statement once per connection and reuses it', async () => {
    const text = 'SELECT $1::int + $2::int AS sum';
    for (const [a, b] of [
      [1, 2],
      [40, 2],
      [-5, 5],
    ])
      expect((await pool.query<{ sum: number }>(text, [a, b])).rows[0].sum).toBe(a + b);
    const statements = await prepared();
    expect(statements.filter((s) => s.statement === text)).toHaveLength(1);
    expect(statements.find((s) => s.statement === text)?.name).toMatch(/^mptf_[\w-]{27}$/);
  });

  it('leaves statements without parameters unnamed and keeps errors as they were', async () => {
    await pool.query('SELECT 1 AS plain');
    expect((await prepared()).some((s) => s.statement === 'SELECT 1 AS plain')).toBe(false);
    await expect(pool.query('SELECT $1::int AS n', ['not a number'])).rejects.toThrow(
      'invalid input syntax for type integer',
    );
    // The failed execution does not spoil the prepared statement.
    expect((await pool.query<{ n: number }>('SELECT $1::int AS n', ['7'])).rows[0].n).toBe(7);
  });

  it('runs statements unnamed once a connection holds its maximum', async () => {
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 10; i++)
      expect((await pool.query<{ n: number }>(`SELECT $1::int + ${i} AS n`, [1])).rows[0].n).toBe(i + 1);
    expect((await prepared()).length).toBe(MAX_PREPARED_PER_CONNECTION);
  });

  it('is switched off by DATABASE_PREPARED_STATEMENTS=false', () => {
    expect(parseEnv({}).DATABASE_PREPARED_STATEMENTS).toBe(true);
    expect(parseEnv({ DATABASE_PREPARED_STATEMENTS: 'false' }).DATABASE_PREPARED_STATEMENTS).toBe(false);
    expect(() => parseEnv({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow('DATABASE_PREPARED_STATEMENTS');
  });
});
