import { underReview } from '../review/review-fixtures';
import { createTestContext, TestContext } from '../support/test-context';
import { reportedActual } from '../support/programme-work';
import {
  activeProgrammeWithMatrix,
  API,
  CHAIR,
  expectStatus,
  FMU,
  IOM,
  programmeMatrix,
  setToday,
} from './programme-work-fixtures';

/** The matrix after a revision: OC1.1 renamed, an output OP1 with a new indicator under OC1. */
const revisedResults = [
  {
    key: 'OC1',
    type: 'OUTCOME',
    title: 'Migrant workers are recruited fairly',
    parentKey: null,
    indicators: [{ key: 'OC1.1', title: 'Workers recruited without any fee' }],
  },
  {
    key: 'OP1',
    type: 'OUTPUT',
    title: 'Recruiters trained',
    parentKey: 'OC1',
    indicators: [{ key: 'OP1.1', title: 'Recruiters certified' }],
  },
];

/** eligibleProposal: IOM 300000.00 (1) + 45000.50 (5), UNICEF 120000.00 (2) + 80000.25 (6). */
function moveFromUnicef(amount: number) {
  return [
    { orgCode: 'IOM', categoryCode: 1, amount: (300000 + amount).toFixed(2) },
    { orgCode: 'IOM', categoryCode: 5, amount: '45000.50' },
    { orgCode: 'UNICEF', categoryCode: 2, amount: (120000 - amount).toFixed(2) },
    { orgCode: 'UNICEF', categoryCode: 6, amount: '80000.25' },
  ];
}

/**
 * What an approved revision changes beyond its record: the live results matrix (in the approval's
 * transaction; the earlier matrix stays in the version in force before it) and, for money moved
 * between PUNOs, their allocations in the ledger, exactly once.
 */
describe('an approved revision takes effect', () => {
  let t: TestContext;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await activeProgrammeWithMatrix(t);
    // An approved actual on OC1.1: the indicator must survive any revision.
    setToday(t, '2026-07-15');
    const matrix = await expectStatus(
      await t.http.get(`${API}/proposals/${programmeId}/results-matrix`).set(await t.as(IOM)),
      200,
    );
    await reportedActual(
      t,
      matrix.results[0].indicators[0].id,
      { periodStart: '2026-02-01', periodEnd: '2026-06-30', value: 420, narrative: 'Fair channel' },
      { approve: true },
    );
  });
  afterAll(() => t.close());

  const liveMatrix = async () => {
    const body = await expectStatus(
      await t.http.get(`${API}/proposals/${programmeId}/results-matrix`).set(await t.as(FMU)),
      200,
    );
    return body.results.map((r: any) => ({ key: r.key, parentKey: r.parentKey }));
  };
  const request = async (body: object) =>
    expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/revisions`)
        .set(await t.as(IOM))
        .send({ kind: 'BUDGET_REVISION', justification: 'Adjusting to the corridor', ...body }),
      201,
    );
  const onAgenda = async (revisionId: string, title: string, date: string) => {
    const meeting = await expectStatus(
      await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title, date, proposalIds: [await underReview(t)] }),
      201,
    );
    await expectStatus(
      await t.http
        .put(`${API}/revisions/${revisionId}/meeting`)
        .set(await t.as(FMU))
        .send({ meetingId: meeting.id }),
      200,
    );
  };
  const decide = async (revisionId: string) =>
    t.http
      .post(`${API}/revisions/${revisionId}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'APPROVED', justification: 'Agreed at the meeting' });

  it('writes a revised results matrix to the live matrix on approval, earlier versions keep theirs', async () => {
    setToday(t, '2026-08-10');
    const revision = await request({ results: revisedResults });
    expect(revision.route).toBe('FUND_UNIT');
    // Not before approval.
    expect((await liveMatrix()).map((r: any) => r.key)).toEqual(['OC1']);
    await expectStatus(
      await t.http
        .post(`${API}/revisions/${revision.id}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'APPROVE', comment: 'Outputs sharpened' }),
      200,
    );
    const live = await liveMatrix();
    expect(live.map((r: any) => [r.key, r.parentKey])).toEqual([
      ['OC1', null],
      ['OP1', 'OC1'],
    ]);
    const matrix = await expectStatus(
      await t.http.get(`${API}/proposals/${programmeId}/results-matrix`).set(await t.as(FMU)),
      200,
    );
    const kept = matrix.results[0].indicators[0];
    expect(kept).toMatchObject({ key: 'OC1.1', title: 'Workers recruited without any fee' });
    // Its targets and its approved actual stay with it.
    expect(kept.targets).toEqual([
      expect.objectContaining({
        periodStart: '2026-02-01',
        actual: expect.objectContaining({ status: 'APPROVED' }),
      }),
    ]);
    expect(matrix.results[1].indicators[0]).toMatchObject({
      key: 'OP1.1',
      title: 'Recruiters certified',
      measure: 'QUALITATIVE',
    });
    // The version in force before the approval still has the first matrix.
    const before = await expectStatus(
      await t.http.get(`${API}/programmes/${programmeId}/versions?at=2026-08-09`).set(await t.as(FMU)),
      200,
    );
    expect(before.content.results).toEqual([
      expect.objectContaining({
        key: 'OC1',
        indicators: [{ key: 'OC1.1', title: programmeMatrix().results[0].indicators[0].title }],
      }),
    ]);
    const after = await expectStatus(
      await t.http.get(`${API}/programmes/${programmeId}/versions?at=2026-08-10`).set(await t.as(FMU)),
      200,
    );
    expect(after.content.results.map((r: any) => r.key)).toEqual(['OC1', 'OP1']);
  });

  it('refuses to approve a revision that drops an indicator with approved actuals, changing nothing', async () => {
    const revision = await request({
      results: [{ ...revisedResults[0], indicators: [] }, revisedResults[1]],
    });
    await onAgenda(revision.id, 'SC 2026/3', '2026-08-10');
    const refused = await decide(revision.id);
    expect(refused.status).toBe(409);
    expect(refused.body.details[0]).toMatchObject({ rule: 'APPROVED_ACTUALS', indicatorKey: 'OC1.1' });
    const still = await expectStatus(
      await t.http.get(`${API}/revisions/${revision.id}`).set(await t.as(FMU)),
      200,
    );
    expect(still.status).toBe('SUBMITTED');
    expect((await liveMatrix()).map((r: any) => r.key)).toEqual(['OC1', 'OP1']);
    await expectStatus(
      await t.http
        .post(`${API}/revisions/${revision.id}/decision`)
        .set(await t.as(CHAIR))
        .send({ outcome: 'REJECTED', justification: 'Keep the indicator' }),
      200,
    );
  });

  const money = async () => {
    const detail = await expectStatus(
      await t.http.get(`${API}/programmes/${programmeId}`).set(await t.as(FMU)),
      200,
    );
    const status = await expectStatus(await t.http.get(`${API}/fund/status`).set(await t.as(FMU)), 200);
    const sums = (await t.db.query(
      `SELECT o.code, s.allocated::text AS sum,
              (SELECT sum(e.amount)::text FROM ledger_entries e WHERE e.proposal_id = s.proposal_id
                 AND e.organization_id = s.organization_id AND e.kind = 'ALLOCATION') AS ledger
         FROM puno_ledger_sums s JOIN organizations o ON o.id = s.organization_id
        WHERE s.proposal_id = $1 ORDER BY o.code`,
      [programmeId],
    )) as { code: string; sum: string; ledger: string }[];
    return {
      allocated: Object.fromEntries(detail.organizations.map((o: any) => [o.orgCode, o.allocated])),
      total: detail.allocated,
      available: status.availableForAllocation as string,
      sums,
    };
  };

  it('moves money between PUNOs in the ledger exactly once, also when approved twice at once', async () => {
    const before = await money();
    expect(before.allocated).toEqual({ IOM: '369150.54', UNICEF: '214000.27' });
    const revision = await request({ budgetLines: moveFromUnicef(50000) });
    expect(revision.routeReasons.map((r: any) => r.rule)).toContain('PUNO_MOVE');
    await onAgenda(revision.id, 'SC 2026/4', '2026-08-10');
    const [first, second] = await Promise.all([decide(revision.id), decide(revision.id)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);

    const after = await money();
    // 50,000 direct + 7% indirect = 53,500 moves from UNICEF to IOM.
    expect(after.allocated).toEqual({ IOM: '422650.54', UNICEF: '160500.27' });
    expect(after.total).toBe(before.total);
    expect(after.available).toBe(before.available);
    for (const row of after.sums) expect(row.sum).toBe(row.ledger);
    const entries = (await t.db.query(
      `SELECT o.code, e.amount::text AS amount, e.entry_date::text AS date FROM ledger_entries e
         JOIN organizations o ON o.id = e.organization_id WHERE e.revision_id = $1 ORDER BY o.code`,
      [revision.id],
    )) as { code: string; amount: string; date: string }[];
    expect(entries).toEqual([
      { code: 'IOM', amount: '5350000', date: '2026-08-10' },
      { code: 'UNICEF', amount: '-5350000', date: '2026-08-10' },
    ]);
    // The database refuses a second posting for the same revision and PUNO.
    await expect(
      t.db.query(
        `INSERT INTO ledger_entries (kind, entry_date, year, amount, proposal_id, organization_id, revision_id)
         SELECT 'ALLOCATION', '2026-08-10', 2026, 5350000, proposal_id, organization_id, revision_id
           FROM ledger_entries WHERE revision_id = $1 AND amount > 0`,
        [revision.id],
      ),
    ).rejects.toThrow(/ledger_entries_revision_idx/);
  });

  it('refuses to take from a PUNO more than it has not yet received (it refunds first)', async () => {
    setToday(t, '2027-02-01');
    // UNICEF holds 100,000 transferred of its 160,500.27: moving 60,000 direct (64,200) would leave 96,300.27.
    const revision = await request({ budgetLines: moveFromUnicef(110000) });
    await onAgenda(revision.id, 'SC 2027/1', '2027-02-01');
    const before = await money();
    const refused = await decide(revision.id);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual([
      expect.objectContaining({
        rule: 'TRANSFERRED_ABOVE_ALLOCATION',
        orgCode: 'UNICEF',
        refundFirst: '3699.73',
      }),
    ]);
    expect(await money()).toEqual(before);
  });
});
