import { Injectable } from '@nestjs/common';
import {
  formatMoney,
  offsetOf,
  orderByOf,
  positionalParams,
  searchPatterns,
  SqlRunner,
  sqlRow,
  sqlRows,
} from '@mptf/platform';
import { PROGRAMME_STATUSES, ProposalStatus } from '@mptf/proposals';
import { ProgrammeMoneyCents } from './fund-math';
import { moneyFigures, MovementSummary, ProgrammeQuery, ProgrammeSummary } from './finance-read.types';
import { MOVEMENT_KINDS } from './ledger-kind';

/** Sums of a programme's or a PUNO's money, as text (bigint sums). */
export interface MoneyRow {
  allocated: string;
  transferred: string;
  refunded: string;
  expenditure: string;
}

export function toCents(row: MoneyRow): ProgrammeMoneyCents {
  return {
    allocated: BigInt(row.allocated),
    transferred: BigInt(row.transferred),
    refunded: BigInt(row.refunded),
    expenditure: BigInt(row.expenditure),
  };
}

/**
 * Sums of `puno_ledger_sums` (m), the one PUNO-money sum (see LedgerRepository), so no read sums
 * the ledger itself.
 */
export const MONEY_SUMS = `
  coalesce(sum(m.allocated), 0)::text AS allocated,
  coalesce(sum(m.transferred), 0)::text AS transferred,
  coalesce(sum(m.refunded), 0)::text AS refunded,
  coalesce(sum(m.expenditure), 0)::text AS expenditure`;

interface ProgrammeRow extends MoneyRow {
  id: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  scope: string;
  thematic_area_code: number;
  convener_code: string;
  start_date: string | null;
  organization_codes: string[];
  country_codes: string[];
}

export interface ProgrammeWithMoney {
  summary: ProgrammeSummary;
  money: ProgrammeMoneyCents;
}

function toProgramme(row: ProgrammeRow): ProgrammeWithMoney {
  const money = toCents(row);
  return {
    money,
    summary: {
      id: row.id,
      reference: row.reference,
      title: row.title,
      status: row.status,
      scope: row.scope,
      thematicAreaCode: row.thematic_area_code,
      convenerCode: row.convener_code,
      organizationCodes: row.organization_codes,
      countryCodes: row.country_codes,
      startDate: row.start_date,
      ...moneyFigures(money),
    },
  };
}

/** What the programme list sorts by, and the column each sorts on (m: the money, when needed). */
export const PROGRAMME_SORT_FIELDS: Record<string, string> = {
  reference: 'p.reference',
  title: 'lower(p.title)',
  status: 'p.status',
  thematicArea: 'p.thematic_area_code',
  startDate: 'p.start_date',
  allocated: 'm.allocated',
  transferred: 'm.transferred',
  refunded: 'm.refunded',
  netFunded: '(m.transferred - m.refunded)',
  expenditure: 'm.expenditure',
  deliveryRate: '(m.expenditure::numeric / nullif(m.transferred - m.refunded, 0))',
};

/** A programme's money summed from `puno_ledger_sums`, for sorting a page by it. */
const MONEY_OF_P = `LEFT JOIN LATERAL (
    SELECT coalesce(sum(s.allocated), 0) AS allocated, coalesce(sum(s.transferred), 0) AS transferred,
           coalesce(sum(s.refunded), 0) AS refunded, coalesce(sum(s.expenditure), 0) AS expenditure
      FROM puno_ledger_sums s WHERE s.proposal_id = p.id) m ON true`;

type ProgrammeFilter = Omit<ProgrammeQuery, 'page' | 'pageSize' | 'sort'>;

/**
 * The list's conditions on proposals_summary_v p. `q` finds a reference or title by prefix or
 * part (the trigram indexes of ProposalTrigramSearch), or a country or PUNO by its code.
 */
function where(query: ProgrammeFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = positionalParams(params);
  const conditions = [`p.status = ANY(${bind(query.status ? [query.status] : PROGRAMME_STATUSES)})`];
  if (query.thematicArea !== undefined) conditions.push(`p.thematic_area_code = ${bind(query.thematicArea)}`);
  if (query.organization) {
    const code = bind(query.organization);
    conditions.push(
      `(p.convener_org_id = (SELECT id FROM identity_organizations_v WHERE code = ${code})
        OR EXISTS (SELECT 1 FROM proposals_participants_v fo JOIN identity_organizations_v o ON o.id = fo.organization_id
                    WHERE fo.proposal_id = p.id AND o.code = ${code}))`,
    );
  }
  const search = searchPatterns(query.q);
  if (search) {
    const contains = bind(search.contains);
    const code = bind(search.term.toUpperCase());
    conditions.push(
      `(lower(p.reference) LIKE ${contains} OR lower(p.title) LIKE ${contains}
        OR EXISTS (SELECT 1 FROM proposals_countries_v sc WHERE sc.proposal_id = p.id AND sc.country_code::text = ${code})
        OR EXISTS (SELECT 1 FROM proposals_participants_v so JOIN identity_organizations_v o ON o.id = so.organization_id
                    WHERE so.proposal_id = p.id AND o.code = ${code}))`,
    );
  }
  return { where: conditions.join(' AND '), params };
}

/** Programmes (proposals from approval on) with their money: the list and one programme's page. */
@Injectable()
export class ProgrammeReadRepository {
  async count(db: SqlRunner, query: ProgrammeFilter): Promise<number> {
    const { where: condition, params } = where(query);
    const row = await sqlRow<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM proposals_summary_v p WHERE ${condition}`,
      params,
    );
    return row?.total ?? 0;
  }

  /** The money of every programme the filter lets through (the list's totals row). */
  async totals(db: SqlRunner, query: ProgrammeFilter): Promise<ProgrammeMoneyCents> {
    const { where: condition, params } = where(query);
    const row = await sqlRow<MoneyRow>(
      db,
      `SELECT ${MONEY_SUMS} FROM puno_ledger_sums m
        WHERE m.proposal_id IN (SELECT p.id FROM proposals_summary_v p WHERE ${condition})`,
      params,
    );
    return toCents(row ?? { allocated: '0', transferred: '0', refunded: '0', expenditure: '0' });
  }

  /** One page in the `sort` order (by reference without one, and to break ties). */
  async page(db: SqlRunner, query: ProgrammeQuery): Promise<ProgrammeWithMoney[]> {
    const { where: condition, params } = where(query);
    const sorted = orderByOf(query.sort, PROGRAMME_SORT_FIELDS);
    const byMoney = sorted.some((term) => /\bm\./.test(term));
    const bind = positionalParams(params);
    const ids = await sqlRows<{ id: string }>(
      db,
      `SELECT p.id FROM proposals_summary_v p ${byMoney ? MONEY_OF_P : ''}
        WHERE ${condition}
        ORDER BY ${[...sorted.map((term) => `${term} NULLS LAST`), 'p.reference'].join(', ')}
        LIMIT ${bind(query.pageSize)} OFFSET ${bind(offsetOf(query))}`,
      params,
    );
    const found = await this.programmes(db, 'p.id = ANY($1)', [ids.map((row) => row.id)]);
    const byId = new Map(found.map((programme) => [programme.summary.id, programme]));
    return ids.flatMap((row) => byId.get(row.id) ?? []);
  }

  async find(db: SqlRunner, id: string): Promise<ProgrammeWithMoney | null> {
    const [found] = await this.programmes(db, 'p.id = $1 AND p.status = ANY($2)', [id, PROGRAMME_STATUSES]);
    return found ?? null;
  }

  /** The programme's PUNOs in its order, each with its own money. */
  async punos(db: SqlRunner, id: string): Promise<(ProgrammeMoneyCents & { code: string; name: string })[]> {
    return sqlRows(
      db,
      `SELECT o.code, o.name, ${MONEY_SUMS}
         FROM proposals_participants_v po
         JOIN identity_organizations_v o ON o.id = po.organization_id
         LEFT JOIN puno_ledger_sums m ON m.proposal_id = po.proposal_id AND m.organization_id = po.organization_id
        WHERE po.proposal_id = $1
        GROUP BY o.code, o.name, po.position
        ORDER BY po.position, o.code`,
      [id],
      (row: MoneyRow & { code: string; name: string }) => ({
        code: row.code,
        name: row.name,
        ...toCents(row),
      }),
    );
  }

  async objectiveCodes(db: SqlRunner, id: string): Promise<number[]> {
    const rows = await sqlRows<{ code: number }>(
      db,
      'SELECT gcm_objective_code AS code FROM proposals_objectives_v WHERE proposal_id = $1 ORDER BY 1',
      [id],
    );
    return rows.map((row) => row.code);
  }

  /** Allocations, transfers and refunds in date order, with their reversals. */
  async movements(db: SqlRunner, id: string): Promise<MovementSummary[]> {
    return sqlRows(
      db,
      `SELECT e.id, e.kind, o.code AS org_code, e.amount::text AS amount, to_char(e.entry_date, 'YYYY-MM-DD') AS date,
              e.corrects_entry_id AS reverses, CASE WHEN e.corrects_entry_id IS NOT NULL THEN e.description END AS reason,
              (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
         FROM ledger_entries e JOIN identity_organizations_v o ON o.id = e.organization_id
        WHERE e.proposal_id = $1 AND e.kind = ANY($2)
        ORDER BY e.entry_date, e.seq`,
      [id, MOVEMENT_KINDS],
      (row: {
        id: string;
        kind: MovementSummary['kind'];
        org_code: string;
        amount: string;
        date: string;
        reverses: string | null;
        reason: string | null;
        reversed_by: string | null;
      }): MovementSummary => ({
        id: row.id,
        kind: row.kind,
        orgCode: row.org_code,
        amount: formatMoney(row.amount),
        date: row.date,
        reversedBy: row.reversed_by,
        reverses: row.reverses,
        reason: row.reason,
      }),
    );
  }

  /** Programmes matching `condition` (which may end in ORDER BY/LIMIT/OFFSET), ordered by reference. */
  private async programmes(
    db: SqlRunner,
    condition: string,
    params: unknown[],
  ): Promise<ProgrammeWithMoney[]> {
    // The proposals first, then the money of only those: summing every programme's ledger for
    // each row of a page made a page of 200 cost 400 ms at 1,000 programmes.
    return sqlRows(
      db,
      `WITH chosen AS MATERIALIZED (SELECT p.id FROM proposals_summary_v p WHERE ${condition}),
       money AS (
         SELECT s.proposal_id, sum(s.allocated) AS allocated, sum(s.transferred) AS transferred,
                sum(s.refunded) AS refunded, sum(s.expenditure) AS expenditure
           FROM chosen JOIN puno_ledger_sums s ON s.proposal_id = chosen.id
          GROUP BY s.proposal_id)
       SELECT p.id, p.reference, p.title, p.status, p.scope, p.thematic_area_code, c.code AS convener_code,
              to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
              array(SELECT o.code FROM proposals_participants_v po JOIN identity_organizations_v o ON o.id = po.organization_id
                     WHERE po.proposal_id = p.id ORDER BY po.position, o.code) AS organization_codes,
              array(SELECT pc.country_code::text FROM proposals_countries_v pc WHERE pc.proposal_id = p.id ORDER BY 1) AS country_codes,
              coalesce(m.allocated, 0)::text AS allocated, coalesce(m.transferred, 0)::text AS transferred,
              coalesce(m.refunded, 0)::text AS refunded, coalesce(m.expenditure, 0)::text AS expenditure
         FROM chosen
         JOIN proposals_summary_v p ON p.id = chosen.id
         JOIN identity_organizations_v c ON c.id = p.convener_org_id
         LEFT JOIN money m ON m.proposal_id = p.id
        ORDER BY p.reference`,
      params,
      toProgramme,
    );
  }
}
