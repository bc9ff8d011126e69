import { parseMoney } from '@mptf/platform';
import type { DemoContext } from '../../seeds/demo/demo-context';
import { demoFinanceStep } from '../../seeds/demo/demo-finance.step';
import { demoProposalsStep } from '../../seeds/demo/demo-proposals.step';
import { demoResultsStep } from '../../seeds/demo/demo-results.step';
import { DECIDED_PROPOSALS, demoReviewStep, UPCOMING_MEETING_TITLE } from '../../seeds/demo/demo-review.step';
import { DEMO_STEPS } from '../../seeds/demo.seed';
import { createTestContext, TestContext } from '../support/test-context';
import { API, CHAIR, FMU, SC_UNDP } from './review-fixtures';

/** The demo Steering Committee: through the real services, after proposals and money, before results; once. */
describe('demo Steering Committee data', () => {
  let t: TestContext;
  let context: DemoContext;

  beforeAll(async () => {
    t = await createTestContext();
    context = { app: t.app, dataSource: t.db, progress: () => undefined };
  }, 120000);
  afterAll(() => t.close());

  const count = async (table: string) =>
    ((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0].n;

  it('runs after the proposals and the contributions and before the results', () => {
    const names = DEMO_STEPS.map((step) => step.name);
    expect(names.indexOf(demoReviewStep.name)).toBeGreaterThan(names.indexOf(demoProposalsStep.name));
    expect(names.indexOf(demoReviewStep.name)).toBeGreaterThan(names.indexOf(demoFinanceStep.name));
    expect(names.indexOf(demoReviewStep.name)).toBeLessThan(names.indexOf(demoResultsStep.name));
  });

  it('seeds reviews, two past meetings with decisions, a ranked pipeline, programme money and an upcoming meeting, once', async () => {
    for (const step of [demoProposalsStep, demoFinanceStep]) await step.run(context);
    expect(await demoReviewStep.alreadyDone(context)).toBe(false);
    await demoReviewStep.run(context);
    expect(await demoReviewStep.alreadyDone(context)).toBe(true);
    const before = await Promise.all(['reviews', 'sc_decisions', 'ledger_entries', 'sc_meetings'].map(count));
    await demoReviewStep.run(context);
    expect(
      await Promise.all(['reviews', 'sc_decisions', 'ledger_entries', 'sc_meetings'].map(count)),
    ).toEqual(before);
    await demoResultsStep.run(context);

    const outcomes = (await t.db.query(
      'SELECT outcome, count(*)::int AS n FROM sc_decisions GROUP BY outcome ORDER BY outcome',
    )) as { outcome: string; n: number }[];
    expect(Object.fromEntries(outcomes.map((row) => [row.outcome, row.n]))).toEqual({
      APPROVED: DECIDED_PROPOSALS.filter((p) => p.decision === 'APPROVED').length,
      PIPELINE: 2,
      REJECTED: 1,
      REVISION_REQUESTED: 1,
    });

    const programmes = (await t.http.get(`${API}/programmes?pageSize=200`).set(await t.as(FMU))).body;
    expect(new Set(programmes.items.map((p: { status: string }) => p.status))).toEqual(
      new Set(['APPROVED', 'ACTIVE', 'OPERATIONALLY_CLOSED', 'FINANCIALLY_CLOSED']),
    );
    for (const programme of programmes.items) expect(parseMoney(programme.allocated)).toBeGreaterThan(0n);

    const pipeline = (await t.http.get(`${API}/pipeline`).set(await t.as(SC_UNDP))).body;
    expect(pipeline.map((item: { rank: number; title: string }) => [item.rank, item.title])).toEqual([
      [1, 'Diaspora engagement for local development in Moldova'],
      [2, 'Protecting children and families displaced by disasters in the Caribbean'],
    ]);

    const meetings = (await t.http.get(`${API}/sc-meetings`).set(await t.as(CHAIR))).body;
    expect(meetings.total).toBe(3);
    const upcoming = meetings.items.find((m: { title: string }) => m.title === UPCOMING_MEETING_TITLE);
    const pack = (await t.http.get(`${API}/sc-meetings/${upcoming.id}/pack`).set(await t.as(CHAIR))).body;
    expect(pack.proposals.length).toBeGreaterThanOrEqual(4);
    expect(pack.proposals.some((p: { weightedScore: string | null }) => p.weightedScore !== null)).toBe(true);
    expect(parseMoney(pack.availableFunds)).toBeGreaterThan(0n);
    expect(Object.keys(pack.balance.ifApproved)).toHaveLength(pack.proposals.length);

    const queue = (await t.http.get(`${API}/review-queue`).set(await t.as(SC_UNDP))).body;
    expect(queue.length).toBeGreaterThan(0);
    const [{ n: conflicts }] = await t.db.query('SELECT count(*)::int AS n FROM review_conflicts');
    expect(conflicts).toBe(1);
    // The results step picked up the approved programmes.
    const [{ n: matrices }] = await t.db.query(
      'SELECT count(DISTINCT proposal_id)::int AS n FROM matrix_results',
    );
    expect(matrices).toBe(programmes.total);

    const status = (await t.http.get(`${API}/fund/status`).set(await t.as(FMU))).body;
    expect(parseMoney(status.withAdministrativeAgent.balance)).toBeGreaterThan(0n);
    expect(parseMoney(status.withParticipatingOrganizations.expenditure)).toBeGreaterThan(0n);
  }, 120000);
});
