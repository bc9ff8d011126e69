import { parseMoney } from '@mptf/platform';
import { DataSource } from 'typeorm';

/**
 * Programmes for finance tests, inserted straight into the proposals tables (status APPROVED by
 * default, with PUNOs and budget lines), so money specs do not depend on the intake and review
 * flows. Budgets are direct costs per PUNO (category 1 and 4); the fund adds indirect costs.
 */
export interface ProgrammeFixture {
  title?: string;
  status?: string;
  thematicAreaCode?: number;
  scope?: 'NATIONAL' | 'REGIONAL' | 'GLOBAL';
  countryCodes?: string[];
  gcmObjectiveCodes?: number[];
  /** PUNOs in order; the first convenes. `direct` is the PUNO's direct budget (categories 1–7). */
  punos?: { orgCode: string; direct: string }[];
}

let sequence = 0;

export async function insertProgramme(db: DataSource, fixture: ProgrammeFixture = {}): Promise<string> {
  sequence += 1;
  const punos = fixture.punos ?? [
    { orgCode: 'IOM', direct: '1000000.00' },
    { orgCode: 'UNICEF', direct: '500000.00' },
  ];
  const countries = fixture.countryCodes ?? ['MEX'];
  const objectives = fixture.gcmObjectiveCodes ?? [2, 7];
  const reference = `MIG-2026-${String(9000 + sequence)}`;
  return db.transaction(async (manager) => {
    const [creator] = (await manager.query(`SELECT id FROM users WHERE email = 'fmu@mptf.test'`)) as {
      id: string;
    }[];
    const [{ id }] = (await manager.query(
      `INSERT INTO proposals (reference, title, summary, stage, scope, thematic_area_code, convener_org_id,
                              duration_months, marker_gender, marker_human_rights, marker_child_sensitivity,
                              status, version, submitted_at, created_by, indirect_rate)
       SELECT $1, $2, 'A joint programme for the finance tests', 'FULL_PROPOSAL', $3, $4, o.id,
              24, 2, 2, 2, $5, 1, now(), $6, 0.07
         FROM organizations o WHERE o.code = $7
       RETURNING id`,
      [
        reference,
        fixture.title ?? `Programme ${reference}`,
        fixture.scope ?? (countries.length === 0 ? 'GLOBAL' : countries.length > 1 ? 'REGIONAL' : 'NATIONAL'),
        fixture.thematicAreaCode ?? 2,
        fixture.status ?? 'APPROVED',
        creator.id,
        punos[0].orgCode,
      ],
    )) as { id: string }[];
    for (const [position, puno] of punos.entries()) {
      await manager.query(
        `INSERT INTO proposal_organizations (proposal_id, organization_id, position)
         SELECT $1, id, $2 FROM organizations WHERE code = $3`,
        [id, position, puno.orgCode],
      );
      const direct = parseMoney(puno.direct);
      const staff = (direct * 6n) / 10n;
      await manager.query(
        `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
         SELECT $1, id, c.code, c.amount FROM organizations,
                (VALUES (1, $3::bigint), (4, $4::bigint)) AS c(code, amount)
          WHERE organizations.code = $2 AND c.amount > 0`,
        [id, puno.orgCode, staff.toString(), (direct - staff).toString()],
      );
    }
    for (const country of countries) {
      await manager.query('INSERT INTO proposal_countries (proposal_id, country_code) VALUES ($1, $2)', [
        id,
        country,
      ]);
    }
    for (const objective of objectives) {
      await manager.query(
        'INSERT INTO proposal_objectives (proposal_id, gcm_objective_code) VALUES ($1, $2)',
        [id, objective],
      );
    }
    return id;
  });
}
