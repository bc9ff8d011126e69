import { DataSource } from 'typeorm';

/**
 * A proposal written straight into the proposal tables, for specs whose module only reads these
 * rows (finance, results, reports): the intake and decision flows are other modules' specs. The
 * fixtures of each area wrap this with their own defaults.
 */
export interface ProposalRows {
  reference: string;
  title: string;
  summary: string;
  scope: string;
  thematicAreaCode: number;
  status: string;
  version: number;
  durationMonths: number;
  markers: { gender: number; humanRights: number; childSensitivity: number };
  governmentEndorsementDate: string | null;
  startDate: string | null;
  submitted: boolean;
  createdBy: string;
  createdAt: string | null;
  convenerCode: string;
  /** In order (position 1 first). */
  punoCodes: string[];
  countryCodes: string[];
  objectiveCodes: number[];
  lines: { orgCode: string; categoryCode: number; amountCents: bigint }[];
}

/** Inserts the proposal and its parts in one transaction; returns its id. */
export async function insertProposalRows(db: DataSource, rows: ProposalRows): Promise<string> {
  return db.transaction(async (manager) => {
    const [{ id }] = (await manager.query(
      `INSERT INTO proposals (reference, title, summary, stage, scope, thematic_area_code, convener_org_id,
              duration_months, marker_gender, marker_human_rights, marker_child_sensitivity,
              government_endorsed, government_endorsement_date, status, version, start_date, submitted_at,
              created_by, created_at, indirect_rate)
       SELECT $1, $2, $3, 'FULL_PROPOSAL', $4, $5, o.id, $6, $7, $8, $9,
              CASE WHEN $10::date IS NOT NULL THEN true END, $10::date, $11, $12, $13::date,
              CASE WHEN $14 THEN now() END, u.id, coalesce($15::timestamptz, now()), 0.07
         FROM organizations o, users u WHERE o.code = $16 AND u.email = $17
       RETURNING id`,
      [
        rows.reference,
        rows.title,
        rows.summary,
        rows.scope,
        rows.thematicAreaCode,
        rows.durationMonths,
        rows.markers.gender,
        rows.markers.humanRights,
        rows.markers.childSensitivity,
        rows.governmentEndorsementDate,
        rows.status,
        rows.version,
        rows.startDate,
        rows.submitted,
        rows.createdAt,
        rows.convenerCode,
        rows.createdBy,
      ],
    )) as { id: string }[];
    await manager.query(
      `INSERT INTO proposal_organizations (proposal_id, organization_id, position)
       SELECT $1, o.id, array_position($2::text[], o.code) FROM organizations o WHERE o.code = ANY($2::text[])`,
      [id, rows.punoCodes],
    );
    await manager.query(
      `INSERT INTO proposal_countries (proposal_id, country_code) SELECT $1, unnest($2::char(3)[])`,
      [id, rows.countryCodes],
    );
    await manager.query(
      `INSERT INTO proposal_objectives (proposal_id, gcm_objective_code) SELECT $1, unnest($2::smallint[])`,
      [id, rows.objectiveCodes],
    );
    for (const line of rows.lines) {
      await manager.query(
        `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
         SELECT $1, id, $2, $3 FROM organizations WHERE code = $4`,
        [id, line.categoryCode, line.amountCents.toString(), line.orgCode],
      );
    }
    return id;
  });
}
