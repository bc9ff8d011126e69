import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { formatMoney, NotFoundError, offsetOf, Page, pageOf, ratio } from '@mptf/platform';
import { PROGRAMME_STATUSES, ProposalStatus } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import {
  formatFundStatus,
  FundStatus,
  fundStatusFrom,
  programmeFigures,
  ProgrammeMoneyCents,
} from './fund-math';
import { Ledger } from './ledger';

/** The money of a programme (or of one PUNO on it) as the API shows it. */
export interface MoneyFigures {
  allocated: string;
  transferred: string;
  refunded: string;
  netFunded: string;
  expenditure: string;
  deliveryRate: string;
}

export interface ProgrammeSummary extends MoneyFigures {
  id: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  scope: string;
  thematicAreaCode: number;
  convenerCode: string;
  organizationCodes: string[];
  countryCodes: string[];
  startDate: string | null;
}

export interface PunoFigures extends MoneyFigures {
  orgCode: string;
  name: string;
  /** Allocated, not yet transferred. */
  untransferred: string;
  /** Held by the PUNO: net funded − expenditure. */
  balance: string;
}

export interface MovementSummary {
  id: string;
  kind: 'ALLOCATION' | 'TRANSFER' | 'REFUND';
  orgCode: string;
  /** Negative on a reversing entry. */
  amount: string;
  date: string;
  /** Set when the movement was reversed: the id of the reversing entry. */
  reversedBy: string | null;
  /** Set on a reversing entry: the id of the movement it reverses. */
  reverses: string | null;
  /** Why it was reversed (on the reversing entry). */
  reason: string | null;
}

export interface ProgrammeDetail extends ProgrammeSummary {
  gcmObjectiveCodes: number[];
  untransferred: string;
  balance: string;
  organizations: PunoFigures[];
  /** Allocations, transfers and refunds in date order, with their reversals. */
  movements: MovementSummary[];
}

export interface ProgrammeQuery {
  status?: ProposalStatus;
  thematicArea?: number;
  page: number;
  pageSize: number;
}

export enum PortfolioDimension {
  THEMATIC_AREA = 'thematicArea',
  GCM_OBJECTIVE = 'gcmObjective',
  REGION = 'region',
  COUNTRY = 'country',
  ORGANIZATION = 'organization',
  STATUS = 'status',
}

export interface PortfolioGroup {
  key: string | number;
  label: string;
  programmes: number;
  allocated: string;
  transferred: string;
  expenditure: string;
  deliveryRate: string;
}

/** Programmes without any country (global scope) fall in this group for region and country. */
export const GLOBAL_GROUP = { key: 'GLOBAL', label: 'Global' };

const STATUS_LABELS: Record<string, string> = {
  APPROVED: 'Approved (not yet started)',
  ACTIVE: 'Active',
  OPERATIONALLY_CLOSED: 'Operationally closed',
  FINANCIALLY_CLOSED: 'Financially closed',
};

interface MoneyRow {
  allocated: string;
  transferred: string;
  refunded: string;
  expenditure: string;
}

/**
 * Sums of `puno_ledger_sums` (m): each PUNO's programme money, which the database keeps as the
 * ledger grows (migration PunoLedgerSums), so no read sums the whole ledger.
 */
const MONEY_SUMS = `
  coalesce(sum(m.allocated), 0)::text AS allocated,
  coalesce(sum(m.transferred), 0)::text AS transferred,
  coalesce(sum(m.refunded), 0)::text AS refunded,
  coalesce(sum(m.expenditure), 0)::text AS expenditure`;

/**
 * Read models of the fund: programmes with their money, the funding-status table and the
 * portfolio breakdowns. Every figure is a sum over the ledger in SQL. Each method takes an
 * optional EntityManager so a report can read them all in one REPEATABLE READ transaction.
 */
@Injectable()
export class FinanceReadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
  ) {}

  /** The funding-status table for one reporting year, or since inception without a year. */
  async fundStatus(
    manager: EntityManager = this.dataSource.manager,
    filter: { year?: number; throughYear?: number } = {},
  ): Promise<FundStatus> {
    return formatFundStatus(fundStatusFrom(await this.ledger.totals(manager, filter)));
  }

  async programmes(
    manager: EntityManager = this.dataSource.manager,
    query: ProgrammeQuery,
  ): Promise<Page<ProgrammeSummary>> {
    const params: unknown[] = [query.status ? [query.status] : PROGRAMME_STATUSES];
    const conditions = ['p.status = ANY($1)'];
    if (query.thematicArea !== undefined) {
      params.push(query.thematicArea);
      conditions.push(`p.thematic_area_code = $${params.length}`);
    }
    const where = conditions.join(' AND ');
    const [{ total }] = (await manager.query(
      `SELECT count(*)::int AS total FROM proposals p WHERE ${where}`,
      params,
    )) as { total: number }[];
    const rows = await this.programmeRows(
      manager,
      `${where} ORDER BY p.reference LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, offsetOf(query)],
    );
    return pageOf(
      rows.map((row) => row.summary),
      total,
      query,
    );
  }

  async programme(manager: EntityManager = this.dataSource.manager, id: string): Promise<ProgrammeDetail> {
    const [found] = await this.programmeRows(manager, 'p.id = $1 AND p.status = ANY($2)', [
      id,
      PROGRAMME_STATUSES,
    ]);
    if (!found) throw new NotFoundError('Programme', id);
    const { summary, money } = found;
    const organizations = (await manager.query(
      `SELECT o.code, o.name, ${MONEY_SUMS}
         FROM proposal_organizations po
         JOIN organizations o ON o.id = po.organization_id
         LEFT JOIN puno_ledger_sums m ON m.proposal_id = po.proposal_id AND m.organization_id = po.organization_id
        WHERE po.proposal_id = $1
        GROUP BY o.code, o.name, po.position
        ORDER BY po.position, o.code`,
      [id],
    )) as (MoneyRow & { code: string; name: string })[];
    const objectives = (await manager.query(
      'SELECT gcm_objective_code AS code FROM proposal_objectives WHERE proposal_id = $1 ORDER BY 1',
      [id],
    )) as { code: number }[];
    const movements = (await manager.query(
      `SELECT e.id, e.kind, o.code AS org_code, e.amount::text AS amount, to_char(e.entry_date, 'YYYY-MM-DD') AS date,
              e.corrects_entry_id AS reverses, CASE WHEN e.corrects_entry_id IS NOT NULL THEN e.description END AS reason,
              (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
         FROM ledger_entries e JOIN organizations o ON o.id = e.organization_id
        WHERE e.proposal_id = $1 AND e.kind IN ('ALLOCATION','TRANSFER','REFUND')
        ORDER BY e.entry_date, e.seq`,
      [id],
    )) as {
      id: string;
      kind: MovementSummary['kind'];
      org_code: string;
      amount: string;
      date: string;
      reverses: string | null;
      reason: string | null;
      reversed_by: string | null;
    }[];
    const totals = programmeFigures(money);
    return {
      ...summary,
      gcmObjectiveCodes: objectives.map((row) => row.code),
      untransferred: formatMoney(totals.untransferred),
      balance: formatMoney(totals.balance),
      organizations: organizations.map((row) => {
        const figures = programmeFigures(toCents(row));
        return {
          orgCode: row.code,
          name: row.name,
          ...moneyFigures(toCents(row)),
          untransferred: formatMoney(figures.untransferred),
          balance: formatMoney(figures.balance),
        };
      }),
      movements: movements.map((row) => ({
        id: row.id,
        kind: row.kind,
        orgCode: row.org_code,
        amount: formatMoney(row.amount),
        date: row.date,
        reversedBy: row.reversed_by,
        reverses: row.reverses,
        reason: row.reason,
      })),
    };
  }

  /**
   * The portfolio grouped by one dimension. How programmes are counted:
   * - thematicArea and status: each programme in exactly one group (its primary thematic area).
   * - gcmObjective, region, country: a proposal does not split its budget by objective or
   *   country, so a programme counts with its FULL amounts in every group it belongs to; groups
   *   overlap and their sum can exceed the fund's totals. Programmes without countries (global
   *   scope) form the group GLOBAL for region and country.
   * - organization: one group per PUNO with that PUNO's OWN amounts (its allocation, transfers,
   *   expenditure); `programmes` counts the programmes it takes part in.
   * Thematic areas, GCM objectives and programme statuses are all listed, with zeros if unused.
   */
  async portfolio(
    manager: EntityManager = this.dataSource.manager,
    groupBy: PortfolioDimension,
  ): Promise<PortfolioGroup[]> {
    const dimension = DIMENSIONS[groupBy];
    const rows = (await manager.query(
      `WITH programmes AS MATERIALIZED (SELECT id, thematic_area_code, status FROM proposals WHERE status = ANY($1)),
       -- Materialized: inlined, the planner re-derived the members per group (a nested loop over
       -- every PUNO's rows: 200 ms at 1,000 programmes among 100,000 proposals, 30 ms so).
       members AS MATERIALIZED (${dimension.members}),
       groups AS (${dimension.groups})
       SELECT g.key::text AS key, g.label, g.sort,
              count(DISTINCT mb.proposal_id)::int AS programmes, ${MONEY_SUMS}
         FROM groups g
         LEFT JOIN members mb ON mb.key::text = g.key::text
         LEFT JOIN puno_ledger_sums m ON m.proposal_id = mb.proposal_id
              AND (mb.organization_id IS NULL OR m.organization_id = mb.organization_id)
        GROUP BY g.key, g.label, g.sort
        ORDER BY g.sort, g.label`,
      [PROGRAMME_STATUSES],
    )) as (MoneyRow & { key: string; label: string; programmes: number })[];
    return rows.map((row) => {
      const money = toCents(row);
      return {
        key: dimension.numericKey ? Number(row.key) : row.key,
        label: row.label,
        programmes: row.programmes,
        allocated: formatMoney(money.allocated),
        transferred: formatMoney(money.transferred),
        expenditure: formatMoney(money.expenditure),
        deliveryRate: ratio(money.expenditure, money.transferred - money.refunded, 4),
      };
    });
  }

  /** Programmes matching `where` (which may end in LIMIT/OFFSET), ordered by reference. */
  private async programmeRows(
    manager: EntityManager,
    where: string,
    params: unknown[],
  ): Promise<{ summary: ProgrammeSummary; money: ProgrammeMoneyCents }[]> {
    // The proposals first, then the money of only those: summing every programme's ledger for
    // each row of a page made a page of 200 cost 400 ms at 1,000 programmes.
    const rows = (await manager.query(
      `WITH chosen AS MATERIALIZED (SELECT p.id FROM proposals p WHERE ${where}),
       money AS (
         SELECT s.proposal_id, sum(s.allocated) AS allocated, sum(s.transferred) AS transferred,
                sum(s.refunded) AS refunded, sum(s.expenditure) AS expenditure
           FROM chosen JOIN puno_ledger_sums s ON s.proposal_id = chosen.id
          GROUP BY s.proposal_id)
       SELECT p.id, p.reference, p.title, p.status, p.scope, p.thematic_area_code, c.code AS convener_code,
              to_char(p.start_date, 'YYYY-MM-DD') AS start_date,
              array(SELECT o.code FROM proposal_organizations po JOIN organizations o ON o.id = po.organization_id
                     WHERE po.proposal_id = p.id ORDER BY po.position, o.code) AS organization_codes,
              array(SELECT pc.country_code::text FROM proposal_countries pc WHERE pc.proposal_id = p.id ORDER BY 1) AS country_codes,
              coalesce(m.allocated, 0)::text AS allocated, coalesce(m.transferred, 0)::text AS transferred,
              coalesce(m.refunded, 0)::text AS refunded, coalesce(m.expenditure, 0)::text AS expenditure
         FROM chosen
         JOIN proposals p ON p.id = chosen.id
         JOIN organizations c ON c.id = p.convener_org_id
         LEFT JOIN money m ON m.proposal_id = p.id
        ORDER BY p.reference`,
      params,
    )) as (MoneyRow & {
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
    })[];
    return rows.map((row) => ({
      money: toCents(row),
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
        ...moneyFigures(toCents(row)),
      },
    }));
  }
}

function toCents(row: MoneyRow): ProgrammeMoneyCents {
  return {
    allocated: BigInt(row.allocated),
    transferred: BigInt(row.transferred),
    refunded: BigInt(row.refunded),
    expenditure: BigInt(row.expenditure),
  };
}

export function moneyFigures(money: ProgrammeMoneyCents): MoneyFigures {
  const figures = programmeFigures(money);
  return {
    allocated: formatMoney(figures.allocated),
    transferred: formatMoney(figures.transferred),
    refunded: formatMoney(figures.refunded),
    netFunded: formatMoney(figures.netFunded),
    expenditure: formatMoney(figures.expenditure),
    deliveryRate: figures.deliveryRate,
  };
}

/**
 * Per dimension: `groups` (key, label, sort) to list, and `members` (key, proposal_id,
 * organization_id) saying which programme counts in which group; organization_id is set only
 * when a group counts one PUNO's own money.
 */
const DIMENSIONS: Record<PortfolioDimension, { groups: string; members: string; numericKey: boolean }> = {
  [PortfolioDimension.THEMATIC_AREA]: {
    numericKey: true,
    groups: `SELECT code::text AS key, short_title AS label, lpad(code::text, 4, '0') AS sort FROM thematic_areas`,
    members: `SELECT thematic_area_code::text AS key, id AS proposal_id, NULL::uuid AS organization_id FROM programmes`,
  },
  [PortfolioDimension.GCM_OBJECTIVE]: {
    numericKey: true,
    groups: `SELECT code::text AS key, short_title AS label, lpad(code::text, 4, '0') AS sort FROM gcm_objectives`,
    members: `SELECT po.gcm_objective_code::text AS key, po.proposal_id, NULL::uuid AS organization_id
                FROM proposal_objectives po JOIN programmes p ON p.id = po.proposal_id`,
  },
  // Groups with programmes only: taken from the members rather than joined a second time.
  [PortfolioDimension.REGION]: {
    numericKey: false,
    groups: `SELECT DISTINCT key, CASE key WHEN '${GLOBAL_GROUP.key}' THEN '${GLOBAL_GROUP.label}' ELSE key END AS label,
                    CASE key WHEN '${GLOBAL_GROUP.key}' THEN '~' ELSE key END AS sort
               FROM members`,
    members: `SELECT DISTINCT c.region AS key, pc.proposal_id, NULL::uuid AS organization_id
                FROM proposal_countries pc JOIN programmes p ON p.id = pc.proposal_id JOIN countries c ON c.code = pc.country_code
              UNION ALL
              SELECT '${GLOBAL_GROUP.key}', p.id, NULL::uuid FROM programmes p
               WHERE NOT EXISTS (SELECT 1 FROM proposal_countries pc WHERE pc.proposal_id = p.id)`,
  },
  [PortfolioDimension.COUNTRY]: {
    numericKey: false,
    groups: `SELECT DISTINCT mb.key, coalesce(c.name, '${GLOBAL_GROUP.label}') AS label, coalesce(c.name, '~') AS sort
               FROM members mb LEFT JOIN countries c ON c.code = mb.key`,
    members: `SELECT pc.country_code::text AS key, pc.proposal_id, NULL::uuid AS organization_id
                FROM proposal_countries pc JOIN programmes p ON p.id = pc.proposal_id
              UNION ALL
              SELECT '${GLOBAL_GROUP.key}', p.id, NULL::uuid FROM programmes p
               WHERE NOT EXISTS (SELECT 1 FROM proposal_countries pc WHERE pc.proposal_id = p.id)`,
  },
  [PortfolioDimension.ORGANIZATION]: {
    numericKey: false,
    groups: `SELECT DISTINCT o.code AS key, o.name AS label, o.code AS sort
               FROM (SELECT DISTINCT organization_id FROM members) mb JOIN organizations o ON o.id = mb.organization_id`,
    members: `SELECT o.code AS key, po.proposal_id, po.organization_id
                FROM proposal_organizations po JOIN programmes p ON p.id = po.proposal_id JOIN organizations o ON o.id = po.organization_id`,
  },
  [PortfolioDimension.STATUS]: {
    numericKey: false,
    groups: `SELECT s.status AS key, s.label, lpad(s.n::text, 4, '0') AS sort
               FROM unnest($1::text[], ARRAY[${PROGRAMME_STATUSES.map((status) => `'${STATUS_LABELS[status]}'`).join(', ')}]::text[])
                    WITH ORDINALITY AS s(status, label, n)`,
    members: `SELECT status AS key, id AS proposal_id, NULL::uuid AS organization_id FROM programmes`,
  },
};
