import { BindParam, Cents, hydrateEntities } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { PartnerType } from '../entities/proposal-parts.entity';
import { Proposal } from '../entities/proposal.entity';
import { ProposalRecord } from '../proposal.view';

/** The child rows of a proposal as written; PUNOs and partners keep the order given. */
export interface ProposalParts {
  countryCodes: string[];
  gcmObjectiveCodes: number[];
  participantIds: string[];
  budgetLines: { organizationId: string; categoryCode: number; amount: Cents }[];
  partners: { name: string; type: PartnerType }[];
}

export type ProposalPartName = keyof ProposalParts;

interface PartTable {
  table: string;
  /** The name of the statement part (CTE) that writes it. */
  cte: string;
  /** INSERT … RETURNING * of the part's rows for proposal `id` (a placeholder). */
  insert(parts: ProposalParts, id: string, param: BindParam): string;
}

/** Every child table of a proposal and how its rows are written: the one way, on create and update. */
export const PART_TABLES: Record<ProposalPartName, PartTable> = {
  countryCodes: {
    table: 'proposal_countries',
    cte: 'countries',
    insert: (parts, id, param) =>
      `INSERT INTO proposal_countries (proposal_id, country_code)
       SELECT ${id}, unnest(${param(parts.countryCodes)}::text[]) RETURNING *`,
  },
  gcmObjectiveCodes: {
    table: 'proposal_objectives',
    cte: 'objectives',
    insert: (parts, id, param) =>
      `INSERT INTO proposal_objectives (proposal_id, gcm_objective_code)
       SELECT ${id}, unnest(${param(parts.gcmObjectiveCodes)}::smallint[]) RETURNING *`,
  },
  participantIds: {
    table: 'proposal_organizations',
    cte: 'punos',
    insert: (parts, id, param) =>
      `INSERT INTO proposal_organizations (proposal_id, organization_id, position)
       SELECT ${id}, u.id, u.ord - 1 FROM unnest(${param(parts.participantIds)}::uuid[]) WITH ORDINALITY AS u(id, ord)
       RETURNING *`,
  },
  budgetLines: {
    table: 'proposal_budget_lines',
    cte: 'budget_lines',
    insert: (parts, id, param) =>
      `INSERT INTO proposal_budget_lines (proposal_id, organization_id, category_code, amount)
       SELECT ${id}, u.org, u.category, u.amount
         FROM unnest(${param(parts.budgetLines.map((line) => line.organizationId))}::uuid[],
                     ${param(parts.budgetLines.map((line) => line.categoryCode))}::smallint[],
                     ${param(parts.budgetLines.map((line) => line.amount.toString()))}::bigint[]) AS u(org, category, amount)
       RETURNING *`,
  },
  partners: {
    table: 'proposal_partners',
    cte: 'partners',
    insert: (parts, id, param) =>
      `INSERT INTO proposal_partners (proposal_id, name, type, position)
       SELECT ${id}, u.name, u.type, u.ord - 1
         FROM unnest(${param(parts.partners.map((p) => p.name))}::text[], ${param(parts.partners.map((p) => p.type))}::text[])
              WITH ORDINALITY AS u(name, type, ord)
       RETURNING *`,
  },
};

export const PART_NAMES = Object.keys(PART_TABLES) as ProposalPartName[];

/** Where the record's parts are read from: the tables, or the parts a statement just wrote. */
export type PartSources = Record<ProposalPartName, string>;

export const STORED_PARTS: PartSources = Object.fromEntries(
  PART_NAMES.map((name) => [name, PART_TABLES[name].table]),
) as PartSources;

export const WRITTEN_PARTS: PartSources = Object.fromEntries(
  PART_NAMES.map((name) => [name, PART_TABLES[name].cte]),
) as PartSources;

/**
 * The parts of the proposal on alias `p` as columns, each list in the order the views show (PUNOs
 * as listed, budget lines by PUNO then category): one statement reads a whole record, and the
 * create statement returns the record it wrote with the same ordering and collation. Lines of
 * organizations that are no PUNO follow by code in byte order (`COLLATE "C"`, whatever the
 * database's collation), as `draftRecord` predicts them.
 */
export function recordPartsSql(from: PartSources): string {
  return `
    (SELECT o.code FROM identity_organizations_v o WHERE o.id = p.convener_org_id) AS convener_code,
    coalesce((SELECT json_agg(json_build_object('id', o.id, 'code', o.code) ORDER BY po.position, o.code)
                FROM ${from.participantIds} po JOIN identity_organizations_v o ON o.id = po.organization_id
               WHERE po.proposal_id = p.id), '[]') AS participants,
    coalesce((SELECT array_agg(c.country_code::text ORDER BY c.country_code)
                FROM ${from.countryCodes} c WHERE c.proposal_id = p.id), '{}') AS countries,
    coalesce((SELECT array_agg(ob.gcm_objective_code ORDER BY ob.gcm_objective_code)
                FROM ${from.gcmObjectiveCodes} ob WHERE ob.proposal_id = p.id), '{}') AS objectives,
    coalesce((SELECT json_agg(json_build_object('org_code', o.code, 'category_code', bl.category_code,
                                                'amount', bl.amount::text)
                              ORDER BY po.position NULLS LAST, o.code COLLATE "C", bl.category_code)
                FROM ${from.budgetLines} bl
                JOIN identity_organizations_v o ON o.id = bl.organization_id
                LEFT JOIN ${from.participantIds} po
                  ON po.proposal_id = bl.proposal_id AND po.organization_id = bl.organization_id
               WHERE bl.proposal_id = p.id), '[]') AS lines,
    coalesce((SELECT json_agg(json_build_object('name', pp.name, 'type', pp.type) ORDER BY pp.position, pp.name)
                FROM ${from.partners} pp WHERE pp.proposal_id = p.id), '[]') AS partners`;
}

/** A proposal row (its columns by name) with the parts `recordPartsSql` adds. */
export type RecordRow = Record<string, unknown> & {
  convener_code: string | null;
  participants: { id: string; code: string }[];
  countries: string[];
  objectives: number[];
  lines: { org_code: string; category_code: number; amount: string }[];
  partners: { name: string; type: PartnerType }[];
};

/** Records from rows of `recordPartsSql`, the proposal converted as TypeORM's `find` does. */
export function toRecords(manager: EntityManager, rows: RecordRow[]): ProposalRecord[] {
  const proposals = hydrateEntities(manager, Proposal, rows);
  return rows.map((row, index) => ({
    proposal: proposals[index],
    convenerCode: row.convener_code ?? '',
    participants: row.participants.map((r) => ({ id: r.id, code: r.code })),
    countryCodes: row.countries,
    gcmObjectiveCodes: row.objectives.map(Number),
    budgetLines: row.lines.map((r) => ({
      orgCode: r.org_code,
      categoryCode: Number(r.category_code),
      amount: BigInt(r.amount),
    })),
    nationalPartners: row.partners.map((r) => ({ name: r.name, type: r.type })),
  }));
}
