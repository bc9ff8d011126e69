import { createTestContext, TestContext } from '../support/test-context';
import {
  AA,
  API,
  approvedProgramme,
  DONOR,
  expectStatus,
  find,
  firstTransfers,
  FMU,
  IOM,
  obligationsOf,
  programmeMatrix,
  reportExpenditure,
  setToday,
  UNDP,
  UNICEF,
  UNICEF_2026_EXPENDITURE,
} from './programme-work-fixtures';

/**
 * Issue 19's journey after approval: the reporting calendar from the first transfer, an annual
 * progress report returned once and accepted, an overdue financial report; and who may read and
 * write each part. Revisions and closure: programme-revisions.e2e-spec.ts.
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
    await firstTransfers(t, programmeId);
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
    await reportExpenditure(t, programmeId, UNICEF, UNICEF_2026_EXPENDITURE);
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
});
