import { createTestContext, TestContext } from '../support/test-context';
import { underReview } from '../review/review-fixtures';
import {
  AA,
  API,
  approvedProgramme,
  CHAIR,
  DONOR,
  expectStatus,
  find,
  FMU,
  IOM,
  obligationsOf,
  programmeMatrix,
  SC_UNDP,
  setToday,
  transfer,
  UNDP,
  UNICEF,
} from './programme-work-fixtures';

/**
 * Issue 19's journey after approval: the reporting calendar from the first transfer, an annual
 * progress report returned once and accepted, an overdue financial report, a no-cost extension
 * approved by the fund unit, a budget revision above the threshold decided by the Committee, and
 * closure; and who may read and write each part.
 */
describe('programme work after approval', () => {
  let t: TestContext;
  let programmeId: string;
  let reportId: string;

  beforeAll(async () => {
    t = await createTestContext();
    setToday(t, '2026-02-01');
    programmeId = await approvedProgramme(t);
  });
  afterAll(() => t.close());

  it('creates the obligations when the first transfer makes the programme ACTIVE', async () => {
    expect(await obligationsOf(t, programmeId, FMU)).toEqual([]);
    await transfer(t, programmeId, 'IOM', '100000.00', '2026-02-01');
    await transfer(t, programmeId, 'UNICEF', '100000.00', '2026-02-01');
    const obligations = await obligationsOf(t, programmeId, IOM);
    // 24 months from 1 Feb 2026: ends 31 Jan 2028.
    expect(
      obligations.map((o) => `${o.kind}/${o.year}/${o.orgCode}/${o.dueDate}/${o.status}`).sort(),
    ).toEqual(
      [
        'ANNUAL_NARRATIVE/2026/null/2027-03-31/DUE',
        'ANNUAL_NARRATIVE/2027/null/2028-03-31/DUE',
        'ANNUAL_FINANCIAL/2026/IOM/2027-04-30/DUE',
        'ANNUAL_FINANCIAL/2026/UNICEF/2027-04-30/DUE',
        'ANNUAL_FINANCIAL/2027/IOM/2028-04-30/DUE',
        'ANNUAL_FINANCIAL/2027/UNICEF/2028-04-30/DUE',
        'ANNUAL_FINANCIAL/2028/IOM/2029-04-30/DUE',
        'ANNUAL_FINANCIAL/2028/UNICEF/2029-04-30/DUE',
        'FINAL_NARRATIVE/null/null/2028-04-30/DUE',
        'FINAL_FINANCIAL/null/IOM/2028-07-31/DUE',
        'FINAL_FINANCIAL/null/UNICEF/2028-07-31/DUE',
      ].sort(),
    );
    // The matrix and an approved actual of the first half of 2026, for the report to link.
    await expectStatus(
      await t.http
        .put(`${API}/proposals/${programmeId}/results-matrix`)
        .set(await t.as(IOM))
        .send(programmeMatrix()),
      200,
    );
    setToday(t, '2026-07-15');
    const matrix = await expectStatus(
      await t.http.get(`${API}/proposals/${programmeId}/results-matrix`).set(await t.as(IOM)),
      200,
    );
    const indicatorId = matrix.results[0].indicators[0].id;
    const actual = await expectStatus(
      await t.http
        .post(`${API}/indicators/${indicatorId}/actuals`)
        .set(await t.as(IOM))
        .send({
          periodStart: '2026-02-01',
          periodEnd: '2026-06-30',
          value: 420,
          narrative: 'Recruited through the fair channel',
        }),
      201,
    );
    await expectStatus(await t.http.post(`${API}/actuals/${actual.id}/submit`).set(await t.as(IOM)), 200);
    await expectStatus(await t.http.post(`${API}/actuals/${actual.id}/approve`).set(await t.as(FMU)), 200);
  });

  it('shows overdue reports by how long, and a PUNO expenditure report meets its financial obligation', async () => {
    setToday(t, '2027-05-10');
    await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/expenditures`)
        .set(await t.as(UNICEF))
        .send({ orgCode: 'UNICEF', year: 2026, lines: [{ categoryCode: 2, amount: '60000.00' }] }),
      201,
    );
    const obligations = await obligationsOf(t, programmeId, FMU);
    expect(find(obligations, 'ANNUAL_NARRATIVE', 2026, null)).toMatchObject({
      status: 'OVERDUE',
      daysOverdue: 40,
    });
    expect(find(obligations, 'ANNUAL_FINANCIAL', 2026, 'IOM')).toMatchObject({
      status: 'OVERDUE',
      daysOverdue: 10,
    });
    expect(find(obligations, 'ANNUAL_FINANCIAL', 2026, 'UNICEF')).toMatchObject({
      status: 'SUBMITTED',
      submittedOn: '2027-05-10',
      lateByDays: 10,
      daysOverdue: null,
    });

    const overdue = await expectStatus(
      await t.http.get(`${API}/obligations?status=OVERDUE&sort=-daysOverdue`).set(await t.as(FMU)),
      200,
    );
    expect(overdue.items.map((o: any) => `${o.kind}/${o.orgCode}/${o.daysOverdue}`)).toEqual([
      'ANNUAL_NARRATIVE/null/40',
      'ANNUAL_FINANCIAL/IOM/10',
    ]);
    const iomOnly = await expectStatus(
      await t.http.get(`${API}/obligations?org=IOM&status=OVERDUE`).set(await t.as(AA)),
      200,
    );
    expect(iomOnly.total).toBe(2);
    const summary = await expectStatus(
      await t.http.get(`${API}/obligations/summary`).set(await t.as(FMU)),
      200,
    );
    expect(summary).toMatchObject({ OVERDUE: 2, SUBMITTED: 1 });
    const bad = await t.http.get(`${API}/obligations?sort=colour`).set(await t.as(FMU));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'sort' });
  });

  it('keeps the calendar, reports and revisions within the agencies taking part', async () => {
    expect(
      (await t.http.get(`${API}/programmes/${programmeId}/obligations`).set(await t.as(UNDP))).status,
    ).toBe(403);
    const undpList = await expectStatus(await t.http.get(`${API}/obligations`).set(await t.as(UNDP)), 200);
    expect(undpList.items.filter((o: any) => o.programmeId === programmeId)).toEqual([]);
    expect((await t.http.get(`${API}/obligations`).set(await t.as(DONOR))).status).toBe(403);
    expect(
      (await t.http.get(`${API}/programmes/${programmeId}/revisions`).set(await t.as(UNDP))).status,
    ).toBe(403);
  });

  it('takes an annual progress report through a return and an acceptance, keeping every version', async () => {
    const obligation = find(await obligationsOf(t, programmeId, IOM), 'ANNUAL_NARRATIVE', 2026, null);
    // Only the convening agency opens it.
    const byUnicef = await t.http
      .post(`${API}/programmes/${programmeId}/progress-reports`)
      .set(await t.as(UNICEF))
      .send({ obligationId: obligation.id });
    expect(byUnicef.status).toBe(403);
    const report = await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/progress-reports`)
        .set(await t.as(IOM))
        .send({ obligationId: obligation.id }),
      201,
    );
    reportId = report.id;
    expect(report).toMatchObject({
      status: 'DRAFT',
      outcomes: [{ key: 'OC1' }],
      periodStart: '2026-02-01',
      periodEnd: '2026-12-31',
    });
    expect(report.actuals).toEqual([
      expect.objectContaining({ indicatorKey: 'OC1.1', value: '420', status: 'APPROVED' }),
    ]);
    const twice = await t.http
      .post(`${API}/programmes/${programmeId}/progress-reports`)
      .set(await t.as(IOM))
      .send({ obligationId: obligation.id });
    expect(twice.status).toBe(409);

    // UNICEF contributes its own section; not IOM's; another agency none.
    await expectStatus(
      await t.http
        .put(`${API}/progress-reports/${reportId}/sections`)
        .set(await t.as(UNICEF))
        .send({
          sections: [
            {
              resultKey: 'OC1',
              progress: 'Children of migrant workers enrolled',
              story: 'Asha went back to school',
            },
          ],
        }),
      200,
    );
    const notOwn = await t.http
      .put(`${API}/progress-reports/${reportId}/sections`)
      .set(await t.as(UNICEF))
      .send({ sections: [{ resultKey: 'OC1', orgCode: 'IOM', progress: 'x' }] });
    expect(notOwn.status).toBe(403);
    expect(
      (
        await t.http
          .put(`${API}/progress-reports/${reportId}/sections`)
          .set(await t.as(UNDP))
          .send({ sections: [{ resultKey: 'OC1', progress: 'x' }] })
      ).status,
    ).toBe(403);
    expect((await t.http.get(`${API}/progress-reports/${reportId}`).set(await t.as(UNDP))).status).toBe(403);
    const unknownOutcome = await t.http
      .put(`${API}/progress-reports/${reportId}/sections`)
      .set(await t.as(IOM))
      .send({ sections: [{ resultKey: 'OC9', progress: 'x' }] });
    expect(unknownOutcome.status).toBe(422);
    expect(unknownOutcome.body.details[0]).toMatchObject({ field: 'sections[0].resultKey', rule: 'OUTCOME' });

    await expectStatus(
      await t.http
        .put(`${API}/progress-reports/${reportId}/sections`)
        .set(await t.as(IOM))
        .send({
          sections: [
            {
              resultKey: 'OC1',
              progress: '420 workers recruited fee-free',
              challenges: 'Late start',
              genderHumanRights: 'Half were women',
            },
          ],
        }),
      200,
    );
    expect(
      (await t.http.post(`${API}/progress-reports/${reportId}/submit`).set(await t.as(UNICEF))).status,
    ).toBe(403);
    const submitted = await expectStatus(
      await t.http.post(`${API}/progress-reports/${reportId}/submit`).set(await t.as(IOM)),
      200,
    );
    expect(submitted).toMatchObject({ status: 'SUBMITTED', version: 1, firstSubmittedOn: '2027-05-10' });
    expect(find(await obligationsOf(t, programmeId, FMU), 'ANNUAL_NARRATIVE', 2026, null)).toMatchObject({
      status: 'SUBMITTED',
      lateByDays: 40,
    });
    expect(
      (
        await t.http
          .put(`${API}/progress-reports/${reportId}/sections`)
          .set(await t.as(IOM))
          .send({ sections: [{ resultKey: 'OC1', progress: 'y' }] })
      ).status,
    ).toBe(409);

    // Returned with comments: back with the agency, the obligation overdue again.
    const noComment = await t.http
      .post(`${API}/progress-reports/${reportId}/review`)
      .set(await t.as(FMU))
      .send({ outcome: 'RETURN' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.details[0].field).toBe('comment');
    expect(
      (
        await t.http
          .post(`${API}/progress-reports/${reportId}/review`)
          .set(await t.as(IOM))
          .send({ outcome: 'ACCEPT' })
      ).status,
    ).toBe(403);
    await expectStatus(
      await t.http
        .post(`${API}/progress-reports/${reportId}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'RETURN', comment: 'Add the challenges of UNICEF' }),
      200,
    );
    expect(find(await obligationsOf(t, programmeId, FMU), 'ANNUAL_NARRATIVE', 2026, null)).toMatchObject({
      status: 'OVERDUE',
    });
    await expectStatus(
      await t.http
        .put(`${API}/progress-reports/${reportId}/sections`)
        .set(await t.as(UNICEF))
        .send({
          sections: [
            {
              resultKey: 'OC1',
              progress: 'Children of migrant workers enrolled',
              challenges: 'School fees in Malaysia',
            },
          ],
        }),
      200,
    );
    await expectStatus(
      await t.http.post(`${API}/progress-reports/${reportId}/submit`).set(await t.as(IOM)),
      200,
    );
    const accepted = await expectStatus(
      await t.http
        .post(`${API}/progress-reports/${reportId}/review`)
        .set(await t.as(FMU))
        .send({ outcome: 'ACCEPT', comment: 'Thank you' }),
      200,
    );
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2, acceptedOn: '2027-05-10' });
    expect(accepted.versions.map((v: any) => [v.version, v.outcome, v.reviewComment])).toEqual([
      [1, 'RETURNED', 'Add the challenges of UNICEF'],
      [2, 'ACCEPTED', 'Thank you'],
    ]);
    expect(accepted.versions[0].content.sections.find((s: any) => s.orgCode === 'UNICEF').challenges).toBe(
      '',
    );
    expect(accepted.versions[1].content.sections.find((s: any) => s.orgCode === 'UNICEF').challenges).toBe(
      'School fees in Malaysia',
    );
    expect(find(await obligationsOf(t, programmeId, FMU), 'ANNUAL_NARRATIVE', 2026, null)).toMatchObject({
      status: 'ACCEPTED',
    });
  });

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
    const revision = await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/revisions`)
        .set(await t.as(IOM))
        .send({
          kind: 'BUDGET_REVISION',
          justification: 'Travel costs rose with the new corridor',
          budgetLines: [
            { orgCode: 'IOM', categoryCode: 1, amount: '150000.00' },
            { orgCode: 'IOM', categoryCode: 5, amount: '195000.50' },
            { orgCode: 'UNICEF', categoryCode: 2, amount: '120000.00' },
            { orgCode: 'UNICEF', categoryCode: 6, amount: '80000.25' },
          ],
        }),
      201,
    );
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

    await expectStatus(
      await t.http
        .post(`${API}/programmes/${programmeId}/expenditures`)
        .set(await t.as(IOM))
        .send({ orgCode: 'IOM', year: 2027, lines: [{ categoryCode: 1, amount: '100000.00' }] }),
      201,
    );
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
