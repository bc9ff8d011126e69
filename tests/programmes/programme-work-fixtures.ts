import { AA, API, CHAIR, deposit, FULL_ALLOCATIONS, IOM, underReview } from '../review/review-fixtures';
import { expectStatus, oneIndicatorMatrix, putOneIndicatorMatrix, setToday } from '../support/programme-work';
import type { TestContext } from '../support/test-context';

export { AA, API, CHAIR, IOM };
export const FMU = 'fmu@mptf.test';
export const UNICEF = 'unicef.focal@mptf.test';
export const UNDP = 'undp.focal@mptf.test';
export const DONOR = 'donor.deu@mptf.test';
export const SC_UNDP = 'sc.undp@mptf.test';

export { expectStatus, setToday };

/** The chair approves an `eligibleProposal` under review with its full budget (FULL_ALLOCATIONS). */
export async function approveInFull(t: TestContext, proposalId: string): Promise<void> {
  await expectStatus(
    await t.http
      .post(`${API}/proposals/${proposalId}/decision`)
      .set(await t.as(CHAIR))
      .send({ outcome: 'APPROVED', justification: 'Strong joint programme', allocations: FULL_ALLOCATIONS }),
    [200, 201],
  );
}

/** An IOM + UNICEF proposal (eligibleProposal) approved by the chair with its full budget. */
export async function approvedProgramme(t: TestContext): Promise<string> {
  await deposit(t, '2000000.00', '2026-01-05');
  const id = await underReview(t);
  await approveInFull(t, id);
  return id;
}

export async function transfer(
  t: TestContext,
  programmeId: string,
  orgCode: string,
  amount: string,
  date: string,
) {
  return expectStatus(
    await t.http
      .post(`${API}/programmes/${programmeId}/transfers`)
      .set(await t.as(AA))
      .send({ orgCode, amount, date }),
    201,
  );
}

/** UNICEF's expenditure of 2026 on the programme (reported late, on 10 May 2027, in the journey). */
export const UNICEF_2026_EXPENDITURE = { orgCode: 'UNICEF', year: 2026, categoryCode: 2, amount: '60000.00' };

/** A PUNO's expenditure report for a year, in one budget category, by its focal point `as`. */
export async function reportExpenditure(
  t: TestContext,
  programmeId: string,
  as: string,
  report: { orgCode: string; year: number; categoryCode: number; amount: string },
) {
  const { orgCode, year, categoryCode, amount } = report;
  return expectStatus(
    await t.http
      .post(`${API}/programmes/${programmeId}/expenditures`)
      .set(await t.as(as))
      .send({ orgCode, year, lines: [{ categoryCode, amount }] }),
    201,
  );
}

/** The first transfer to each PUNO (IOM, UNICEF: 100,000.00 each) on 1 Feb 2026: the programme starts. */
export async function firstTransfers(t: TestContext, programmeId: string): Promise<void> {
  await transfer(t, programmeId, 'IOM', '100000.00', '2026-02-01');
  await transfer(t, programmeId, 'UNICEF', '100000.00', '2026-02-01');
}

/** An approved programme made ACTIVE on 1 Feb 2026 (firstTransfers); the clock left on that day. */
export async function activeProgramme(t: TestContext): Promise<string> {
  setToday(t, '2026-02-01');
  const programmeId = await approvedProgramme(t);
  await firstTransfers(t, programmeId);
  return programmeId;
}

/** An active programme (activeProgramme) with its results matrix (programmeMatrix): what a progress report needs. */
export async function activeProgrammeWithMatrix(t: TestContext): Promise<string> {
  const programmeId = await activeProgramme(t);
  await putOneIndicatorMatrix(t, programmeId);
  return programmeId;
}

/** One outcome with one indicator whose target period is the first half of 2026. */
export const programmeMatrix = () => oneIndicatorMatrix();

export async function obligationsOf(t: TestContext, programmeId: string, email: string) {
  const body = await expectStatus(
    await t.http.get(`${API}/programmes/${programmeId}/obligations?pageSize=200`).set(await t.as(email)),
    200,
  );
  return body.items as Record<string, any>[];
}

export function find(
  obligations: Record<string, any>[],
  kind: string,
  year: number | null,
  orgCode: string | null,
) {
  const found = obligations.find((o) => o.kind === kind && o.year === year && o.orgCode === orgCode);
  if (!found)
    throw new Error(
      `no ${kind} ${year} ${orgCode} in ${JSON.stringify(obligations.map((o) => [o.kind, o.year, o.orgCode]))}`,
    );
  return found;
}

/**
 * IOM writes and submits the 2026 annual narrative report of a programme with the given sections;
 * returns the report's id (the fund unit reviews it in each test, on its own day).
 */
export async function submittedProgressReport(
  t: TestContext,
  programmeId: string,
  sections: Record<string, string>[],
): Promise<string> {
  const obligation = find(await obligationsOf(t, programmeId, IOM), 'ANNUAL_NARRATIVE', 2026, null);
  const report = await expectStatus(
    await t.http
      .post(`${API}/programmes/${programmeId}/progress-reports`)
      .set(await t.as(IOM))
      .send({ obligationId: obligation.id }),
    201,
  );
  await expectStatus(
    await t.http
      .put(`${API}/progress-reports/${report.id}/sections`)
      .set(await t.as(IOM))
      .send({ sections }),
    200,
  );
  await expectStatus(
    await t.http.post(`${API}/progress-reports/${report.id}/submit`).set(await t.as(IOM)),
    200,
  );
  return report.id as string;
}
