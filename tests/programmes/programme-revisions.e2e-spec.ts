import { requestedBudgetRevision } from '../support/programme-work';
import { createTestContext, TestContext } from '../support/test-context';
import { underReview } from '../review/review-fixtures';
import {
  AA,
  activeProgramme,
  API,
  CHAIR,
  expectStatus,
  find,
  FMU,
  IOM,
  obligationsOf,
  reportExpenditure,
  SC_UNDP,
  setToday,
  UNICEF,
  UNICEF_2026_EXPENDITURE,
} from './programme-work-fixtures';

/**
 * Issue 19's journey after approval, second part (the first: programme-work.e2e-spec.ts): on a
 * programme started on 1 Feb 2026 whose UNICEF share reported 2026 expenditure, a no-cost extension approved by the fund unit, a budget
 * revision above the threshold decided by the Committee, and closure.
 */
describe('programme revisions and closure', () => {
  let t: TestContext;
  let programmeId: string;

  beforeAll(async () => {
    t = await createTestContext();
    programmeId = await activeProgramme(t);
    setToday(t, '2027-05-10');
    // What the first part's calendar saw reported: UNICEF's expenditure of 2026.
    await reportExpenditure(t, programmeId, UNICEF, UNICEF_2026_EXPENDITURE);
  });
  afterAll(() => t.close());

  it('lets the fund unit approve a no-cost extension within its threshold, and moves the final reports', async () => {
    const byUnicef = await t.http
      .post(`${API}/programmes/${programmeId}/revisions`)
      .set(await t.as(UNICEF))
      .send({ kind: 'NO_COST_EXTENSION', justification: 'x', endDate: '2028-06-30' });
    expect(byUnicef.status).toBe(403);
    const early = await t.http
      .post(`${API}/programmes/${programmeId}/revisions`)
      .set(await t.as(IOM))
      .send({ kind: 'NO_COST_EXTENSION', justification: 'x', endDate: '2027-12-31' });
    expect(early.status).toBe(422);
    expect(early.body.details[0]).toMatchObject({ field: 'endDate', rule: 'AFTER_END' });
    const revision = await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/revisions`)
        .set(await t.as(IOM))
        .send({
          kind: 'NO_COST_EXTENSION',
          justification: 'Recruitment agencies licensed late',
          endDate: '2028-06-30',
        }),
      201,
    );
    expect(revision).toMatchObject({
      status: 'SUBMITTED',
      route: 'FUND_UNIT',
      changes: [{ field: 'endDate', from: '2028-01-31', to: '2028-06-30' }],
    });
    const second = await t.http
      .post(`${API}/programmes/${programmeId}/revisions`)
      .set(await t.as(IOM))
      .send({ kind: 'NO_COST_EXTENSION', justification: 'x', endDate: '2028-07-31' });
    expect(second.status).toBe(409);
    const pending = await expectStatus(
      await t.http.get(`${API}/revisions?route=FUND_UNIT`).set(await t.as(FMU)),
      200,
    );
    expect(pending.map((r: any) => r.id)).toEqual([revision.id]);
    const approved = await expectStatus(
      await t.http
        .post(`${API}/revisions/${revision.id}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'APPROVE', comment: 'Within the fund unit threshold' }),
      200,
    );
    expect(approved).toMatchObject({ status: 'APPROVED', decidedAs: 'FUND_UNIT', decidedOn: '2027-05-10' });
    const obligations = await obligationsOf(t, programmeId, IOM);
    expect(find(obligations, 'FINAL_NARRATIVE', null, null).dueDate).toBe('2028-09-30');
    expect(find(obligations, 'FINAL_FINANCIAL', null, 'IOM').dueDate).toBe('2028-12-30');
    expect(find(obligations, 'ANNUAL_FINANCIAL', 2028, 'IOM').periodEnd).toBe('2028-06-30');
  });

  it('sends a budget revision above the threshold to the Committee, decided by the chair at a meeting', async () => {
    // eligibleProposal: IOM 300000.00 (1) + 45000.50 (5), UNICEF 120000.00 (2) + 80000.25 (6): 545000.75 direct.
    const revision = await requestedBudgetRevision(t, programmeId, {
      justification: 'Travel costs rose with the new corridor',
      iom: { staff: '150000.00', travel: '195000.50' },
    });
    expect(revision).toMatchObject({ route: 'COMMITTEE', routeReasons: [{ rule: 'MOVE_RATE' }] });
    expect(revision.changes).toEqual(
      expect.arrayContaining([
        { field: 'budgetLines[IOM/1].amount', from: '300000.00', to: '150000.00' },
        { field: 'budgetLines[IOM/5].amount', from: '45000.50', to: '195000.50' },
      ]),
    );
    const byFundUnit = await t.http
      .post(`${API}/revisions/${revision.id}/review`)
      .set(await t.as(FMU))
      .send({ outcome: 'APPROVE', comment: 'ok' });
    expect(byFundUnit.status).toBe(409);
    expect(byFundUnit.body.details[0].rule).toBe('COMMITTEE_ROUTE');
    const noMeeting = await t.http
      .post(`${API}/revisions/${revision.id}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'APPROVED', justification: 'ok' });
    expect(noMeeting.status).toBe(422);

    const meeting = await expectStatus(
      await t.http
        .post(`${API}/sc-meetings`)
        .set(await t.as(FMU))
        .send({ title: 'SC 2027/2', date: '2027-05-10', proposalIds: [await underReview(t)] }),
      201,
    );
    await expectStatus(
      await t.http
        .put(`${API}/revisions/${revision.id}/meeting`)
        .set(await t.as(FMU))
        .send({ meetingId: meeting.id }),
      200,
    );
    // A member decides only as acting chair, when the chair is recused.
    const byMember = await t.http
      .post(`${API}/revisions/${revision.id}/decision`)
      .set(await t.as(SC_UNDP))
      .send({ outcome: 'APPROVED', justification: 'ok' });
    expect(byMember.status).toBe(403);
    const decided = await expectStatus(
      await t.http
        .post(`${API}/revisions/${revision.id}/decision`)
        .set(await t.as(CHAIR))
        .send({ outcome: 'APPROVED', justification: "Travel is the programme's core" }),
      200,
    );
    expect(decided).toMatchObject({ status: 'APPROVED', decidedAs: 'CHAIR', meetingId: meeting.id });

    const versions = await expectStatus(
      await t.http.get(`${API}/programmes/${programmeId}/versions`).set(await t.as(UNICEF)),
      200,
    );
    expect(versions.map((v: any) => [v.version, v.kind, v.content.endDate])).toEqual([
      [0, null, '2028-01-31'],
      [1, 'NO_COST_EXTENSION', '2028-06-30'],
      [2, 'BUDGET_REVISION', '2028-06-30'],
    ]);
    const before = await expectStatus(
      await t.http.get(`${API}/programmes/${programmeId}/versions?at=2027-01-01`).set(await t.as(FMU)),
      200,
    );
    expect(before.version).toBe(0);
  });

  it('closes the programme: the final reports count from the closure, financial closure accepts the financial ones', async () => {
    setToday(t, '2027-06-15');
    await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/close`)
        .set(await t.as(AA))
        .send({ kind: 'OPERATIONAL' }),
      [200, 201],
    );
    let obligations = await obligationsOf(t, programmeId, FMU);
    expect(find(obligations, 'FINAL_NARRATIVE', null, null).dueDate).toBe('2027-09-15');
    expect(find(obligations, 'FINAL_FINANCIAL', null, 'UNICEF').dueDate).toBe('2027-12-15');
    expect(obligations.filter((o) => o.year === 2028)).toEqual([]);
    expect(obligations.filter((o) => o.kind === 'ANNUAL_NARRATIVE').map((o) => o.year)).toEqual([2026]);

    await reportExpenditure(t, programmeId, IOM, {
      orgCode: 'IOM',
      year: 2027,
      categoryCode: 1,
      amount: '100000.00',
    });
    await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/refunds`)
        .set(await t.as(AA))
        .send({ orgCode: 'UNICEF', amount: '40000.00', date: '2027-06-15' }),
      201,
    );
    await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/close`)
        .set(await t.as(AA))
        .send({ kind: 'FINANCIAL' }),
      [200, 201],
    );
    obligations = await obligationsOf(t, programmeId, FMU);
    expect(obligations.filter((o) => o.kind.endsWith('FINANCIAL')).map((o) => o.status)).toEqual(
      obligations.filter((o) => o.kind.endsWith('FINANCIAL')).map(() => 'ACCEPTED'),
    );
    expect(find(obligations, 'FINAL_NARRATIVE', null, null).status).toBe('DUE');
  });
});
