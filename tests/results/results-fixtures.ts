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
