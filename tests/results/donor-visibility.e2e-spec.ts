import { INestApplicationContext } from '@nestjs/common';
import { binary, finished, zipEntries } from '../reporting/report-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { ActualState, actualsInEveryState, insertProposal } from './results-fixtures';

const API = '/api/v1';
const DONOR = 'donor.deu@mptf.test';
const FMU = 'fmu@mptf.test';
const IOM = 'iom.focal@mptf.test';

interface ActualBody {
  id: string;
  status: string;
  reviewComment: string | null;
}

/**
 * Donors see published figures only (issue 15, item 9): approved actuals, never drafts, submitted
 * or returned ones nor the fund unit's comments, through /actuals, the results matrix and the due
 * list; donor reports count proposals from submission on. Contributions by donor are public (the
 * fund's gateway publishes them), so /contributions shows every donor's to a donor as well.
 */
describe('what donors see of results, proposals and contributions', () => {
  let t: TestContext;
  let programmeId: string;
  let actuals: Record<ActualState, string>;

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await insertProposal(t.db, { status: 'ACTIVE', orgCodes: ['IOM', 'UNDP'] });
    actuals = await actualsInEveryState(t, programmeId, IOM);
  });
  afterAll(() => t.close());

  it('lists only approved actuals to a donor, with no review comment', async () => {
    const listed = await t.http.get(`${API}/actuals?programmeId=${programmeId}`).set(await t.as(DONOR));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a: ActualBody) => [a.id, a.status])).toEqual([
      [actuals.APPROVED, 'APPROVED'],
    ]);
    expect(listed.body.total).toBe(1);
    // The fund unit still sees every state it works with, the comment included.
    const fmu = await t.http.get(`${API}/actuals?programmeId=${programmeId}`).set(await t.as(FMU));
    const returned = fmu.body.items.find((a: ActualBody) => a.id === actuals.RETURNED);
    expect(returned.reviewComment).toBe('Internal note: the count looks doubled');
  });

  it('refuses a donor the actuals that are not approved, one by one (403)', async () => {
    const donor = await t.as(DONOR);
    for (const state of ['DRAFT', 'SUBMITTED', 'RETURNED'] as const) {
      const response = await t.http.get(`${API}/actuals/${actuals[state]}`).set(donor);
      expect({ state, status: response.status, comment: response.body.reviewComment }).toEqual({
        state,
        status: 403,
        comment: undefined,
      });
    }
    const approved = await t.http.get(`${API}/actuals/${actuals.APPROVED}`).set(donor);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('APPROVED');
  });

  it('shows a donor only approved actuals in the results matrix and the due list', async () => {
    const matrix = await t.http.get(`${API}/proposals/${programmeId}/results-matrix`).set(await t.as(DONOR));
    expect(matrix.status).toBe(200);
    const shown = (matrix.body.results as { indicators: { targets: { actual: ActualBody | null }[] }[] }[])
      .flatMap((result) => result.indicators)
      .flatMap((indicator) => indicator.targets)
      .flatMap((target) => (target.actual ? [target.actual] : []));
    expect(shown.map((actual) => [actual.id, actual.status])).toEqual([[actuals.APPROVED, 'APPROVED']]);
    const focal = await t.http.get(`${API}/proposals/${programmeId}/results-matrix`).set(await t.as(IOM));
    expect(JSON.stringify(focal.body)).toContain(actuals.DRAFT);

    const due = await t.http.get(`${API}/programmes/${programmeId}/results/due`).set(await t.as(DONOR));
    expect(due.status).toBe(200);
    const text = JSON.stringify(due.body);
    for (const state of ['DRAFT', 'SUBMITTED', 'RETURNED'] as const)
      expect(text).not.toContain(actuals[state]);
  });

  it("shows a donor every donor's contributions, as the annual report and the gateway do, without others' references", async () => {
    const aa = await t.as('aa@mptf.test');
    for (const [donorCode, reference] of [
      ['SWE', 'SE-2026-001'],
      ['DEU', 'DE-2026-001'],
    ])
      await t.http
        .post(`${API}/contributions`)
        .set(aa)
        .send({
          donorCode,
          kind: 'DEPOSIT',
          currency: 'USD',
          amount: '1000.00',
          date: '2026-02-01',
          reference,
        })
        .expect(201);
    const donor = await t.as(DONOR);
    const all = await t.http.get(`${API}/contributions`).set(donor);
    expect(all.status).toBe(200);
    const byDonor = new Map(
      (all.body.items as { donorCode: string; reference: string | null }[]).map((c) => [
        c.donorCode,
        c.reference,
      ]),
    );
    expect(byDonor).toEqual(
      new Map([
        ['SWE', null],
        ['DEU', 'DE-2026-001'],
      ]),
    );
    const swe = await t.http.get(`${API}/contributions?donor=SWE`).set(donor);
    expect(swe.status).toBe(200);
    expect(swe.body.total).toBe(1);
  });

  describe('donor reports', () => {
    let worker: INestApplicationContext;
    beforeAll(async () => {
      worker = await t.startWorker();
    });
    afterAll(() => worker.close());

    it('count proposals from submission on: no drafts, no draft withdrawn unsubmitted', async () => {
      await insertProposal(t.db, { status: 'DRAFT', version: 0 });
      await insertProposal(t.db, { status: 'DRAFT', version: 0 });
      await insertProposal(t.db, { status: 'WITHDRAWN', version: 0 });
      await insertProposal(t.db, { status: 'WITHDRAWN', version: 1 });
      await insertProposal(t.db, { status: 'SUBMITTED', version: 1 });
      const run = await t.http
        .post(`${API}/reports`)
        .set(await t.as(DONOR))
        .send({ type: 'ANNUAL_CONSOLIDATED', format: 'csv', parameters: {} });
      expect(run.status).toBe(202);
      expect((await finished(t, run.body.id, DONOR)).status).toBe('SUCCEEDED');
      const file = await t.http
        .get(`${API}/reports/${run.body.id}/file`)
        .set(await t.as(DONOR))
        .buffer(true)
        .parse(binary);
      // The table's own file in the report's zip of CSV files.
      const entries = zipEntries(file.body as Buffer)!;
      const name = [...entries.keys()].find((entry) => entry.includes('all-proposals-by-lifecycle-status'))!;
      const section = entries.get(name)!.toString('utf8');
      const count = (label: string) => Number(new RegExp(`"${label}",(\\d+)`).exec(section)?.[1]);
      expect(section).not.toContain('"Draft"');
      expect(count('Withdrawn')).toBe(1);
      expect(count('Submitted')).toBe(1);
      expect(count('Active')).toBe(1);
      expect(count('Total')).toBe(3);
    });
  });
});
