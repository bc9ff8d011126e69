import { DataSource } from 'typeorm';
import { insertProposalRows } from '../support/proposal-rows';
import type { TestContext } from '../support/test-context';

/**
 * Proposals and programmes for the results specs, inserted straight into the proposals tables
 * (intake and finance are built elsewhere; results only needs the rows).
 */
export interface ProgrammeFixture {
  status?: string;
  title?: string;
  summary?: string;
  thematicAreaCode?: number;
  scope?: 'NATIONAL' | 'REGIONAL' | 'GLOBAL';
  orgCodes?: string[];
  convenerCode?: string;
  countryCodes?: string[];
  gcmObjectiveCodes?: number[];
  startDate?: string | null;
  durationMonths?: number;
  /** 0 = never submitted (a draft). */
  version?: number;
  createdAt?: string;
  budget?: { orgCode: string; categoryCode: number; amountCents: bigint }[];
}

let sequence = 0;

export async function insertProposal(db: DataSource, fixture: ProgrammeFixture = {}): Promise<string> {
  sequence += 1;
  const orgCodes = fixture.orgCodes ?? ['IOM', 'UNDP'];
  const convener = fixture.convenerCode ?? orgCodes[0];
  const reference = `MIG-2025-${String(9000 + sequence).padStart(4, '0')}${process.pid % 100}`;
  const status = fixture.status ?? 'ACTIVE';
  return insertProposalRows(db, {
    reference,
    title: fixture.title ?? `Safe migration programme ${sequence}`,
    summary:
      fixture.summary ??
      'Joint programme protecting migrants in vulnerable situations & supporting reintegration.',
    scope: fixture.scope ?? 'NATIONAL',
    thematicAreaCode: fixture.thematicAreaCode ?? 2,
    status,
    version: fixture.version ?? (status === 'DRAFT' ? 0 : 1),
    durationMonths: fixture.durationMonths ?? 36,
    markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
    governmentEndorsementDate: null,
    startDate: fixture.startDate === undefined ? '2025-01-01' : fixture.startDate,
    submitted: (fixture.version ?? (status === 'DRAFT' ? 0 : 1)) > 0,
    createdBy: 'admin@mptf.test',
    createdAt: fixture.createdAt ?? '2024-10-15T09:00:00Z',
    convenerCode: convener,
    punoCodes: orgCodes,
    countryCodes: fixture.countryCodes ?? ['MEX', 'GTM'],
    objectiveCodes: fixture.gcmObjectiveCodes ?? [2, 7],
    lines:
      fixture.budget ?? orgCodes.map((orgCode) => ({ orgCode, categoryCode: 1, amountCents: 50000000n })),
  });
}

/** The matrix of the "Done when": an outcome, two outputs, three indicators, annual periods 2025–2027. */
export function doneWhenMatrix() {
  const years = [2025, 2026, 2027];
  const periods = (values: (number | string)[]) =>
    years.map((year, index) => ({
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
      value: values[index],
    }));
  return {
    results: [
      {
        key: 'OC1',
        type: 'OUTCOME',
        title: 'Migrants in vulnerable situations are better protected',
        indicators: [
          {
            key: 'OC1.1',
            title: 'Share of assisted migrants reporting improved safety',
            measure: 'PERCENTAGE',
            ascending: true,
            unit: '%',
            gcmObjectiveCodes: [7],
            baseline: { year: 2024, value: 35 },
            targets: periods([50, 60, 70]),
          },
        ],
      },
      {
        key: 'OP1',
        type: 'OUTPUT',
        parentKey: 'OC1',
        title: 'Migrants receive protection services',
        indicators: [
          {
            key: 'OP1.1',
            title: 'Migrants receiving protection services',
            measure: 'UNIT',
            ascending: true,
            unit: 'people',
            fundIndicatorCode: 'FI-2.1',
            baseline: { year: 2024, value: 0 },
            targets: periods([100, '150', 200]),
          },
        ],
      },
      {
        key: 'OP2',
        type: 'OUTPUT',
        parentKey: 'OC1',
        title: 'Officials apply rights-based procedures',
        indicators: [
          {
            key: 'OP2.1',
            title: 'Officials trained on rights-based protection',
            measure: 'UNIT',
            ascending: true,
            unit: 'people',
            fundIndicatorCode: 'FI-2.2',
            baseline: { year: 2024, value: 0 },
            targets: periods([40, 40, 40]),
          },
        ],
      },
    ],
  };
}

/** Reports an actual as `reporter`, submits it and has the fund unit approve it; returns its id. */
export async function approvedActual(
  t: TestContext,
  indicatorId: string,
  reporter: string,
  body: Record<string, unknown>,
): Promise<string> {
  const actual = await t.http
    .post(`/api/v1/indicators/${indicatorId}/actuals`)
    .set(await t.as(reporter))
    .send(body);
  expect(actual.status).toBe(201);
  await t.http
    .post(`/api/v1/actuals/${actual.body.id}/submit`)
    .set(await t.as(reporter))
    .expect(200);
  await t.http
    .post(`/api/v1/actuals/${actual.body.id}/approve`)
    .set(await t.as('fmu@mptf.test'))
    .expect(200);
  return actual.body.id as string;
}

export type ActualState = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED';

/**
 * The "Done when" matrix on a programme (started 2025-01-01, 36 months) entered by the FMU, and one
 * actual in each state reported by `reporter` (a focal point of one of its PUNOs) on periods that
 * have started; the returned one carries the fund unit's comment. Returns the actual ids by state.
 */
export async function actualsInEveryState(
  t: TestContext,
  programmeId: string,
  reporter: string,
): Promise<Record<ActualState, string>> {
  await t.db.query(`UPDATE proposals SET start_date = '2025-01-01', duration_months = 36 WHERE id = $1`, [
    programmeId,
  ]);
  const matrix = await t.http
    .put(`/api/v1/proposals/${programmeId}/results-matrix`)
    .set(await t.as('fmu@mptf.test'))
    .send(doneWhenMatrix());
  if (matrix.status !== 200) throw new Error(`matrix: ${matrix.status} ${JSON.stringify(matrix.body)}`);
  const indicators = new Map(
    (
      (await t.db.query('SELECT key, id FROM indicators WHERE proposal_id = $1', [programmeId])) as {
        key: string;
        id: string;
      }[]
    ).map((row) => [row.key, row.id]),
  );
  const plan: [ActualState, string, number][] = [
    ['DRAFT', 'OP1.1', 2025],
    ['SUBMITTED', 'OP1.1', 2026],
    ['RETURNED', 'OP2.1', 2025],
    ['APPROVED', 'OP2.1', 2026],
  ];
  const ids = {} as Record<ActualState, string>;
  const fmu = await t.as('fmu@mptf.test');
  const author = await t.as(reporter);
  for (const [state, key, year] of plan) {
    const created = await t.http
      .post(`/api/v1/indicators/${indicators.get(key)}/actuals`)
      .set(author)
      .send({
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        value: 30,
        narrative: `${state} figure`,
      });
    if (created.status !== 201) throw new Error(`actual: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    if (state !== 'DRAFT') await t.http.post(`/api/v1/actuals/${id}/submit`).set(author).expect(200);
    if (state === 'RETURNED')
      await t.http
        .post(`/api/v1/actuals/${id}/return`)
        .set(fmu)
        .send({ comment: 'Internal note: the count looks doubled' })
        .expect(200);
    if (state === 'APPROVED') await t.http.post(`/api/v1/actuals/${id}/approve`).set(fmu).expect(200);
    ids[state] = id;
  }
  return ids;
}
