import { Injectable } from '@nestjs/common';
import {
  AgencyInterestSums,
  ContributionsService,
  ContributionView,
  EarmarkedDeposits,
  ExpenditureByCategoryReader,
  FinanceReportReader,
  PipelineProposal,
  Pledges,
  PortfolioDimension,
  PortfolioMoneyGroup,
  ProgrammeClosure,
  PunoProgrammeMoney,
  YearColumns,
} from '@mptf/finance';
import { Clock, formatMoney, parseMoney } from '@mptf/platform';
import { endOfYear, ProgrammeProfile, ProposalCountsReader, ProposalStatus } from '@mptf/proposals';
import { FundSettings, ReferenceListsReader, ReferenceService, ThematicAreaRef } from '@mptf/reference';
import { ObligationsService, ObligationView, ProgressReportsService } from '@mptf/programmes';
import { FundIndicatorRollupGroup, RollupGroup, RollupService } from '@mptf/results';
import { EntityManager } from 'typeorm';
import { snapshotTime } from '../snapshot.sql';
import type { AreaResults, AreaStandings } from './annual-results-tables';
import type { ReportNarrative } from '../../narratives/report-narratives.service';
import {
  ProgrammeFactsheetData,
  ProgrammeFactsheetDataProvider,
} from '../factsheet/programme-factsheet.data';
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
  /** The year asked for; undefined: since inception (then cut at the as-of date). */
  year?: number;
  /**
   * The year the report is cut at: 31 December of it, or the as-of date when it is the current
   * year. The asked year, or the snapshot's year for a report since inception.
   */
  cutYear: number;
  /** The cut year is the snapshot's year: figures are as of the snapshot, not 31 December. */
  currentYear: boolean;
  snapshotAt: string;
  settings: FundSettings;
  /** The funding status: prior years, the cut year, and the total to the cut-off. */
  columns: YearColumns;
  /** Each donor's pledges and deposits to the cut-off, the unpaid part at the stated rates. */
  pledges: Pledges;
  /** Contributions of the year (every one to the cut-off for a report since inception). */
  contributions: ContributionView[];
  earmarks: EarmarkedDeposits[];
  thematicAreas: ThematicAreaRef[];
  /** The portfolio by thematic area, organization, region and status, cut at the cut-off. */
  byArea: PortfolioMoneyGroup[];
  byOrganization: PortfolioMoneyGroup[];
  byRegion: PortfolioMoneyGroup[];
  byStatus: PortfolioMoneyGroup[];
  /** Each PUNO's money per programme to the cut-off, and to the end of the year before. */
  punoMoney: PunoProgrammeMoney[];
  punoMoneyPrior: PunoProgrammeMoney[];
  /** Interest earned by each agency to the cut-off and in the cut year (recorded by the AA). */
  agencyInterest: AgencyInterestSums[];
  /** The programmes' profiles (markers, countries, thematic area) and closure dates. */
  programmes: ProgrammeProfile[];
  closures: ProgrammeClosure[];
  /** In the pipeline at the cut-off. */
  pipeline: PipelineProposal[];
  /** Submitted proposals per status at the cut-off, in STATUS_ORDER. */
  proposalCounts: { status: ProposalStatus; count: number }[];
  categories: CategoryRow[];
  /** `/results/rollup` for the window, and by thematic area over every period to the cut-off. */
  resultsByArea: RollupGroup[];
  resultsByObjective: RollupGroup[];
  resultsByIndicator: FundIndicatorRollupGroup[];
  resultsAllPeriods: RollupGroup[];
  /** With a year: the reports of that year submitted late or still overdue at the snapshot. */
  lateReports?: ObligationView[];
  /** With a year: the accepted narrative progress reports whose period ends in it. */
  narratives?: AcceptedNarrative[];
  /** Per thematic area, each programme's indicators by standing (AnnualResultsTablesLoader). */
  resultStandings?: AreaStandings[];
  /** Per thematic area, each programme's indicator rows: spreadsheet and CSV runs only. */
  resultTables?: AreaResults[];
  /** The year's narrative (ReportNarrativesService); null since inception. */
  narrative?: ReportNarrative | null;
}

export interface AcceptedNarrative {
  reference: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  sections: {
    resultKey: string;
    orgCode: string;
    progress: string;
    challenges: string;
    genderHumanRights: string;
    story: string;
  }[];
}

/**
 * Reads the annual report's data through finance's, results', proposals' and reference's
 * exports, every money figure cut at the report's cut-off (31 December of its year, or the
 * as-of date in the current year). A new section that needs more data adds a field to
 * AnnualReportData and its read here.
 */
@Injectable()
export class AnnualReportLoader {
  constructor(
    private readonly figures: FinanceReportReader,
    private readonly contributions: ContributionsService,
    private readonly rollups: RollupService,
    private readonly reference: ReferenceService,
    private readonly lists: ReferenceListsReader,
    private readonly programmeData: ProgrammeFactsheetDataProvider,
    private readonly proposals: ProposalCountsReader,
    private readonly expenditure: ExpenditureByCategoryReader,
    private readonly obligations: ObligationsService,
    private readonly progressReports: ProgressReportsService,
    private readonly clock: Clock,
  ) {}

  async load(context: ComposeContext): Promise<AnnualReportData> {
    const { manager } = context;
    const year = context.parameters.year;
    const snapshotAt = await snapshotTime(manager);
    const settings = await this.reference.fundSettings(manager);
    const cutYear = year ?? Number(snapshotAt.slice(0, 4));
    const currentYear = cutYear >= Number(snapshotAt.slice(0, 4));
    // In the current year the as-of date is the cut: nothing later can be booked yet.
    const cut = currentYear ? undefined : cutYear;

    const columns = await this.figures.yearColumns(manager, cutYear);
    const pledges = await this.figures.pledges(manager, { throughYear: cutYear });
    const contributions = (await this.contributions.contributions(manager, { year })).filter(
      (c) => Number(c.date.slice(0, 4)) <= cutYear,
    );
    const earmarks = await this.figures.earmarkedDeposits(manager, cutYear);
    const thematicAreas = await this.lists.thematicAreas(manager);
    await context.progress(25);
    const byArea = await this.figures.portfolio(manager, PortfolioDimension.THEMATIC_AREA, cut);
    const byOrganization = await this.figures.portfolio(manager, PortfolioDimension.ORGANIZATION, cut);
    const byRegion = await this.figures.portfolio(manager, PortfolioDimension.REGION, cut);
    const byStatus = await this.figures.portfolio(manager, PortfolioDimension.STATUS, cut);
    const punoMoney = await this.figures.punoMoney(manager, cut);
    const punoMoneyPrior = await this.figures.punoMoney(manager, cutYear - 1);
    const agencyInterest = await this.figures.agencyInterest(manager, cutYear);
    const closures = await this.figures.closures(manager);
    // Proposals as they stood at the cut-off (their status timeline), not as they stand today.
    const pipeline = await this.figures.pipeline(manager, cut);
    const proposalCounts = await this.proposalCounts(manager, cut);
    const programmeData = await this.programmeData.load(manager, null);
    // Budgets of the programmes approved by the cut-off (an allocation booked by then), not of
    // later ones: the cut money lists every programme with a ledger row, at 0.00 when all is later.
    const approvedByCut = new Set(
      punoMoney.filter((row) => parseMoney(row.allocated) !== 0n).map((row) => row.programmeId),
    );
    // The programmes of the report: their budgets, markers and results tables.
    const programmes =
      cut === undefined
        ? programmeData.programmes
        : programmeData.programmes.filter((p) => approvedByCut.has(p.id));
    const categories = await this.categories(manager, { ...programmeData, programmes }, cutYear, cut);
    await context.progress(60);
    // The programmes approved by the cut-off (as the portfolio counts them), not later ones.
    const resultsByArea = await this.rollups.rollup('thematicArea', year, manager, cut);
    const resultsByObjective = await this.rollups.rollup('gcmObjective', year, manager, cut);
    const resultsByIndicator = await this.rollups.rollup('fundIndicator', year, manager, cut);
    // Cut like the money: no period ending after 31 December of the year.
    const resultsAllPeriods =
      year === undefined ? resultsByArea : await this.rollups.areasThrough(year, manager, cut);
    await context.progress(90);
    return {
      year,
      cutYear,
      currentYear,
      snapshotAt,
      settings,
      columns,
      pledges,
      contributions,
      earmarks,
      thematicAreas,
      byArea,
      byOrganization,
      byRegion,
      byStatus,
      punoMoney,
      punoMoneyPrior,
      agencyInterest,
      programmes,
      closures,
      pipeline,
      proposalCounts,
      categories,
      resultsByArea,
      resultsByObjective,
      resultsByIndicator,
      resultsAllPeriods,
      ...(year === undefined ? {} : await this.calendar(manager, year)),
    };
  }

  /** The reporting calendar's part of a year: late reports and accepted narratives (programmes lib). */
  private async calendar(manager: EntityManager, year: number) {
    // Overdue as the calendar says it (the application's clock), in the run's snapshot.
    const lateReports = await this.obligations.lateReports(manager, year, this.clock.today());
    const accepted = await this.progressReports.accepted(manager, { year });
    const narratives: AcceptedNarrative[] = accepted.map((report) => ({
      reference: report.reference,
      title: report.title,
      periodStart: report.periodStart,
      periodEnd: report.periodEnd,
      sections: (report.content as { sections: AcceptedNarrative['sections'] }).sections,
    }));
    return { lateReports, narratives };
  }

  private async proposalCounts(
    manager: EntityManager,
    cut?: number,
  ): Promise<{ status: ProposalStatus; count: number }[]> {
    const counts = await this.proposals.submittedByStatus(
      manager,
      cut === undefined ? undefined : endOfYear(cut),
    );
    return STATUS_ORDER.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }

  /**
   * Per UNSDG budget category: the approved budgets of the programmes (direct lines, indirect at
   * the fund rate per PUNO) and the expenditure reported (current versions: a resubmission
   * reverses the previous one in the ledger), since inception and for the year.
   */
  private async categories(
    manager: EntityManager,
    data: ProgrammeFactsheetData,
    year?: number,
    cut?: number,
  ): Promise<CategoryRow[]> {
    const budgets = new Map<number, bigint>();
    for (const programme of data.programmes)
      for (const category of programmeBudget(programme, data.categories, data.indirectRate).byCategory)
        budgets.set(category.code, (budgets.get(category.code) ?? 0n) + category.total);
    const spent = await this.expenditure.byCategory(manager, year, cut);
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
