import { Injectable } from '@nestjs/common';
import { LedgerKind } from '@mptf/finance';
import { SqlRunner, sqlRows } from '@mptf/platform';
import { PROGRAMME_STATUSES, ProposalStatus } from '@mptf/proposals';
import { FundContribution } from './iati-fund-activity';
import { LedgerTransactionRow } from './iati-xml';
import { ActualStatus, IndicatorMeasure, ResultType } from './results.types';

export interface ProgrammeRow {
  id: string;
  reference: string;
  title: string;
  summary: string;
  status: ProposalStatus;
  scope: string;
  start_date: string | null;
  created_at: Date;
  updated_at: Date;
  duration_months: number;
  closed_on: string | null;
}

export interface IatiIndicatorRow {
  id: string;
  result_id: string;
  title: string;
  measure: IndicatorMeasure;
  ascending: boolean;
  fund_indicator_code: string | null;
  baseline_year: number;
  baseline_value: string | null;
  gcm_objective_codes: number[];
}

export interface IatiPeriodRow {
  indicator_id: string;
  period_start: string;
  period_end: string;
  target: string | null;
  actual: string | null;
  actual_id: string | null;
  narrative: string | null;
  disaggregation: { dimension: string; category: string; value: string }[];
}

/**
 * What the IATI export reads: programmes through the proposals lib's views, their results, and
 * their transfers and expenditure through the finance lib's `finance_programme_entry_v`.
 */
@Injectable()
export class IatiRepository {
  async programmes(db: SqlRunner): Promise<ProgrammeRow[]> {
    return sqlRows<ProgrammeRow>(
      db,
      `SELECT p.id, p.reference, p.title, p.summary, p.status, p.scope, p.start_date::text AS start_date,
              p.created_at, u.updated_at, p.duration_months,
              (SELECT max(c.occurred_at)::date::text FROM proposals_status_changes_v c
                WHERE c.proposal_id = p.id AND c.to_status = $2) AS closed_on
         FROM proposals_summary_v p JOIN proposals_updated_at_v u ON u.proposal_id = p.id
        WHERE p.status = ANY($1::text[]) ORDER BY p.reference`,
      [PROGRAMME_STATUSES, ProposalStatus.OPERATIONALLY_CLOSED],
    );
  }

  async countries(db: SqlRunner, ids: string[]): Promise<{ proposal_id: string; alpha2: string }[]> {
    return sqlRows(
      db,
      `SELECT pc.proposal_id, c.alpha2 FROM proposals_countries_v pc JOIN reference_countries_v c ON c.code = pc.country_code
        WHERE pc.proposal_id = ANY($1::uuid[]) ORDER BY c.alpha2`,
      [ids],
    );
  }

  async organizations(
    db: SqlRunner,
    ids: string[],
  ): Promise<{ proposal_id: string; code: string; name: string; convener: boolean }[]> {
    return sqlRows(
      db,
      `SELECT po.proposal_id, o.code, o.name, (p.convener_org_id = o.id) AS convener
         FROM proposals_participants_v po JOIN identity_organizations_v o ON o.id = po.organization_id
         JOIN proposals_summary_v p ON p.id = po.proposal_id
        WHERE po.proposal_id = ANY($1::uuid[]) ORDER BY po.position, o.code`,
      [ids],
    );
  }

  /** Direct costs per PUNO with the indirect rate the proposal was submitted under. */
  async budgets(
    db: SqlRunner,
    ids: string[],
  ): Promise<{ proposal_id: string; direct: string; rate: string }[]> {
    return sqlRows(
      db,
      `SELECT b.proposal_id, b.direct::text AS direct, p.indirect_rate::text AS rate
         FROM proposals_participant_budgets_v b JOIN proposals_summary_v p ON p.id = b.proposal_id
        WHERE b.proposal_id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async results(
    db: SqlRunner,
    ids: string[],
  ): Promise<{ id: string; proposal_id: string; type: ResultType; title: string }[]> {
    return sqlRows(
      db,
      `SELECT id, proposal_id, type, title FROM matrix_results WHERE proposal_id = ANY($1::uuid[])
        ORDER BY proposal_id, position`,
      [ids],
    );
  }

  async indicators(db: SqlRunner, ids: string[]): Promise<IatiIndicatorRow[]> {
    return sqlRows<IatiIndicatorRow>(
      db,
      `SELECT i.id, i.result_id, i.title, i.measure, i.ascending, i.fund_indicator_code, i.baseline_year,
              i.baseline_value::text AS baseline_value,
              coalesce((SELECT array_agg(o.gcm_objective_code::int ORDER BY o.gcm_objective_code)
                        FROM indicator_objectives o WHERE o.indicator_id = i.id), '{}') AS gcm_objective_codes
         FROM indicators i WHERE i.proposal_id = ANY($1::uuid[]) ORDER BY i.position`,
      [ids],
    );
  }

  /** Target periods with their approved actual (only approved actuals are published). */
  async periods(db: SqlRunner, ids: string[]): Promise<IatiPeriodRow[]> {
    return sqlRows<IatiPeriodRow>(
      db,
      `SELECT t.indicator_id, t.period_start::text AS period_start, t.period_end::text AS period_end,
              t.value::text AS target, a.value::text AS actual, a.narrative, a.id AS actual_id,
              coalesce((SELECT json_agg(json_build_object('dimension', d.dimension, 'category', d.category,
                                                          'value', d.value::text) ORDER BY d.position)
                        FROM actual_disaggregations d WHERE d.actual_id = a.id), '[]'::json) AS disaggregation
         FROM indicator_targets t
         JOIN indicators i ON i.id = t.indicator_id
         LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id AND a.period_start = t.period_start
           AND a.period_end = t.period_end AND a.status = $2
        WHERE i.proposal_id = ANY($1::uuid[]) ORDER BY t.period_start`,
      [ids, ActualStatus.APPROVED],
    );
  }

  /** Each programme's markers (gender, human rights, child sensitivity). */
  async markers(
    db: SqlRunner,
    ids: string[],
  ): Promise<{ proposalId: string; gender: number; humanRights: number; childSensitivity: number }[]> {
    return sqlRows(
      db,
      `SELECT proposal_id AS "proposalId", marker_gender AS gender, marker_human_rights AS "humanRights",
              marker_child_sensitivity AS "childSensitivity"
         FROM proposals_markers_v WHERE proposal_id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** The donors' commitments and deposits (reversals included, as negative amounts), oldest first. */
  async contributions(db: SqlRunner): Promise<FundContribution[]> {
    return sqlRows(
      db,
      `SELECT c.kind, c.entry_date::text AS date, c.amount::text AS amount, o.code AS donor_code, o.name AS donor_name
         FROM finance_contribution_entry_v c JOIN identity_organizations_v o ON o.id = c.donor_org_id
        ORDER BY c.entry_date, c.id`,
      [],
      (row: {
        kind: FundContribution['kind'];
        date: string;
        amount: string;
        donor_code: string;
        donor_name: string;
      }) => ({
        kind: row.kind,
        date: row.date,
        amountCents: BigInt(row.amount),
        donorCode: row.donor_code,
        donorName: row.donor_name,
      }),
    );
  }

  /** Allocations (commitments), transfers, refunds and expenditure from the finance ledger. */
  async transactions(
    db: SqlRunner,
    ids: string[],
  ): Promise<(LedgerTransactionRow & { proposalId: string; orgName: string })[]> {
    return sqlRows(
      db,
      `SELECT l.proposal_id, l.kind, l.entry_date::text AS date, l.year, l.amount::text AS amount, o.code AS org_code,
              o.name AS org_name
         FROM finance_programme_entry_v l JOIN identity_organizations_v o ON o.id = l.organization_id
        WHERE l.proposal_id = ANY($1::uuid[]) AND l.kind = ANY($2) ORDER BY l.entry_date, l.seq`,
      [ids, [LedgerKind.ALLOCATION, LedgerKind.TRANSFER, LedgerKind.REFUND, LedgerKind.EXPENDITURE]],
      (row: {
        proposal_id: string;
        kind: LedgerTransactionRow['kind'];
        date: string;
        year: number;
        amount: string;
        org_code: string;
        org_name: string;
      }) => ({
        proposalId: row.proposal_id,
        kind: row.kind,
        date: row.date,
        year: row.year,
        amountCents: BigInt(row.amount),
        orgCode: row.org_code,
        orgName: row.org_name,
      }),
    );
  }
}
