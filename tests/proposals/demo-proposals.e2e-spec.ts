import { DEMO_PROPOSALS, demoProposalId, demoProposalsStep } from '../../seeds/demo/demo-proposals.step';
import { createTestContext, TestContext } from '../support/test-context';
import { FMU, IOM } from './proposal-fixtures';

describe('demo proposals', () => {
  let t: TestContext;
  const api = (path: string) => `/api/v1${path}`;
  const context = () => ({ app: t.app, dataSource: t.db, progress: () => undefined });

  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('seeds proposals in every intake state, through the real services, once', async () => {
    expect(await demoProposalsStep.alreadyDone(context())).toBe(false);
    await demoProposalsStep.run(context());
    expect(await demoProposalsStep.alreadyDone(context())).toBe(true);
    await demoProposalsStep.run(context()); // a second run adds nothing
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM proposals');
    expect(n).toBe(DEMO_PROPOSALS.length);

    const rows = (await t.db.query(
      'SELECT title, status, thematic_area_code, review_due_date FROM proposals',
    )) as { title: string; status: string; thematic_area_code: number; review_due_date: string | null }[];
    for (const demo of DEMO_PROPOSALS) {
      expect(rows.find((r) => r.title === demo.input.title)?.status).toBe(demo.status);
    }
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set([
        'DRAFT',
        'SUBMITTED',
        'RETURNED',
        'WITHDRAWN',
        'INELIGIBLE',
        'UNDER_REVIEW',
        'REVISION_REQUESTED',
      ]),
    );
    expect(new Set(rows.map((r) => r.thematic_area_code))).toEqual(new Set([1, 2, 3, 4, 5]));
    const underReview = rows.filter((r) => r.status === 'UNDER_REVIEW');
    expect(underReview.length).toBeGreaterThanOrEqual(5);
    expect(underReview.every((r) => r.review_due_date)).toBe(true);
  });

  it('is visible through the API like any other proposal', async () => {
    const fmu = await t.http.get(api('/proposals?pageSize=200')).set(await t.as(FMU));
    expect(fmu.body.total).toBe(DEMO_PROPOSALS.filter((p) => p.status !== 'DRAFT').length);
    const regions = await t.http.get(api('/proposals?region=Africa')).set(await t.as(FMU));
    expect(regions.body.total).toBeGreaterThan(0);

    const nepal = await demoProposalId(t.db, 'nepal-malaysia-labour-mobility');
    const detail = await t.http.get(api(`/proposals/${nepal}`)).set(await t.as(IOM));
    expect(detail.body).toMatchObject({
      status: 'UNDER_REVIEW',
      version: 2,
      reviewDueDate: expect.any(String),
    });
    expect(detail.body.documents).toEqual([
      expect.objectContaining({ kind: 'CONCEPT_NOTE', contentType: 'application/pdf' }),
    ]);
    const diff = await t.http.get(api(`/proposals/${nepal}/revisions/1/diff/2`)).set(await t.as(FMU));
    expect(diff.body.changes.map((c: { field: string }) => c.field)).toEqual(
      expect.arrayContaining(['participatingOrgCodes', 'markers.gender', 'budgetLines[UNWOMEN/1].amount']),
    );
    const timeline = await t.http.get(api(`/proposals/${nepal}/timeline`)).set(await t.as(FMU));
    expect(timeline.body.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'DRAFT',
      'SUBMITTED',
      'RETURNED',
      'SUBMITTED',
      'UNDER_REVIEW',
    ]);
  });
});
