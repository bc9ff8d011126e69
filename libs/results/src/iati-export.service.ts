import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
import { IatiRepository } from './iati.repository';
import { programmeWindow } from './period-window';
import { ActualStatus } from './results.types';

const FUND_NAME = 'UN Migration Multi-Partner Trust Fund';

/** Every programme as an IATI 2.03 `iati-activity`, with its results and money movements. */
@Injectable()
export class IatiExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly rows: IatiRepository,
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
    const programmes = await this.rows.programmes(manager);
    if (!programmes.length) return [];
    const ids = programmes.map((p) => p.id);
    const countries = await this.rows.countries(manager, ids);
    const organizations = await this.rows.organizations(manager, ids);
    const budgets = await this.rows.budgets(manager, ids);
    const results = await this.results(manager, ids);
    const transactions = await this.transactions(manager, ids);

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
    const results = await this.rows.results(manager, ids);
    const indicators = await this.rows.indicators(manager, ids);
    const periods = await this.rows.periods(manager, ids);

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

  /** Each programme's transfers and expenditure. */
  private async transactions(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, LedgerTransactionRow[]>> {
    const map = new Map<string, LedgerTransactionRow[]>();
    for (const { proposalId, ...row } of await this.rows.transactions(manager, ids))
      map.set(proposalId, [...(map.get(proposalId) ?? []), row]);
    return map;
  }
}
