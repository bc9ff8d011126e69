import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PROGRAMME_STATUSES, ProposalStatus } from '@mptf/proposals';
import { AppConfig, applyRate } from '@mptf/platform';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { fromDb } from './decimal';
import {
  ACTIVITIES_FOOTER,
  activitiesHeader,
  activityXml,
  IatiActivity,
  IatiIndicator,
  IatiOptions,
  IatiResult,
  LedgerTransactionRow,
  mapTransactions,
  UN_IATI_ORG_REFS,
} from './iati-xml';
import { programmeWindow } from './period-window';
import { ActualStatus, IndicatorMeasure, ResultType } from './results.types';

const FUND_NAME = 'UN Migration Multi-Partner Trust Fund';

interface ProgrammeRow {
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

/** Every programme as an IATI 2.03 `iati-activity`, with its results and money movements. */
@Injectable()
export class IatiExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * The activity file as a stream. Everything is read first, in one REPEATABLE READ snapshot
   * (or in the caller's transaction), so a failure is an error response and never a cut file.
   */
  async exportXml(manager?: EntityManager, generatedAt = new Date()): Promise<Readable> {
    const activities = manager
      ? await this.activities(manager)
      : await this.dataSource.transaction('REPEATABLE READ', (inner) => this.activities(inner));
    const options: IatiOptions = {
      orgPrefix: this.config.env.IATI_ORG_PREFIX,
      reportingOrgName: FUND_NAME,
      orgRefs: UN_IATI_ORG_REFS,
    };
    function* chunks(): Generator<string> {
      yield activitiesHeader(generatedAt);
      for (const activity of activities) yield `  ${activityXml(activity, options)}\n`;
      yield ACTIVITIES_FOOTER;
    }
    return Readable.from(chunks());
  }

  /** The programmes mapped to the IATI model, ordered by reference. */
  async activities(manager: EntityManager): Promise<IatiActivity[]> {
    const programmes = (await manager.query(
      `SELECT p.id, p.reference, p.title, p.summary, p.status, p.scope, p.start_date::text AS start_date,
              p.created_at, p.updated_at, p.duration_months,
              (SELECT max(c.occurred_at)::date::text FROM proposal_status_changes c
                WHERE c.proposal_id = p.id AND c.to_status = 'OPERATIONALLY_CLOSED') AS closed_on
       FROM proposals p WHERE p.status = ANY($1::text[]) ORDER BY p.reference`,
      [PROGRAMME_STATUSES],
    )) as ProgrammeRow[];
    if (!programmes.length) return [];
    const ids = programmes.map((p) => p.id);

    const countries = (await manager.query(
      `SELECT pc.proposal_id, c.alpha2 FROM proposal_countries pc JOIN countries c ON c.code = pc.country_code
       WHERE pc.proposal_id = ANY($1::uuid[]) ORDER BY c.alpha2`,
      [ids],
    )) as { proposal_id: string; alpha2: string }[];
    const organizations = (await manager.query(
      `SELECT po.proposal_id, o.code, o.name, (p.convener_org_id = o.id) AS convener
       FROM proposal_organizations po JOIN organizations o ON o.id = po.organization_id
       JOIN proposals p ON p.id = po.proposal_id
       WHERE po.proposal_id = ANY($1::uuid[]) ORDER BY po.position, o.code`,
      [ids],
    )) as { proposal_id: string; code: string; name: string; convener: boolean }[];
    // Direct costs per PUNO with the indirect rate the proposal was submitted under.
    const budgets = (await manager.query(
      `SELECT b.proposal_id, b.organization_id, sum(b.amount)::text AS direct, p.indirect_rate::text AS rate
       FROM proposal_budget_lines b JOIN proposals p ON p.id = b.proposal_id
       WHERE b.proposal_id = ANY($1::uuid[]) AND b.category_code <= 7
       GROUP BY b.proposal_id, b.organization_id, p.indirect_rate`,
      [ids],
    )) as { proposal_id: string; direct: string; rate: string }[];
    const results = await this.results(manager, ids);
    const transactions = await this.ledgerTransactions(manager, ids);

    const byProgramme = <T extends { proposal_id: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(row.proposal_id, [...(map.get(row.proposal_id) ?? []), row]);
      return map;
    };
    const countriesOf = byProgramme(countries);
    const orgsOf = byProgramme(organizations);
    const budgetsOf = byProgramme(budgets);

    return programmes.map((p) => {
      const window = programmeWindow({
        startDate: p.start_date,
        createdAt: p.created_at,
        durationMonths: p.duration_months,
      });
      // Direct costs plus indirect support costs (category 8) per PUNO, as the proposal's budget.
      const total = (budgetsOf.get(p.id) ?? []).reduce((sum, line) => {
        const direct = BigInt(line.direct);
        return sum + direct + applyRate(direct, line.rate);
      }, 0n);
      return {
        reference: p.reference,
        title: p.title,
        summary: p.summary,
        status: p.status,
        scope: p.scope,
        lastUpdated: p.updated_at,
        plannedStart: window.start,
        plannedEnd: window.end,
        actualStart: p.start_date,
        actualEnd: p.closed_on,
        countries: (countriesOf.get(p.id) ?? []).map((c) => ({ alpha2: c.alpha2 })),
        organizations: (orgsOf.get(p.id) ?? []).map((o) => ({
          code: o.code,
          name: o.name,
          convener: o.convener,
        })),
        budget: total > 0n ? { periodStart: window.start, periodEnd: window.end, amountCents: total } : null,
        transactions: mapTransactions(transactions.get(p.id) ?? []),
        results: results.get(p.id) ?? [],
      };
    });
  }

  private async results(manager: EntityManager, ids: string[]): Promise<Map<string, IatiResult[]>> {
    const results = (await manager.query(
      `SELECT id, proposal_id, type, title FROM matrix_results WHERE proposal_id = ANY($1::uuid[])
       ORDER BY proposal_id, position`,
      [ids],
    )) as { id: string; proposal_id: string; type: ResultType; title: string }[];
    const indicators = (await manager.query(
      `SELECT i.id, i.result_id, i.title, i.measure, i.ascending, i.fund_indicator_code, i.baseline_year,
              i.baseline_value::text AS baseline_value,
              coalesce((SELECT array_agg(o.gcm_objective_code::int ORDER BY o.gcm_objective_code)
                        FROM indicator_objectives o WHERE o.indicator_id = i.id), '{}') AS gcm_objective_codes
       FROM indicators i WHERE i.proposal_id = ANY($1::uuid[]) ORDER BY i.position`,
      [ids],
    )) as {
      id: string;
      result_id: string;
      title: string;
      measure: IndicatorMeasure;
      ascending: boolean;
      fund_indicator_code: string | null;
      baseline_year: number;
      baseline_value: string | null;
      gcm_objective_codes: number[];
    }[];
    // Only approved actuals are published.
    const periods = (await manager.query(
      `SELECT t.indicator_id, t.period_start::text AS period_start, t.period_end::text AS period_end,
              t.value::text AS target, a.value::text AS actual, a.narrative, a.id AS actual_id,
              coalesce((SELECT json_agg(json_build_object('dimension', d.dimension, 'category', d.category,
                                                          'value', d.value::text) ORDER BY d.position)
                        FROM actual_disaggregations d WHERE d.actual_id = a.id), '[]'::json) AS disaggregation
       FROM indicator_targets t
       JOIN indicators i ON i.id = t.indicator_id
       LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id AND a.period_start = t.period_start
         AND a.period_end = t.period_end AND a.status = 'APPROVED'
       WHERE i.proposal_id = ANY($1::uuid[]) ORDER BY t.period_start`,
      [ids],
    )) as {
      indicator_id: string;
      period_start: string;
      period_end: string;
      target: string | null;
      actual: string | null;
      actual_id: string | null;
      narrative: string | null;
      disaggregation: { dimension: string; category: string; value: string }[];
    }[];

    const periodsOf = new Map<string, IatiIndicator['periods']>();
    for (const row of periods) {
      const list = periodsOf.get(row.indicator_id) ?? [];
      list.push({
        periodStart: row.period_start,
        periodEnd: row.period_end,
        target: fromDb(row.target),
        actual: row.actual_id
          ? {
              status: ActualStatus.APPROVED,
              value: fromDb(row.actual),
              narrative: row.narrative ?? '',
              disaggregation: row.disaggregation.map((d) => ({ ...d, value: fromDb(d.value) as string })),
            }
          : null,
      });
      periodsOf.set(row.indicator_id, list);
    }
    const indicatorsOf = new Map<string, IatiIndicator[]>();
    for (const row of indicators) {
      const list = indicatorsOf.get(row.result_id) ?? [];
      list.push({
        title: row.title,
        measure: row.measure,
        ascending: row.ascending,
        fundIndicatorCode: row.fund_indicator_code,
        gcmObjectiveCodes: row.gcm_objective_codes,
        baseline: { year: row.baseline_year, value: fromDb(row.baseline_value) },
        periods: periodsOf.get(row.id) ?? [],
      });
      indicatorsOf.set(row.result_id, list);
    }
    const byProgramme = new Map<string, IatiResult[]>();
    for (const result of results) {
      const list = byProgramme.get(result.proposal_id) ?? [];
      list.push({ type: result.type, title: result.title, indicators: indicatorsOf.get(result.id) ?? [] });
      byProgramme.set(result.proposal_id, list);
    }
    return byProgramme;
  }

  /**
   * Transfers and expenditure from the finance ledger, read only when its `ledger_entries` table
   * exists (finance is built separately; without it the export carries no transactions). The
   * expected columns are proposal_id, organization_id, kind ('TRANSFER' | 'EXPENDITURE'), amount
   * (cents) and a date column; anything else and the export goes on without transactions.
   */
  /** Transfers (IATI disbursements) and expenditure (IATI expenditure) from the finance ledger. */
  private async ledgerTransactions(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, LedgerTransactionRow[]>> {
    const map = new Map<string, LedgerTransactionRow[]>();
    const rows = (await manager.query(
      `SELECT l.proposal_id, l.kind, l.entry_date::text AS date, l.amount::text AS amount, o.code AS org_code
       FROM ledger_entries l JOIN organizations o ON o.id = l.organization_id
       WHERE l.proposal_id = ANY($1::uuid[]) AND l.kind IN ('TRANSFER', 'EXPENDITURE')`,
      [ids],
    )) as {
      proposal_id: string;
      kind: 'TRANSFER' | 'EXPENDITURE';
      date: string;
      amount: string;
      org_code: string;
    }[];
    for (const row of rows) {
      const list = map.get(row.proposal_id) ?? [];
      list.push({ kind: row.kind, date: row.date, amountCents: BigInt(row.amount), orgCode: row.org_code });
      map.set(row.proposal_id, list);
    }
    return map;
  }
}
