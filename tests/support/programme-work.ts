import { Clock } from '@mptf/platform';
import { API, FMU, IOM } from '../review/review-fixtures';
import type { TestContext } from './test-context';

/**
 * The programme work the specs set up again and again, written once: a results matrix with one
 * outcome and one indicator, an actual reported (and approved) on it, and a budget revision that
 * moves money between IOM's categories. Each goes through the API as the focal point does.
 */

/** Moves the application's clock (the only fake the guide allows). */
export function setToday(t: TestContext, date: string): void {
  jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${date}T12:00:00Z`));
}

/** The response's body when its status is (one of) `status`; else an error with the body in it. */
export async function expectStatus(response: { status: number; body: unknown }, status: number | number[]) {
  if (![status].flat().includes(response.status))
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as Record<string, any>;
}

/** What a spec sets of the one indicator OC1.1 (its key, title, measure and unit are fixed). */
export interface IndicatorSetup {
  baseline?: { year: number; value: number };
  targets?: { periodStart: string; periodEnd: string; value: number }[];
  fundIndicatorCode?: string;
}

/** One outcome with one indicator; by default its target period is the first half of 2026. */
export function oneIndicatorMatrix(indicator: IndicatorSetup = {}) {
  return {
    results: [
      {
        key: 'OC1',
        type: 'OUTCOME',
        title: 'Migrant workers are recruited fairly',
        indicators: [
          {
            key: 'OC1.1',
            title: 'Workers recruited without paying fees',
            measure: 'UNIT',
            ascending: true,
            unit: 'people',
            ...(indicator.fundIndicatorCode ? { fundIndicatorCode: indicator.fundIndicatorCode } : {}),
            baseline: indicator.baseline ?? { year: 2025, value: 0 },
            targets: indicator.targets ?? [
              { periodStart: '2026-02-01', periodEnd: '2026-06-30', value: 500 },
            ],
          },
        ],
      },
    ],
  };
}

/** IOM puts the one-indicator matrix on a programme; returns the id of indicator OC1.1. */
export async function putOneIndicatorMatrix(
  t: TestContext,
  programmeId: string,
  indicator: IndicatorSetup = {},
): Promise<string> {
  const matrix = await expectStatus(
    await t.http
      .put(`${API}/proposals/${programmeId}/results-matrix`)
      .set(await t.as(IOM))
      .send(oneIndicatorMatrix(indicator)),
    200,
  );
  return matrix.results[0].indicators[0].id as string;
}

/**
 * IOM reports an actual on an indicator and submits it; with `approve`, the fund unit approves it
 * too. Returns the actual's id.
 */
export async function reportedActual(
  t: TestContext,
  indicatorId: string,
  actual: { periodStart: string; periodEnd: string; value: number | string; narrative: string },
  options: { approve?: boolean } = {},
): Promise<string> {
  const created = await expectStatus(
    await t.http
      .post(`${API}/indicators/${indicatorId}/actuals`)
      .set(await t.as(IOM))
      .send(actual),
    201,
  );
  await expectStatus(await t.http.post(`${API}/actuals/${created.id}/submit`).set(await t.as(IOM)), 200);
  if (options.approve)
    await expectStatus(await t.http.post(`${API}/actuals/${created.id}/approve`).set(await t.as(FMU)), 200);
  return created.id as string;
}

/**
 * IOM asks for a budget revision of an `eligibleProposal` programme (IOM 300000.00 in category 1
 * and 45000.50 in 5, UNICEF 120000.00 in 2 and 80000.25 in 6): IOM's two lines become `iom`,
 * UNICEF's stay. Returns the revision as the API answers (201).
 */
export async function requestedBudgetRevision(
  t: TestContext,
  programmeId: string,
  revision: { justification: string; iom: { staff: string; travel: string }; results?: unknown[] },
) {
  return expectStatus(
    await t.http
      .post(`${API}/programmes/${programmeId}/revisions`)
      .set(await t.as(IOM))
      .send({
        kind: 'BUDGET_REVISION',
        justification: revision.justification,
        budgetLines: [
          { orgCode: 'IOM', categoryCode: 1, amount: revision.iom.staff },
          { orgCode: 'IOM', categoryCode: 5, amount: revision.iom.travel },
          { orgCode: 'UNICEF', categoryCode: 2, amount: '120000.00' },
          { orgCode: 'UNICEF', categoryCode: 6, amount: '80000.25' },
        ],
        ...(revision.results ? { results: revision.results } : {}),
      }),
    201,
  );
}
