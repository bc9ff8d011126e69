import { Pool } from 'pg';

/** The proposal the intake benchmark submits (eligible: IOM with UNICEF, national, Nepal). */
export function intakeBody(index: number): Record<string, unknown> {
  return {
    title: `Benchmark intake proposal ${index}: fair recruitment corridors`,
    summary:
      'IOM and UNICEF support fair and ethical recruitment and protect the children migrant workers leave behind.',
    stage: 'CONCEPT_NOTE',
    scope: 'NATIONAL',
    countryCodes: ['NPL'],
    thematicAreaCode: 4,
    gcmObjectiveCodes: [5, 6],
    convenerCode: 'IOM',
    participatingOrgCodes: ['IOM', 'UNICEF'],
    durationMonths: 24,
    markers: { gender: 2, humanRights: 2, childSensitivity: 2 },
    governmentEndorsement: { endorsed: true, date: '2026-01-20' },
    budgetLines: [
      { orgCode: 'IOM', categoryCode: 1, amount: '300000.00' },
      { orgCode: 'IOM', categoryCode: 5, amount: '45000.50' },
      { orgCode: 'UNICEF', categoryCode: 2, amount: '120000.00' },
      { orgCode: 'UNICEF', categoryCode: 6, amount: '80000.25' },
    ],
  };
}

export interface IntakeFixture {
  userId: string;
  orgIds: Record<string, string>;
}

export async function intakeFixture(pool: Pool): Promise<IntakeFixture> {
  const user = await pool.query<{ id: string }>(`SELECT id FROM users WHERE email = 'iom.focal@mptf.test'`);
  const orgs = await pool.query<{ code: string; id: string }>(
    `SELECT code, id FROM organizations WHERE code IN ('IOM','UNICEF')`,
  );
  return { userId: user.rows[0].id, orgIds: Object.fromEntries(orgs.rows.map((row) => [row.code, row.id])) };
}

/**
 * What create + submit write, as bare SQL in two transactions (the same rows: proposal, countries,
 * objectives, PUNOs, budget lines, timeline, audit event; then the locked submit with its
 * revision snapshot): the database floor of the intake path, without HTTP, validation or views.
 */
export async function bareCreateAndSubmit(
  pool: Pool,
  fixture: IntakeFixture,
  index: number,
  record: (ms: number) => void,
): Promise<void> {
  const body = intakeBody(index);
  const client = await pool.connect();
  try {
    let started = performance.now();
    await client.query('BEGIN');
    const year = new Date().getUTCFullYear();
    const counter = await client.query<{ last_number: number }>(
      `INSERT INTO proposal_reference_counters (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = proposal_reference_counters.last_number + 1 RETURNING last_number`,
      [year],
    );
    const reference = `MIG-${year}-${String(counter.rows[0].last_number).padStart(4, '0')}`;
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO proposals (reference, title, summary, stage, scope, thematic_area_code, convener_org_id, duration_months,
              marker_gender, marker_human_rights, marker_child_sensitivity, government_endorsed, government_endorsement_date,
              status, version, created_by, indirect_rate)
       VALUES ($1, $2, $3, 'CONCEPT_NOTE', 'NATIONAL', 4, $4, 24, 2, 2, 2, true, '2026-01-20', 'DRAFT', 0, $5, 0.07)
       RETURNING id`,
      [reference, body.title, body.summary, fixture.orgIds.IOM, fixture.userId],
    );
    const id = inserted.rows[0].id;
    await client.query(`INSERT INTO proposal_countries (proposal_id, country_code) VALUES ($1, 'NPL')`, [id]);
    await client.query(
      `INSERT INTO proposal_objectives (proposal_id, gcm_objective_code) VALUES ($1, 5), ($1, 6)`,
      [id],
    );
    await client.query(
      `INSERT INTO proposal_organizations (proposal_id, organization_id, position) VALUES ($1, $2, 0), ($1, $3, 1)`,
      [id, fixture.orgIds.IOM, fixture.orgIds.UNICEF],
    );
    await client.query(
      `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
       VALUES ($1, $2, 1, 30000000), ($1, $2, 5, 4500050), ($1, $3, 2, 12000000), ($1, $3, 6, 8000025)`,
      [id, fixture.orgIds.IOM, fixture.orgIds.UNICEF],
    );
    await client.query(
      `INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id) VALUES ($1, NULL, 'DRAFT', $2)`,
      [id, fixture.userId],
    );
    await client.query(
      `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, after) VALUES ($1, 'proposal.create', 'proposal', $2, $3)`,
      [fixture.userId, id, JSON.stringify(body)],
    );
    await client.query('COMMIT');
    record(performance.now() - started);

    started = performance.now();
    await client.query('BEGIN');
    await client.query('SELECT status FROM proposals WHERE id = $1 FOR UPDATE', [id]);
    await client.query(
      `INSERT INTO proposal_revisions (proposal_id, version, snapshot, submitted_by) VALUES ($1, 1, $2, $3)`,
      [id, JSON.stringify(body), fixture.userId],
    );
    await client.query(
      `UPDATE proposals SET status = 'SUBMITTED', version = 1, submitted_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
    await client.query(
      `INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id, comment)
       VALUES ($1, 'DRAFT', 'SUBMITTED', $2, 'Revision 1 submitted')`,
      [id, fixture.userId],
    );
    await client.query(
      `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, before, after)
       VALUES ($1, 'proposal.submit', 'proposal', $2, '{"status":"DRAFT"}', '{"status":"SUBMITTED"}')`,
      [fixture.userId, id],
    );
    await client.query('COMMIT');
    record(performance.now() - started);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
