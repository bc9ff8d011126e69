import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, applyRate, ConflictError } from '@mptf/platform';
import { ReferenceService } from '@mptf/reference';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { fromDb } from './decimal';
import { UN_IATI_ORG_REFS } from './iati-codes';
import { FundActivity, FundCommitment, fundActivityXml } from './iati-fund-activity';
import { IatiIndicator, IatiResult } from './iati-results-xml';
import {
  ACTIVITIES_FOOTER,
  activitiesHeader,
  activityXml,
  IatiActivity,
  IatiOptions,
  LedgerTransactionRow,
  mapTransactions,
} from './iati-xml';
import { IatiRepository } from './iati.repository';
import { programmeWindow } from './period-window';
import { ActualStatus } from './results.types';

const FUND_NAME = 'UN Migration Multi-Partner Trust Fund';

/** The export refused: no one has set the fund's IATI organisation identifier. */
function publisherNotSet(): ConflictError {
  const message =
    'The fund’s IATI organisation identifier is not set: an administrator sets iatiOrganisationId in the fund settings (PATCH /settings/fund) before the fund publishes to IATI';
  return new ConflictError(message, [
    { field: 'iatiOrganisationId', rule: 'IATI_PUBLISHER_NOT_SET', message },
  ]);
}

/** Every programme as an IATI 2.03 `iati-activity`, with its results and money movements. */
@Injectable()
export class IatiExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly rows: IatiRepository,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * The activity file as a stream. Everything is read first, in one REPEATABLE READ snapshot
   * (or in the caller's transaction), so a failure is an error response and never a cut file.
   */
  async exportXml(manager?: EntityManager, generatedAt = new Date()): Promise<Readable> {
    const today = generatedAt.toISOString().slice(0, 10);
    const read = async (inner: EntityManager) => {
      const settings = await this.reference.fundSettings(inner);
      // The fund's registered identifier when set, else the deployment's (IATI_ORG_PREFIX); never
      // a made-up one: it would be published as the fund's identity.
      const orgPrefix = settings.iatiOrganisationId ?? this.config.env.IATI_ORG_PREFIX;
      if (!orgPrefix) throw publisherNotSet();
      const options: IatiOptions = {
        orgPrefix,
        reportingOrgName: FUND_NAME,
        orgRefs: UN_IATI_ORG_REFS,
        contact: { email: settings.contactEmail, website: settings.website },
      };
      options.fundActivityId = `${options.orgPrefix}-FUND`;
      const activities = await this.activities(inner, today);
      const fund = await this.fundActivity(
        inner,
        options.fundActivityId,
        settings.inceptionDate,
        activities,
        generatedAt,
      );
      return { options, activities, fund };
    };
    const { options, activities, fund } = manager
      ? await read(manager)
      : await this.dataSource.transaction('REPEATABLE READ', read);
    function* chunks(): Generator<string> {
      yield activitiesHeader(generatedAt);
      yield `  ${fundActivityXml(fund, options)}\n`;
      for (const activity of activities) yield `  ${activityXml(activity, options)}\n`;
      yield ACTIVITIES_FOOTER;
    }
    return Readable.from(chunks());
  }

  /** The fund's own activity: the donors' money in, the programmes' commitments out. */
  private async fundActivity(
    manager: EntityManager,
    id: string,
    inceptionDate: string,
    activities: (IatiActivity & { commitments: FundCommitment[] })[],
    generatedAt: Date,
  ): Promise<FundActivity> {
    const contributions = await this.rows.contributions(manager);
    return {
      id,
      title: FUND_NAME,
      description:
        'A pooled fund of the United Nations supporting the implementation of the Global Compact for Safe, Orderly and Regular Migration through joint programmes of UN organizations.',
      inceptionDate,
      // As recent as its latest programme (never after the file was generated).
      lastUpdated:
        activities.map((a) => a.lastUpdated).reduce((a, b) => (a > b ? a : b), new Date(0)) || generatedAt,
      contributions,
      commitments: activities.flatMap((activity) => activity.commitments),
      programmeReferences: activities.map((activity) => activity.reference),
    };
  }

  /** The programmes mapped to the IATI model, ordered by reference. */
  async activities(
    manager: EntityManager,
    today = '9999-12-31',
  ): Promise<(IatiActivity & { commitments: FundCommitment[] })[]> {
    const programmes = await this.rows.programmes(manager);
    if (!programmes.length) return [];
    const ids = programmes.map((p) => p.id);
    const countries = await this.rows.countries(manager, ids);
    const organizations = await this.rows.organizations(manager, ids);
    const budgets = await this.rows.budgets(manager, ids);
    const results = await this.results(manager, ids);
    const transactions = await this.transactions(manager, ids);
    const markers = new Map((await this.rows.markers(manager, ids)).map((m) => [m.proposalId, m]));

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
        markers: markers.get(p.id),
        transactions: mapTransactions(transactions.get(p.id) ?? [], today),
        results: results.get(p.id) ?? [],
        commitments: (transactions.get(p.id) ?? [])
          .filter((row) => row.kind === 'ALLOCATION')
          .map((row) => ({
            date: row.date,
            amountCents: row.amountCents,
            programmeReference: p.reference,
            orgCode: row.orgCode,
            orgName: row.orgName,
          })),
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
  ): Promise<Map<string, (LedgerTransactionRow & { orgName: string })[]>> {
    const map = new Map<string, (LedgerTransactionRow & { orgName: string })[]>();
    for (const { proposalId, ...row } of await this.rows.transactions(manager, ids))
      map.set(proposalId, [...(map.get(proposalId) ?? []), row]);
    return map;
  }
}
