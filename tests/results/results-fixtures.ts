import { DataSource } from 'typeorm';

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
  const [row] = (await db.query(
    `INSERT INTO proposals (reference, title, summary, stage, scope, thematic_area_code, convener_org_id, duration_months,
       marker_gender, marker_human_rights, marker_child_sensitivity, status, version, start_date, submitted_at,
       created_by, created_at, indirect_rate)
     SELECT $1, $2, $3, 'FULL_PROPOSAL', $4, $5, o.id, $6, 2, 2, 2, $7, $8, $9,
            CASE WHEN $8 > 0 THEN now() END, u.id, $10::timestamptz, 0.07
     FROM organizations o, users u WHERE o.code = $11 AND u.email = 'admin@mptf.test'
     RETURNING id`,
    [
      reference,
      fixture.title ?? `Safe migration programme ${sequence}`,
      fixture.summary ??
        'Joint programme protecting migrants in vulnerable situations & supporting reintegration.',
      fixture.scope ?? 'NATIONAL',
      fixture.thematicAreaCode ?? 2,
      fixture.durationMonths ?? 36,
      status,
      fixture.version ?? (status === 'DRAFT' ? 0 : 1),
      fixture.startDate === undefined ? '2025-01-01' : fixture.startDate,
      fixture.createdAt ?? '2024-10-15T09:00:00Z',
      convener,
    ],
  )) as { id: string }[];
  const id = row.id;
  await db.query(
    `INSERT INTO proposal_organizations (proposal_id, organization_id, position)
     SELECT $1, o.id, array_position($2::text[], o.code) FROM organizations o WHERE o.code = ANY($2::text[])`,
    [id, orgCodes],
  );
  await db.query(
    `INSERT INTO proposal_countries (proposal_id, country_code) SELECT $1, unnest($2::char(3)[])`,
    [id, fixture.countryCodes ?? ['MEX', 'GTM']],
  );
  await db.query(
    `INSERT INTO proposal_objectives (proposal_id, gcm_objective_code) SELECT $1, unnest($2::smallint[])`,
    [id, fixture.gcmObjectiveCodes ?? [2, 7]],
  );
  const budget =
    fixture.budget ?? orgCodes.map((orgCode) => ({ orgCode, categoryCode: 1, amountCents: 50000000n }));
  for (const line of budget) {
    await db.query(
      `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
       SELECT $1, id, $2, $3 FROM organizations WHERE code = $4`,
      [id, line.categoryCode, line.amountCents.toString(), line.orgCode],
    );
  }
  return id;
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
