import { Injectable } from '@nestjs/common';
import { formatMoney, offsetOf, positionalParams, SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
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

function where(query: Pick<ProgrammeQuery, 'status' | 'thematicArea'>): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = positionalParams(params);
  const conditions = [`p.status = ANY(${bind(query.status ? [query.status] : PROGRAMME_STATUSES)})`];
  if (query.thematicArea !== undefined) conditions.push(`p.thematic_area_code = ${bind(query.thematicArea)}`);
  return { where: conditions.join(' AND '), params };
}

/** Programmes (proposals from approval on) with their money: the list and one programme's page. */
@Injectable()
export class ProgrammeReadRepository {
  async count(db: SqlRunner, query: Pick<ProgrammeQuery, 'status' | 'thematicArea'>): Promise<number> {
    const { where: condition, params } = where(query);
    const row = await sqlRow<{ total: number }>(
      db,
      `SELECT count(*)::int AS total FROM proposals_summary_v p WHERE ${condition}`,
      params,
    );
    return row?.total ?? 0;
  }

  /** One page, ordered by reference. */
  async page(db: SqlRunner, query: ProgrammeQuery): Promise<ProgrammeWithMoney[]> {
    const { where: condition, params } = where(query);
    return this.programmes(
      db,
      `${condition} ORDER BY p.reference LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, offsetOf(query)],
    );
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
