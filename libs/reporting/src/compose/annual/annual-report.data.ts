import { Injectable } from '@nestjs/common';
import {
  ContributionsService,
  ContributionView,
  DonorSummary,
  ExpenditureByCategoryReader,
  FinanceReadService,
  FundStatus,
  PortfolioDimension,
  PortfolioGroup,
} from '@mptf/finance';
import { formatMoney } from '@mptf/platform';
import { ProposalCountsReader, ProposalStatus } from '@mptf/proposals';
import { FundSettings, ReferenceService } from '@mptf/reference';
import { FundIndicatorRollupGroup, RollupGroup, RollupService } from '@mptf/results';
import { EntityManager } from 'typeorm';
import { snapshotTime } from '../compose-helpers';
import type { AreaResults } from './annual-results-tables';
import { ProgrammeFactsheetDataProvider } from '../factsheet/programme-factsheet.data';
import { programmeBudget } from '../factsheet/programme-budget';
import { ComposeContext } from '../report-composer';

/** Statuses of proposals once submitted: drafts are the agencies' own and never in donor reports. */
export const STATUS_ORDER: ProposalStatus[] = [
  ProposalStatus.SUBMITTED,
  ProposalStatus.RETURNED,
  ProposalStatus.UNDER_REVIEW,
  ProposalStatus.REVISION_REQUESTED,
  ProposalStatus.PIPELINE,
  ProposalStatus.APPROVED,
  ProposalStatus.ACTIVE,
  ProposalStatus.OPERATIONALLY_CLOSED,
  ProposalStatus.FINANCIALLY_CLOSED,
  ProposalStatus.REJECTED,
  ProposalStatus.INELIGIBLE,
  ProposalStatus.WITHDRAWN,
];

/** One UNSDG budget category: approved budgets and expenditure, money as the API shows it. */
export interface CategoryRow {
  code: number;
  title: string;
  budget: string;
  expenditure: string;
  inYear: string | null;
}

/** Everything the annual report shows, read in the run's one snapshot. */
export interface AnnualReportData {
  /** The reporting year; undefined: since inception. */
  year?: number;
  snapshotAt: string;
  settings: FundSettings;
  /** `/fund/status` since inception and, with a year, for the year. */
  inception: FundStatus;
  ofYear: FundStatus | null;
  donors: DonorSummary[];
  contributions: ContributionView[];
  /** `/portfolio` by thematic area, organization, region and status (since inception). */
  byArea: PortfolioGroup[];
  byOrganization: PortfolioGroup[];
  byRegion: PortfolioGroup[];
  byStatus: PortfolioGroup[];
  /** Submitted proposals per status, in STATUS_ORDER. */
  proposalCounts: { status: ProposalStatus; count: number }[];
  categories: CategoryRow[];
  /** `/results/rollup` for the window, and by thematic area over all periods. */
  resultsByArea: RollupGroup[];
  resultsByObjective: RollupGroup[];
  resultsByIndicator: FundIndicatorRollupGroup[];
  resultsAllPeriods: RollupGroup[];
  /** Per thematic area, each programme's results table (AnnualResultsTablesLoader). */
  resultTables?: AreaResults[];
}

/**
 * Reads the annual report's data from the finance, results, proposals and reference read models
 * (the figures of `/fund/status`, `/portfolio`, `/contributions`, `/results/rollup`). A new
 * section that needs more data adds a field to AnnualReportData and its read here.
 */
@Injectable()
export class AnnualReportLoader {
  constructor(
    private readonly finance: FinanceReadService,
    private readonly contributions: ContributionsService,
    private readonly rollups: RollupService,
    private readonly reference: ReferenceService,
    private readonly programmes: ProgrammeFactsheetDataProvider,
    private readonly proposals: ProposalCountsReader,
    private readonly expenditure: ExpenditureByCategoryReader,
  ) {}

  async load(context: ComposeContext): Promise<AnnualReportData> {
    const { manager } = context;
    const year = context.parameters.year;
    const snapshotAt = await snapshotTime(manager);
    const settings = await this.reference.fundSettings(manager);

    const inception = await this.finance.fundStatus(manager, {});
    const ofYear = year === undefined ? null : await this.finance.fundStatus(manager, { year });
    const donors = await this.contributions.donorSummary(manager, { year });
    const contributions = await this.contributions.contributions(manager, { year });
    await context.progress(25);
    const byArea = await this.finance.portfolio(manager, PortfolioDimension.THEMATIC_AREA);
    const byOrganization = await this.finance.portfolio(manager, PortfolioDimension.ORGANIZATION);
    const byRegion = await this.finance.portfolio(manager, PortfolioDimension.REGION);
    const byStatus = await this.finance.portfolio(manager, PortfolioDimension.STATUS);
    const proposalCounts = await this.proposalCounts(manager);
    const categories = await this.categories(manager, year);
    await context.progress(60);
    const resultsByArea = await this.rollups.rollup('thematicArea', year, manager);
    const resultsByObjective = await this.rollups.rollup('gcmObjective', year, manager);
    const resultsByIndicator = await this.rollups.rollup('fundIndicator', year, manager);
    const resultsAllPeriods =
      year === undefined ? resultsByArea : await this.rollups.rollup('thematicArea', undefined, manager);
    await context.progress(90);
    return {
      year,
      snapshotAt,
      settings,
      inception,
      ofYear,
      donors,
      contributions,
      byArea,
      byOrganization,
      byRegion,
      byStatus,
      proposalCounts,
      categories,
      resultsByArea,
      resultsByObjective,
      resultsByIndicator,
      resultsAllPeriods,
    };
  }

  private async proposalCounts(manager: EntityManager): Promise<{ status: ProposalStatus; count: number }[]> {
    const counts = await this.proposals.submittedByStatus(manager);
    return STATUS_ORDER.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }

  /**
   * Per UNSDG budget category: the approved budgets of the programmes (direct lines, indirect at
   * the fund rate per PUNO) and the expenditure reported (current versions: a resubmission
   * reverses the previous one in the ledger), since inception and for the year.
   */
  private async categories(manager: EntityManager, year?: number): Promise<CategoryRow[]> {
    const data = await this.programmes.load(manager, null);
    const budgets = new Map<number, bigint>();
    for (const programme of data.programmes)
      for (const category of programmeBudget(programme, data.categories, data.indirectRate).byCategory)
        budgets.set(category.code, (budgets.get(category.code) ?? 0n) + category.total);
    const spent = await this.expenditure.byCategory(manager, year);
    return data.categories.map((category) => {
      const row = spent.find((candidate) => candidate.categoryCode === category.code);
      return {
        code: category.code,
        title: category.title,
        budget: formatMoney(budgets.get(category.code) ?? 0n),
        expenditure: formatMoney(row?.total ?? 0n),
        inYear: year === undefined ? null : formatMoney(row?.inYear ?? 0n),
      };
    });
  }
}
