import { seedDemo } from '../../seeds/demo.seed';
import { createTestContext, TestContext } from '../support/test-context';

/** The demo portfolio has reports due, overdue and accepted, and one revision; seeding twice adds nothing. */
describe('demo data: reporting calendar, progress reports and a revision', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo({ app: t.app, dataSource: t.db, progress: () => undefined });
  }, 300000);
  afterAll(() => t.close());

  const counts = async () =>
    (
      (await t.db.query(
        `SELECT (SELECT count(*)::int FROM reporting_obligations) AS obligations,
                (SELECT count(*)::int FROM progress_reports) AS reports,
                (SELECT count(*)::int FROM programme_revisions) AS revisions`,
      )) as { obligations: number; reports: number; revisions: number }[]
    )[0];

  it('shows reports due, overdue, submitted and accepted on the fund unit’s calendar', async () => {
    const fmu = { Authorization: `Bearer ${await t.token('fmu@mptf.test')}` };
    const summary = await t.http.get('/api/v1/obligations/summary').set(fmu);
    expect(summary.status).toBe(200);
    expect(summary.body.DUE).toBeGreaterThan(0);
    expect(summary.body.OVERDUE).toBeGreaterThan(0);
    expect(summary.body.ACCEPTED).toBeGreaterThan(0);
    const accepted = await t.http.get('/api/v1/obligations?status=ACCEPTED&q=MIG').set(fmu);
    expect(accepted.body.items.some((o: { kind: string }) => o.kind === 'ANNUAL_NARRATIVE')).toBe(true);
    const [revision] = (await t.db.query(
      `SELECT kind, status, decided_as FROM programme_revisions`,
    )) as object[];
    expect(revision).toEqual({ kind: 'NO_COST_EXTENSION', status: 'APPROVED', decided_as: 'FUND_UNIT' });
  });

  it('changes nothing when seeded again', async () => {
    const before = await counts();
    await seedDemo({ app: t.app, dataSource: t.db, progress: () => undefined });
    expect(await counts()).toEqual(before);
    expect(before.reports).toBeGreaterThanOrEqual(1);
    expect(before.revisions).toBe(1);
  }, 300000);
});
