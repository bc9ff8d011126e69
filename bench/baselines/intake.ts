import { v7 as uuidv7 } from 'uuid';
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
 * What create + submit write, as bare SQL (the same rows: proposal, countries, objectives, PUNOs,
 * budget lines, timeline, audit event; then the locked submit with its revision snapshot and the
 * fund unit's notifications with their mail), shaped
 * as the service writes them: the proposal, its reference and its parts in one statement, each
 * statement prepared once per connection. The database floor of the intake
 * path, without HTTP, validation or views.
 */
export async function bareCreateAndSubmit(
  pool: Pool,
  fixture: IntakeFixture,
  index: number,
  record: (ms: number) => void,
): Promise<void> {
  const body = intakeBody(index);
  const client = await pool.connect();
  const run = (name: string, text: string, values: unknown[] = []) =>
    client.query({ name: `bench_intake_${name}`, text, values });
  try {
    let started = performance.now();
    const year = new Date().getUTCFullYear();
    const id = uuidv7();
    await client.query('BEGIN');
    await run(
      'create',
      `WITH proposal AS (
         INSERT INTO proposals (id, reference, title, summary, stage, scope, thematic_area_code, convener_org_id, duration_months,
                marker_gender, marker_human_rights, marker_child_sensitivity, government_endorsed, government_endorsement_date,
                status, version, created_by, indirect_rate)
         VALUES ($1, next_proposal_reference($2), $3, $4, 'CONCEPT_NOTE', 'NATIONAL', 4, $5, 24, 2, 2, 2, true, '2026-01-20', 'DRAFT', 0, $7, 0.07)
       ), countries AS (
         INSERT INTO proposal_countries (proposal_id, country_code) VALUES ($1, 'NPL')
       ), objectives AS (
         INSERT INTO proposal_objectives (proposal_id, gcm_objective_code) VALUES ($1, 5), ($1, 6)
       ), punos AS (
         INSERT INTO proposal_organizations (proposal_id, organization_id, position) VALUES ($1, $5, 0), ($1, $6, 1)
       ), budget_lines AS (
         INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
         VALUES ($1, $5, 1, 30000000), ($1, $5, 5, 4500050), ($1, $6, 2, 12000000), ($1, $6, 6, 8000025)
       )
       INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id) VALUES ($1, NULL, 'DRAFT', $7)`,
      [id, year, body.title, body.summary, fixture.orgIds.IOM, fixture.orgIds.UNICEF, fixture.userId],
    );
    await run(
      'create_audit',
      `INSERT INTO audit_events (actor_id, action, entity_type, entity_id, after) VALUES ($1, 'proposal.create', 'proposal', $2, $3)`,
      [fixture.userId, id, JSON.stringify(body)],
    );
    await client.query('COMMIT');
    record(performance.now() - started);

    started = performance.now();
    await client.query('BEGIN');
    await run('lock', 'SELECT status FROM proposals WHERE id = $1 FOR UPDATE', [id]);
    await run(
      'revision',
      `INSERT INTO proposal_revisions (proposal_id, version, snapshot, submitted_by) VALUES ($1, 1, $2, $3)`,
      [id, JSON.stringify(body), fixture.userId],
    );
    await run(
      'submit',
      `WITH changed AS (
         UPDATE proposals SET status = 'SUBMITTED', version = 1, submitted_at = now(), updated_at = now()
          WHERE id = $1 RETURNING id
       )
       INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id, comment)
       SELECT id, 'DRAFT', 'SUBMITTED', $2, 'Revision 1 submitted' FROM changed`,
      [id, fixture.userId],
    );
    // The fund unit is told (as NotificationsService writes it): its officers' notifications with
    // their immediate mail, in one statement. Without it the baseline skipped rows the service writes.
    await run(
      'submit_notify',
      `WITH people AS (
         SELECT id, email FROM users WHERE active AND 'FMU_OFFICER' = ANY(roles) AND id <> $2
       ), mail AS (
         INSERT INTO outbox (id, recipient_id, to_address, subject, body, kind)
         SELECT gen_random_uuid(), id, email, 'New proposal submitted', $3, 'IMMEDIATE' FROM people
         RETURNING id, recipient_id
       )
       INSERT INTO notifications (recipient_id, kind, item_type, item_id, item_reference, item_title, link, mail, mail_message_id)
       SELECT mail.recipient_id, 'PROPOSAL_SUBMITTED', 'proposal', p.id::text, p.reference, p.title, '/proposals/' || p.id, 'IMMEDIATE', mail.id
         FROM mail, proposals p WHERE p.id = $1`,
      [id, fixture.userId, `${body.title} was submitted.`],
    );
    await run(
      'submit_audit',
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
