import { Injectable } from '@nestjs/common';
import { ReportType } from '../../runs/report-types';
import { asOfLabel, reportingPeriodLabel } from '../compose-helpers';
import {
  buildSections,
  ComposeContext,
  ComposedReport,
  ReportComposer,
  SectionBuilder,
} from '../report-composer';
import { programmeCount } from './annual-figures';
import { AnnualReportData, AnnualReportLoader } from './annual-report.data';
import { allocationsSection, portfolioStatusSection } from './annual-portfolio.sections';
import {
  contributionsByDonorSection,
  highlightsSection,
  sourcesAndUsesSection,
} from './annual-report.sections';
import { resultsSection } from './annual-results.sections';
import { AnnualResultsTablesLoader, resultsTablesSection } from './annual-results-tables';

/** The annual report's sections in order: a new section is a builder added here. */
export const ANNUAL_REPORT_SECTIONS: readonly SectionBuilder<AnnualReportData>[] = [
  highlightsSection,
  sourcesAndUsesSection,
  contributionsByDonorSection,
  allocationsSection,
  portfolioStatusSection,
  resultsSection,
  resultsTablesSection,
];

/**
 * ANNUAL_CONSOLIDATED: the fund's year (or, without a year, its whole life) for donors. Every
 * figure comes from the finance and results read models the HTTP API serves (`/fund/status`,
 * `/portfolio`, `/contributions`, `/results/rollup`), read in the run's one snapshot, so the PDF,
 * CSV and XLSX carry exactly the numbers the API shows for the same data.
 */
@Injectable()
export class AnnualReportComposer implements ReportComposer {
  readonly type = ReportType.ANNUAL_CONSOLIDATED;

  constructor(
    private readonly loader: AnnualReportLoader,
    private readonly resultTables: AnnualResultsTablesLoader,
  ) {}

  async compose(context: ComposeContext): Promise<ComposedReport> {
    const data = await this.loader.load(context);
    data.resultTables = await this.resultTables.load(context, data.year);
    const { year, settings } = data;
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
          { label: 'Administrative Agent', value: 'UNDP Multi-Partner Trust Fund Office' },
          { label: 'Secretariat', value: 'Fund Management Unit, Geneva' },
          { label: 'Data as of', value: asOfLabel(data.snapshotAt) },
        ],
        sections: buildSections(data, ANNUAL_REPORT_SECTIONS),
      },
      snapshotAt: data.snapshotAt,
      rowCounts: {
        contributions: data.contributions.length,
        donors: data.donors.length,
        programmes: programmeCount(data),
        organizations: data.byOrganization.length,
        proposals: data.proposalCounts.reduce((sum, row) => sum + row.count, 0),
        indicators: data.resultsByArea.reduce((sum, group) => sum + group.indicators, 0),
      },
      inputs: {
        year: year ?? null,
        aaFeeRate: settings.aaFeeRate,
        indirectRate: settings.indirectRate,
        expenditureDeadline: settings.expenditureDeadline,
        sources: [
          `/fund/status${year === undefined ? '' : `?year=${year}`}`,
          '/fund/status',
          '/portfolio?groupBy=thematicArea|organization|region|status',
          `/contributions${year === undefined ? '' : `?year=${year}`}`,
          `/results/rollup?by=thematicArea|gcmObjective|fundIndicator${year === undefined ? '' : `&year=${year}`}`,
        ],
      },
      omittedSections: [],
      fileStem: year === undefined ? 'annual-report-inception' : `annual-report-${year}`,
    };
  }
}
