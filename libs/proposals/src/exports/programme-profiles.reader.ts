import { Injectable } from '@nestjs/common';
import { Cents, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { PROGRAMME_STATUSES } from '../lifecycle';

/** One joint programme (an approved proposal and after) as reports describe it. */
export interface ProgrammeProfile {
  id: string;
  reference: string;
  title: string;
  summary: string;
  stage: string;
  scope: string;
  status: string;
  thematicArea: { code: number; title: string; shortTitle: string };
  convener: { code: string; name: string };
  durationMonths: number;
  startDate: string | null;
  markers: { gender: number; humanRights: number; childSensitivity: number };
  governmentEndorsed: boolean | null;
  governmentEndorsementDate: string | null;
  /** In the proposal's order of PUNOs. */
  punos: { code: string; name: string }[];
  /** By country name. */
  countries: { code: string; name: string; region: string }[];
  objectives: { code: number; title: string; shortTitle: string }[];
  /** Direct costs per PUNO and category, in cents. */
  budgetLines: { orgCode: string; categoryCode: number; amount: Cents }[];
}

interface ProgrammeRow {
  id: string;
  reference: string;
  title: string;
  summary: string;
  stage: string;
  scope: string;
  status: string;
  ta_code: number;
  ta_title: string;
  ta_short: string;
  convener_code: string;
  convener_name: string;
  duration_months: number;
  start_date: string | null;
  marker_gender: number;
  marker_human_rights: number;
  marker_child_sensitivity: number;
  government_endorsed: boolean | null;
  government_endorsement_date: string | null;
}

interface PunoRow {
  proposalId: string;
  code: string;
  name: string;
}
interface CountryRow {
  proposalId: string;
  code: string;
  name: string;
  region: string;
}
interface ObjectiveRow {
  proposalId: string;
  code: number;
  title: string;
  shortTitle: string;
}
interface BudgetLineRow {
  proposalId: string;
  orgCode: string;
  categoryCode: number;
  amount: string;
}

const PROGRAMMES_SQL = `
  SELECT p.id, p.reference, p.title, p.summary, p.stage, p.scope, p.status,
         ta.code AS ta_code, ta.title AS ta_title, ta.short_title AS ta_short,
         c.code AS convener_code, c.name AS convener_name, p.duration_months,
         to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
         p.marker_gender, p.marker_human_rights, p.marker_child_sensitivity,
         p.government_endorsed, to_char(p.government_endorsement_date, 'YYYY-MM-DD') AS government_endorsement_date
    FROM proposals p
    JOIN reference_thematic_areas_v ta ON ta.code = p.thematic_area_code
    JOIN identity_organizations_v c ON c.id = p.convener_org_id
   WHERE p.status = ANY($1) AND ($2::uuid IS NULL OR p.id = $2::uuid)
   ORDER BY p.reference`;

/**
 * What proposals exports about programmes to the reports: the profiles of approved proposals
 * (one, or all of them) with their PUNOs, countries, GCM objectives and budget lines. Read with
 * the caller's runner, so a report sees its one snapshot; batched, a few statements whatever the
 * portfolio's size. Names of areas, objectives, countries and organizations come through their
 * owners' views (`reference_*_v`, `identity_organizations_v`), never their tables.
 */
@Injectable()
export class ProgrammeProfilesReader {
  /** The programme, or every programme when `programmeId` is null, by reference. */
  async profiles(db: SqlRunner, programmeId: string | null): Promise<ProgrammeProfile[]> {
    const rows = await sqlRows<ProgrammeRow>(db, PROGRAMMES_SQL, [PROGRAMME_STATUSES, programmeId]);
    const ids = rows.map((row) => row.id);
    const punos = await sqlRows<PunoRow>(
      db,
      `SELECT po.proposal_id AS "proposalId", o.code, o.name FROM proposal_organizations po
         JOIN identity_organizations_v o ON o.id = po.organization_id
        WHERE po.proposal_id = ANY($1) ORDER BY po.proposal_id, po.position, o.code`,
      [ids],
    );
    const countries = await sqlRows<CountryRow>(
      db,
      `SELECT pc.proposal_id AS "proposalId", c.code, c.name, c.region FROM proposal_countries pc
         JOIN reference_countries_v c ON c.code = pc.country_code
        WHERE pc.proposal_id = ANY($1) ORDER BY pc.proposal_id, c.name`,
      [ids],
    );
    const objectives = await sqlRows<ObjectiveRow>(
      db,
      `SELECT po.proposal_id AS "proposalId", g.code, g.title, g.short_title AS "shortTitle"
         FROM proposal_objectives po JOIN reference_gcm_objectives_v g ON g.code = po.gcm_objective_code
        WHERE po.proposal_id = ANY($1) ORDER BY po.proposal_id, g.code`,
      [ids],
    );
    const lines = await sqlRows<BudgetLineRow>(
      db,
      `SELECT bl.proposal_id AS "proposalId", o.code AS "orgCode", bl.category_code AS "categoryCode",
              bl.amount::text AS amount
         FROM proposal_budget_lines bl JOIN identity_organizations_v o ON o.id = bl.organization_id
        WHERE bl.proposal_id = ANY($1) ORDER BY bl.proposal_id, o.code, bl.category_code`,
      [ids],
    );
    const punosBy = byProposal(punos);
    const countriesBy = byProposal(countries);
    const objectivesBy = byProposal(objectives);
    const linesBy = byProposal(lines);
    return rows.map((row) =>
      toProfile(row, {
        punos: (punosBy.get(row.id) ?? []).map(({ code, name }) => ({ code, name })),
        countries: (countriesBy.get(row.id) ?? []).map(({ code, name, region }) => ({ code, name, region })),
        objectives: (objectivesBy.get(row.id) ?? []).map(({ code, title, shortTitle }) => ({
          code,
          title,
          shortTitle,
        })),
        budgetLines: (linesBy.get(row.id) ?? []).map((line) => ({
          orgCode: line.orgCode,
          categoryCode: line.categoryCode,
          amount: BigInt(line.amount),
        })),
      }),
    );
  }

  /** Whether `id` is a programme (an approved proposal and after). */
  async isProgramme(db: SqlRunner, id: string): Promise<boolean> {
    const row = await sqlRow(db, 'SELECT 1 FROM proposals WHERE id = $1 AND status = ANY($2)', [
      id,
      PROGRAMME_STATUSES,
    ]);
    return row !== null;
  }
}

function byProposal<T extends { proposalId: string }>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(item.proposalId, [...(map.get(item.proposalId) ?? []), item]);
  return map;
}

function toProfile(
  row: ProgrammeRow,
  children: Pick<ProgrammeProfile, 'punos' | 'countries' | 'objectives' | 'budgetLines'>,
): ProgrammeProfile {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    summary: row.summary,
    stage: row.stage,
    scope: row.scope,
    status: row.status,
    thematicArea: { code: row.ta_code, title: row.ta_title, shortTitle: row.ta_short },
    convener: { code: row.convener_code, name: row.convener_name },
    durationMonths: row.duration_months,
    startDate: row.start_date,
    markers: {
      gender: row.marker_gender,
      humanRights: row.marker_human_rights,
      childSensitivity: row.marker_child_sensitivity,
    },
    governmentEndorsed: row.government_endorsed,
    governmentEndorsementDate: row.government_endorsement_date,
    ...children,
  };
}
