import { Injectable } from '@nestjs/common';
import { ReportSection } from '../../document/report-document';
import { ReportFormat, ReportType } from '../../runs/report-types';
import { asOfLabel, reportingPeriodLabel } from '../compose-helpers';
import {
  buildSections,
  ComposeContext,
  ComposedReport,
  ReportComposer,
  SectionBuilder,
} from '../report-composer';
import { expenditureByProgrammeAnnex } from './annual-annex.sections';
import { lateReportsSection, programmeNarrativesSection } from './annual-calendar.sections';
import {
  contributionsByDonorSection,
  costRecoverySection,
  earmarksSection,
} from './annual-contributions.sections';
import { cutoffLabel, programmeCount } from './annual-figures';
import { AnnualReportData, AnnualReportLoader } from './annual-report.data';
import {
  allocationsSection,
  participatingOrganizationsSection,
  pipelineSection,
  portfolioStatusSection,
} from './annual-portfolio.sections';
import { executiveSummarySection, sourcesAndUsesSection } from './annual-report.sections';
import { resultsSection } from './annual-results.sections';
import {
  AnnualResultsTablesLoader,
  indicatorResultsSection,
  resultsTablesSection,
} from './annual-results-tables';
import { narrativeSection, thematicResultsNarrativeSection } from './annual-narrative.sections';
import { ReportNarrativesService } from '../../narratives/report-narratives.service';

/** The executive summary: the fund unit's text first, then the key figures of the year. */
function executiveSummaryWithNarrative(data: AnnualReportData): ReportSection {
  const figures = executiveSummarySection(data);
  const text = narrativeSection('executive-summary')(data);
  return text ? { ...figures, blocks: [...text.blocks, ...figures.blocks] } : figures;
}

/** The annual report's sections in order: a new section is a builder added here. */
export const ANNUAL_REPORT_SECTIONS: readonly SectionBuilder<AnnualReportData>[] = [
  executiveSummaryWithNarrative,
  narrativeSection('governance', true),
  sourcesAndUsesSection,
  contributionsByDonorSection,
  earmarksSection,
  costRecoverySection,
  participatingOrganizationsSection,
  allocationsSection,
  pipelineSection,
  portfolioStatusSection,
  resultsSection,
  thematicResultsNarrativeSection,
  programmeNarrativesSection,
  lateReportsSection,
  narrativeSection('challenges-lessons', true),
  narrativeSection('stories', true),
  expenditureByProgrammeAnnex,
  resultsTablesSection,
  indicatorResultsSection,
];

/**
 * ANNUAL_CONSOLIDATED: the fund's year (or, without a year, its whole life to the as-of date) for
 * donors, as the MPTF Office presents it: prior years, the year and the total, each ledger with
 * its opening and closing balance, every figure cut at 31 December of the year (the as-of date in
 * the current year), read in the run's one snapshot.
 */
@Injectable()
export class AnnualReportComposer implements ReportComposer {
  readonly type = ReportType.ANNUAL_CONSOLIDATED;

  constructor(
    private readonly loader: AnnualReportLoader,
    private readonly resultTables: AnnualResultsTablesLoader,
    private readonly narratives: ReportNarrativesService,
  ) {}

  async compose(context: ComposeContext): Promise<ComposedReport> {
    const data = await this.loader.load(context);
    const year = data.year;
    // A PDF shows the annex's counts only: the indicator rows are read for the other formats.
    const results = await this.resultTables.load(context, data.year, data, {
      indicatorRows: context.format !== ReportFormat.PDF,
    });
    data.resultStandings = results.standings;
    data.resultTables = results.indicators;
    data.narrative = year === undefined ? null : await this.narratives.read(year, context.manager);
    const missing = data.narrative?.missing.length ?? 0;
    const { settings } = data;
    return {
      document: {
        title:
          year === undefined ? 'Consolidated report since inception' : `Annual consolidated report ${year}`,
        subtitle: 'Migration Multi-Partner Trust Fund · sources and uses of funds, portfolio and results',
        subject:
          year === undefined
            ? 'Consolidated report of the Migration MPTF since inception'
            : `Annual consolidated report of the Migration MPTF for ${year}`,
        keywords: ['Migration MPTF', 'annual report', ...(year === undefined ? [] : [String(year)])],
        metadata: [
          { label: 'Reporting period', value: reportingPeriodLabel(year) },
          { label: 'Figures cut at', value: cutoffLabel(data) },
          ...(year === undefined
            ? []
            : [
                {
                  label: 'Status',
                  value: context.parameters.final
                    ? 'Final'
                    : `Draft${missing ? ` — ${missing} narrative section${missing > 1 ? 's' : ''} missing` : ''}`,
                },
              ]),
          { label: 'Administrative Agent', value: settings.administrativeAgentName },
          { label: 'Secretariat', value: 'Fund Management Unit, Geneva' },
          { label: 'Data as of', value: asOfLabel(data.snapshotAt) },
        ],
        sections: buildSections(data, ANNUAL_REPORT_SECTIONS),
      },
      snapshotAt: data.snapshotAt,
      rowCounts: {
        contributions: data.contributions.length,
        donors: data.pledges.donors.length,
        programmes: programmeCount(data),
        organizations: data.byOrganization.length,
        proposals: data.proposalCounts.reduce((sum, row) => sum + row.count, 0),
        indicators: data.resultsByArea.reduce((sum, group) => sum + group.indicators, 0),
      },
      inputs: {
        year: year ?? null,
        cutYear: data.cutYear,
        pledgeRates: data.pledges.rates,
        aaFeeRate: settings.aaFeeRate,
        indirectRate: settings.indirectRate,
        expenditureDeadline: settings.expenditureDeadline,
        sources: [
          `funding status to 31 Dec ${data.cutYear - 1}, of ${data.cutYear} and to the cut-off`,
          'pledges per donor and currency to the cut-off, the unpaid part at the stated rates',
          'portfolio by thematic area, organization, region and status to the cut-off',
          'PUNO money per programme (puno_ledger_sums less later entries)',
          `/results/rollup?by=thematicArea|gcmObjective|fundIndicator${year === undefined ? '' : `&year=${year}`}`,
        ],
      },
      omittedSections: [],
      fileStem: year === undefined ? 'annual-report-inception' : `annual-report-${year}`,
    };
  }
}
