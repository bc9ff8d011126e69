import { Injectable } from '@nestjs/common';
import { applyRate, Cents, NotFoundError } from '@mptf/platform';
import { PROGRAMME_STATUSES } from '@mptf/proposals';
import { ReferenceService } from '@mptf/reference';
import { EntityManager } from 'typeorm';

/** One joint programme as the factsheet shows it (read from the proposal aggregate). */
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
  punos: { code: string; name: string }[];
  countries: { code: string; name: string; region: string }[];
  objectives: { code: number; title: string; shortTitle: string }[];
  /** Direct costs (categories 1–7) per PUNO, in cents. */
  budgetLines: { orgCode: string; categoryCode: number; amount: Cents }[];
}

export interface BudgetCategoryRef {
  code: number;
  title: string;
  direct: boolean;
}

export interface ProgrammeFactsheetData {
  programmes: ProgrammeProfile[];
  categories: BudgetCategoryRef[];
  /** The fund's indirect rate read in the same snapshot ("0.07"). */
  indirectRate: string;
  /** When the snapshot was taken (transaction start), ISO 8601. */
  snapshotAt: string;
}

export interface OrganizationBudget {
  orgCode: string;
  direct: Cents;
  indirect: Cents;
  total: Cents;
}

export interface ProgrammeBudget {
  byOrganization: OrganizationBudget[];
  /** Category → PUNO → cents; category 8 holds each PUNO's indirect support costs. */
  byCategory: { code: number; title: string; byOrganization: Map<string, Cents>; total: Cents }[];
  direct: Cents;
  indirect: Cents;
  total: Cents;
}

/**
 * The budget the way the fund states it: direct costs per PUNO from the budget lines, indirect
 * support costs (category 8) per PUNO at the fund rate, rounded to the cent per PUNO.
 */
export function programmeBudget(
  programme: Pick<ProgrammeProfile, 'punos' | 'budgetLines'>,
  categories: BudgetCategoryRef[],
  indirectRate: string,
): ProgrammeBudget {
  const byOrganization = programme.punos.map((puno) => {
    const direct = programme.budgetLines
      .filter((line) => line.orgCode === puno.code)
      .reduce((sum, line) => sum + line.amount, 0n);
    const indirect = applyRate(direct, indirectRate);
    return { orgCode: puno.code, direct, indirect, total: direct + indirect };
  });
  const byCategory = categories.map((category) => {
    const cells = new Map<string, Cents>();
    for (const puno of byOrganization) {
      const amount = category.direct
        ? programme.budgetLines
            .filter((line) => line.orgCode === puno.orgCode && line.categoryCode === category.code)
            .reduce((sum, line) => sum + line.amount, 0n)
        : puno.indirect;
      cells.set(puno.orgCode, amount);
    }
    const total = [...cells.values()].reduce((sum, amount) => sum + amount, 0n);
    return { code: category.code, title: category.title, byOrganization: cells, total };
  });
  const direct = byOrganization.reduce((sum, org) => sum + org.direct, 0n);
  const indirect = byOrganization.reduce((sum, org) => sum + org.indirect, 0n);
  return { byOrganization, byCategory, direct, indirect, total: direct + indirect };
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

/**
 * Reads programmes (approved proposals) for factsheets with the caller's manager, so every query
 * sees the run's one REPEATABLE READ snapshot. Batched: a few queries whatever the portfolio size.
 */
@Injectable()
export class ProgrammeFactsheetDataProvider {
  constructor(private readonly reference: ReferenceService) {}

  async load(manager: EntityManager, programmeId: string | null): Promise<ProgrammeFactsheetData> {
    const [{ snapshot_at: snapshotAt }] = (await manager.query(
      `SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS snapshot_at`,
    )) as { snapshot_at: string }[];
    const { indirectRate } = await this.reference.fundSettings(manager);
    const categories = (await manager.query(
      'SELECT code, title, direct FROM budget_categories ORDER BY code',
    )) as BudgetCategoryRef[];

    const rows = (await manager.query(
      `SELECT p.id, p.reference, p.title, p.summary, p.stage, p.scope, p.status,
              ta.code AS ta_code, ta.title AS ta_title, ta.short_title AS ta_short,
              c.code AS convener_code, c.name AS convener_name, p.duration_months,
              to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
              p.marker_gender, p.marker_human_rights, p.marker_child_sensitivity,
              p.government_endorsed, to_char(p.government_endorsement_date, 'YYYY-MM-DD') AS government_endorsement_date
         FROM proposals p
         JOIN thematic_areas ta ON ta.code = p.thematic_area_code
         JOIN organizations c ON c.id = p.convener_org_id
        WHERE p.status = ANY($1) AND ($2::uuid IS NULL OR p.id = $2::uuid)
        ORDER BY p.reference`,
      [PROGRAMME_STATUSES, programmeId],
    )) as ProgrammeRow[];
    if (programmeId && !rows.length) throw new NotFoundError('Programme', programmeId);
    const ids = rows.map((row) => row.id);

    const punos = (await manager.query(
      `SELECT po.proposal_id, o.code, o.name FROM proposal_organizations po
         JOIN organizations o ON o.id = po.organization_id
        WHERE po.proposal_id = ANY($1) ORDER BY po.proposal_id, po.position, o.code`,
      [ids],
    )) as { proposal_id: string; code: string; name: string }[];
    const countries = (await manager.query(
      `SELECT pc.proposal_id, c.code, c.name, c.region FROM proposal_countries pc
         JOIN countries c ON c.code = pc.country_code
        WHERE pc.proposal_id = ANY($1) ORDER BY pc.proposal_id, c.name`,
      [ids],
    )) as { proposal_id: string; code: string; name: string; region: string }[];
    const objectives = (await manager.query(
      `SELECT po.proposal_id, g.code, g.title, g.short_title FROM proposal_objectives po
         JOIN gcm_objectives g ON g.code = po.gcm_objective_code
        WHERE po.proposal_id = ANY($1) ORDER BY po.proposal_id, g.code`,
      [ids],
    )) as { proposal_id: string; code: number; title: string; short_title: string }[];
    const lines = (await manager.query(
      `SELECT bl.proposal_id, o.code AS org_code, bl.category_code, bl.amount::text AS amount
         FROM proposal_budget_lines bl JOIN organizations o ON o.id = bl.organization_id
        WHERE bl.proposal_id = ANY($1) ORDER BY bl.proposal_id, o.code, bl.category_code`,
      [ids],
    )) as { proposal_id: string; org_code: string; category_code: number; amount: string }[];

    const group = <T extends { proposal_id: string }>(items: T[]) => {
      const map = new Map<string, T[]>();
      for (const item of items) map.set(item.proposal_id, [...(map.get(item.proposal_id) ?? []), item]);
      return map;
    };
    const punosBy = group(punos);
    const countriesBy = group(countries);
    const objectivesBy = group(objectives);
    const linesBy = group(lines);

    return {
      snapshotAt,
      indirectRate,
      categories,
      programmes: rows.map((row) => ({
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
        punos: (punosBy.get(row.id) ?? []).map((p) => ({ code: p.code, name: p.name })),
        countries: (countriesBy.get(row.id) ?? []).map((c) => ({
          code: c.code,
          name: c.name,
          region: c.region,
        })),
        objectives: (objectivesBy.get(row.id) ?? []).map((o) => ({
          code: o.code,
          title: o.title,
          shortTitle: o.short_title,
        })),
        budgetLines: (linesBy.get(row.id) ?? []).map((l) => ({
          orgCode: l.org_code,
          categoryCode: l.category_code,
          amount: BigInt(l.amount),
        })),
      })),
    };
  }
}
