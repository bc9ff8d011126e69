import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { insertProgramme } from '../support/programme-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { approvedProgramme, FMU, obligationsOf, setToday, transfer } from './programme-work-fixtures';

const BACKFILL_SCRIPT = join(__dirname, '../../dist/scripts/backfill-obligations.js');

/** `npm run backfill:obligations` (after the build): the built script, on this file's database. */
function runBackfill(t: TestContext): string {
  const run = spawnSync(process.execPath, [BACKFILL_SCRIPT], {
    env: { ...process.env, DATABASE_URL: t.databaseUrl },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`backfill exited ${run.status}: ${run.stderr}${run.stdout}`);
  return run.stdout;
}

/**
 * Programmes that became active before the reporting calendar existed have no obligations; the
 * backfill gives each exactly the ones the calendar would have, once, however often it runs.
 */
describe('backfill of reporting obligations', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('gives a programme activated without obligations exactly its obligations, once, even run twice', async () => {
    // Activated before the feature: ACTIVE since 1 Feb 2025 (24 months: ends 31 Jan 2027), no obligations.
    const legacy = await insertProgramme(t.db, {
      status: 'ACTIVE',
      punos: [
        { orgCode: 'IOM', direct: '100000.00' },
        { orgCode: 'UNICEF', direct: '50000.00' },
      ],
    });
    await t.db.query(`UPDATE proposals SET start_date = '2025-02-01' WHERE id = $1`, [legacy]);
    const pending = await insertProgramme(t.db, { status: 'APPROVED' });
    // A programme started through the application already has its calendar.
    setToday(t, '2026-02-01');
    const current = await approvedProgramme(t);
    await transfer(t, current, 'IOM', '100000.00', '2026-02-01');
    const currentBefore = await obligationsOf(t, current, FMU);
    expect(currentBefore).toHaveLength(11);
    expect(await obligationsOf(t, legacy, FMU)).toEqual([]);

    const first = runBackfill(t);
    expect(first).toMatch(/\[\d\/2\] MIG-2026-\d+: 11 obligation\(s\) created/);
    expect(first).toMatch(/: up to date/);
    expect(first).toContain('2 programme(s) checked, 1 changed, 11 obligation(s) created.');

    const shape = (items: Record<string, any>[]) =>
      items
        .map((o) => `${o.kind}/${o.year}/${o.orgCode}/${o.periodStart}/${o.periodEnd}/${o.dueDate}`)
        .sort();
    const expected = [
      'ANNUAL_NARRATIVE/2025/null/2025-02-01/2025-12-31/2026-03-31',
      'ANNUAL_NARRATIVE/2026/null/2026-01-01/2026-12-31/2027-03-31',
      'ANNUAL_FINANCIAL/2025/IOM/2025-02-01/2025-12-31/2026-04-30',
      'ANNUAL_FINANCIAL/2025/UNICEF/2025-02-01/2025-12-31/2026-04-30',
      'ANNUAL_FINANCIAL/2026/IOM/2026-01-01/2026-12-31/2027-04-30',
      'ANNUAL_FINANCIAL/2026/UNICEF/2026-01-01/2026-12-31/2027-04-30',
      'ANNUAL_FINANCIAL/2027/IOM/2027-01-01/2027-01-31/2028-04-30',
      'ANNUAL_FINANCIAL/2027/UNICEF/2027-01-01/2027-01-31/2028-04-30',
      'FINAL_NARRATIVE/null/null/2025-02-01/2027-01-31/2027-04-30',
      'FINAL_FINANCIAL/null/IOM/2025-02-01/2027-01-31/2027-07-31',
      'FINAL_FINANCIAL/null/UNICEF/2025-02-01/2027-01-31/2027-07-31',
    ].sort();
    expect(shape(await obligationsOf(t, legacy, FMU))).toEqual(expected);
    // Overdue ones count as overdue at once (the calendar reads the clock, nothing is stored).
    setToday(t, '2026-05-10');
    expect((await obligationsOf(t, legacy, FMU)).filter((o) => o.status === 'OVERDUE').length).toBe(3);

    const second = runBackfill(t);
    expect(second).toContain('2 programme(s) checked, 0 changed, 0 obligation(s) created.');
    const rows = (await t.db.query(
      `SELECT proposal_id, count(*)::int AS n FROM reporting_obligations GROUP BY proposal_id`,
    )) as { proposal_id: string; n: number }[];
    expect(Object.fromEntries(rows.map((r) => [r.proposal_id, r.n]))).toEqual({
      [legacy]: 11,
      [current]: 11,
    });
    expect(shape(await obligationsOf(t, current, FMU))).toEqual(shape(currentBefore));
    expect(rows.some((r) => r.proposal_id === pending)).toBe(false);
  });
});
