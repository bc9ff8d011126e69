import { Injectable } from '@nestjs/common';
import { SqlRunner, sqlRows } from '@mptf/platform';
import { PROGRAMME_STATUSES, proposalStatusAsOfSql, ProposalStatus } from '@mptf/proposals';
import { GLOBAL_GROUP, PortfolioDimension } from './finance-read.types';
import { LedgerKind, PROGRAMME_KINDS } from './ledger-kind';
import { MONEY_SUMS, MoneyRow } from './programme-read.repository';
import { punoSumsCut } from './report-figures.repository';

/** How each programme status is labelled in the status breakdown. */
const STATUS_LABELS: Record<string, string> = {
  [ProposalStatus.APPROVED]: 'Approved (not yet started)',
  [ProposalStatus.ACTIVE]: 'Active',
  [ProposalStatus.OPERATIONALLY_CLOSED]: 'Operationally closed',
  [ProposalStatus.FINANCIALLY_CLOSED]: 'Financially closed',
};

export interface PortfolioRow extends MoneyRow {
  key: string;
  label: string;
  programmes: number;
}

/**
 * Per dimension: `groups` (key, label, sort) to list, and `members` (key, proposal_id,
 * organization_id) saying which programme counts in which group; organization_id is set only
 * when a group counts one PUNO's own money.
 */
const DIMENSIONS: Record<PortfolioDimension, { groups: string; members: string }> = {
  [PortfolioDimension.THEMATIC_AREA]: {
    groups: `SELECT code::text AS key, short_title AS label, lpad(code::text, 4, '0') AS sort FROM reference_thematic_areas_v`,
    members: `SELECT thematic_area_code::text AS key, id AS proposal_id, NULL::uuid AS organization_id FROM programmes`,
  },
  [PortfolioDimension.GCM_OBJECTIVE]: {
    groups: `SELECT code::text AS key, short_title AS label, lpad(code::text, 4, '0') AS sort FROM reference_gcm_objectives_v`,
    members: `SELECT po.gcm_objective_code::text AS key, po.proposal_id, NULL::uuid AS organization_id
                FROM proposals_objectives_v po JOIN programmes p ON p.id = po.proposal_id`,
  },
  // Groups with programmes only: taken from the members rather than joined a second time.
  [PortfolioDimension.REGION]: {
    groups: `SELECT DISTINCT key, CASE key WHEN '${GLOBAL_GROUP.key}' THEN '${GLOBAL_GROUP.label}' ELSE key END AS label,
                    CASE key WHEN '${GLOBAL_GROUP.key}' THEN '~' ELSE key END AS sort
               FROM members`,
    members: `SELECT DISTINCT c.region AS key, pc.proposal_id, NULL::uuid AS organization_id
                FROM proposals_countries_v pc JOIN programmes p ON p.id = pc.proposal_id JOIN reference_countries_v c ON c.code = pc.country_code
              UNION ALL
              SELECT '${GLOBAL_GROUP.key}', p.id, NULL::uuid FROM programmes p
               WHERE NOT EXISTS (SELECT 1 FROM proposals_countries_v pc WHERE pc.proposal_id = p.id)`,
  },
  [PortfolioDimension.COUNTRY]: {
    groups: `SELECT DISTINCT mb.key, coalesce(c.name, '${GLOBAL_GROUP.label}') AS label, coalesce(c.name, '~') AS sort
               FROM members mb LEFT JOIN reference_countries_v c ON c.code = mb.key`,
    members: `SELECT pc.country_code::text AS key, pc.proposal_id, NULL::uuid AS organization_id
                FROM proposals_countries_v pc JOIN programmes p ON p.id = pc.proposal_id
              UNION ALL
              SELECT '${GLOBAL_GROUP.key}', p.id, NULL::uuid FROM programmes p
               WHERE NOT EXISTS (SELECT 1 FROM proposals_countries_v pc WHERE pc.proposal_id = p.id)`,
  },
  [PortfolioDimension.ORGANIZATION]: {
    groups: `SELECT DISTINCT o.code AS key, o.name AS label, o.code AS sort
               FROM (SELECT DISTINCT organization_id FROM members) mb JOIN identity_organizations_v o ON o.id = mb.organization_id`,
    members: `SELECT o.code AS key, po.proposal_id, po.organization_id
                FROM proposals_participants_v po JOIN programmes p ON p.id = po.proposal_id JOIN identity_organizations_v o ON o.id = po.organization_id`,
  },
  [PortfolioDimension.STATUS]: {
    groups: `SELECT s.status AS key, s.label, lpad(s.n::text, 4, '0') AS sort
               FROM unnest($1::text[], ARRAY[${PROGRAMME_STATUSES.map((status) => `'${STATUS_LABELS[status]}'`).join(', ')}]::text[])
                    WITH ORDINALITY AS s(status, label, n)`,
    members: `SELECT status AS key, id AS proposal_id, NULL::uuid AS organization_id FROM programmes`,
  },
};

/** The portfolio's breakdowns: programmes and their money grouped by one dimension, in one statement. */
@Injectable()
export class PortfolioRepository {
  /**
   * With `throughYear`, cut at 31 December of that year: the programmes with an allocation booked
   * by then, and their money less what was booked for later years.
   */
  async groups(db: SqlRunner, groupBy: PortfolioDimension, throughYear?: number): Promise<PortfolioRow[]> {
    const dimension = DIMENSIONS[groupBy];
    const cut = throughYear !== undefined;
    const sums = cut ? punoSumsCut('$2', '$3') : 'puno_ledger_sums';
    const approvedBy = cut
      ? ` AND EXISTS (SELECT 1 FROM ledger_entries a WHERE a.proposal_id = proposals_summary_v.id AND a.kind = '${LedgerKind.ALLOCATION}' AND a.year <= $3)`
      : '';
    // Cut, a programme's status is the one it had at the cut-off: closures from its status
    // timeline; otherwise the money booked by then decides, as the lifecycle does (an allocation
    // means approved, a first transfer active), also when the timeline was recorded later.
    const then = proposalStatusAsOfSql('id', `make_timestamptz($3::int + 1, 1, 1, 0, 0, 0, 'UTC')`);
    const transferred = `EXISTS (SELECT 1 FROM ledger_entries t WHERE t.proposal_id = proposals_summary_v.id
                           AND t.kind = '${LedgerKind.TRANSFER}' AND t.year <= $3)`;
    const status = cut
      ? `CASE WHEN ${then} = ANY(ARRAY['${ProposalStatus.OPERATIONALLY_CLOSED}', '${ProposalStatus.FINANCIALLY_CLOSED}'])
              THEN ${then}
              WHEN ${then} = '${ProposalStatus.ACTIVE}' OR ${transferred} THEN '${ProposalStatus.ACTIVE}'
              ELSE '${ProposalStatus.APPROVED}' END`
      : 'status';
    return sqlRows<PortfolioRow>(
      db,
      `WITH programmes AS MATERIALIZED (SELECT id, thematic_area_code, ${status} AS status FROM proposals_summary_v WHERE status = ANY($1)${approvedBy}),
       -- Materialized: inlined, the planner re-derived the members per group (a nested loop over
       -- every PUNO's rows: 200 ms at 1,000 programmes among 100,000 proposals, 30 ms so).
       members AS MATERIALIZED (${dimension.members}),
       groups AS (${dimension.groups})
       SELECT g.key::text AS key, g.label, g.sort,
              count(DISTINCT mb.proposal_id)::int AS programmes, ${MONEY_SUMS}
         FROM groups g
         LEFT JOIN members mb ON mb.key::text = g.key::text
         LEFT JOIN ${sums} m ON m.proposal_id = mb.proposal_id
              AND (mb.organization_id IS NULL OR m.organization_id = mb.organization_id)
        GROUP BY g.key, g.label, g.sort
        ORDER BY g.sort, g.label`,
      cut ? [PROGRAMME_STATUSES, PROGRAMME_KINDS, throughYear] : [PROGRAMME_STATUSES],
    );
  }
}
