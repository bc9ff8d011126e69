import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock } from '@mptf/platform';
import { ProgrammeVersionsService, ProgressReportsService } from '@mptf/programmes';
import type { ProgrammeProfile } from '@mptf/proposals';
import { ReportDocument } from '../../document/report-document';
import { ReportType } from '../../runs/report-types';
import { asOfLabel } from '../compose-helpers';
import { PROGRAMME_MONEY_READER, PROGRAMME_RESULTS_READER } from '../extension-points';
import type { ProgrammeMoneyReader, ProgrammeResultsReader } from '../extension-points';
import { buildSections, ComposeContext, ComposedReport, ReportComposer } from '../report-composer';
import { portfolioSheet, PORTFOLIO_SECTIONS } from './portfolio.sections';
import { programmeBudget } from './programme-budget';
import { ProgrammeFactsheetData, ProgrammeFactsheetDataProvider } from './programme-factsheet.data';
import { statusLabel } from './programme-labels';
import { FUNDING_HEADING, PROGRAMME_SECTIONS, ProgrammeSheet, RESULTS_HEADING } from './programme.sections';
import {
  FactsheetNarrative,
  FactsheetVersion,
  indicatorsInForce,
  profileInForce,
} from './programme-version.sections';

/**
 * PROGRAMME_FACTSHEET: with `programmeId`, one joint programme (summary, PUNOs, where and what,
 * budget per PUNO × category); without it, the portfolio factsheet (every programme, budget by
 * thematic area, organization and status) that the monthly schedule produces. Money and results
 * sections come from the finance and results readers when those are connected.
 */
@Injectable()
export class ProgrammeFactsheetComposer implements ReportComposer {
  readonly type = ReportType.PROGRAMME_FACTSHEET;

  constructor(
    private readonly data: ProgrammeFactsheetDataProvider,
    private readonly versions: ProgrammeVersionsService,
    private readonly progressReports: ProgressReportsService,
    private readonly clock: Clock,
    @Optional() @Inject(PROGRAMME_MONEY_READER) private readonly moneyReader?: ProgrammeMoneyReader,
    @Optional() @Inject(PROGRAMME_RESULTS_READER) private readonly resultsReader?: ProgrammeResultsReader,
  ) {}

  async compose(context: ComposeContext): Promise<ComposedReport> {
    const programmeId = context.parameters.programmeId ?? null;
    const data = await this.data.load(context.manager, programmeId);
    await context.progress(50);
    const rowCounts = {
      programmes: data.programmes.length,
      organizations: new Set(data.programmes.flatMap((p) => p.punos.map((o) => o.code))).size,
      countries: data.programmes.reduce((sum, p) => sum + p.countries.length, 0),
      objectives: data.programmes.reduce((sum, p) => sum + p.objectives.length, 0),
      budgetLines: data.programmes.reduce((sum, p) => sum + p.budgetLines.length, 0),
    };
    const inputs = { indirectRate: data.indirectRate };
    const omitted = [
      ...(this.moneyReader ? [] : [FUNDING_HEADING]),
      ...(this.resultsReader ? [] : [RESULTS_HEADING]),
    ];
    if (programmeId) {
      const sheet = await this.programmeSheet(context, data, data.programmes[0]);
      await context.progress(100);
      return {
        document: programmeDocument(sheet),
        snapshotAt: data.snapshotAt,
        rowCounts,
        inputs,
        omittedSections: omitted,
        fileStem: `factsheet-${sheet.programme.reference}`,
      };
    }
    const sheet = portfolioSheet(data);
    await context.progress(100);
    return {
      document: {
        title: 'Portfolio factsheet',
        subtitle: `Joint programmes of the fund as of ${data.snapshotAt.slice(0, 10)}`,
        subject: 'Portfolio factsheet of the Migration MPTF',
        keywords: ['Migration MPTF', 'portfolio', 'factsheet'],
        metadata: [
          { label: 'Coverage', value: 'All approved joint programmes (approved, active and closed)' },
          { label: 'Programmes', value: String(data.programmes.length) },
          { label: 'Data as of', value: asOfLabel(data.snapshotAt) },
        ],
        sections: buildSections(sheet, PORTFOLIO_SECTIONS),
      },
      snapshotAt: data.snapshotAt,
      rowCounts,
      inputs,
      omittedSections: omitted,
      fileStem: `portfolio-factsheet-${data.snapshotAt.slice(0, 10)}`,
    };
  }

  /**
   * One programme's data as of the factsheet's date (the application's day): the version in force
   * then (budget, end date, results matrix), the progress reports accepted by then, and its money
   * and results from the connected readers.
   */
  private async programmeSheet(
    context: ComposeContext,
    data: ProgrammeFactsheetData,
    profile: ProgrammeProfile,
  ): Promise<ProgrammeSheet> {
    const date = this.clock.today();
    const version: FactsheetVersion | null = await this.versions.inForceOn(context.manager, profile.id, date);
    const narratives: FactsheetNarrative[] = (
      await this.progressReports.accepted(context.manager, { programmeId: profile.id })
    )
      .filter((report) => report.acceptedOn !== null && report.acceptedOn <= date)
      .map((report) => ({
        kind: report.kind,
        year: report.year,
        periodStart: report.periodStart,
        periodEnd: report.periodEnd,
        acceptedOn: report.acceptedOn,
        sections: (report.content as { sections: FactsheetNarrative['sections'] }).sections,
      }));
    const programme = profileInForce(profile, version);
    const budget = programmeBudget(programme, data.categories, data.indirectRate);
    await context.progress(70);
    const money = this.moneyReader
      ? await this.moneyReader.programmeMoney(context.manager, programme.id)
      : null;
    const indicators = this.resultsReader
      ? await this.resultsReader.resultsMatrix(
          context.manager,
          programme.id,
          Number(data.snapshotAt.slice(0, 4)),
        )
      : null;
    return {
      data,
      programme,
      budget,
      money,
      indicators: indicatorsInForce(indicators, version),
      date,
      version,
      narratives,
    };
  }
}

function programmeDocument(sheet: ProgrammeSheet): ReportDocument {
  const { data, programme } = sheet;
  return {
    title: 'Programme factsheet',
    subtitle: `${programme.reference} · ${programme.title}`,
    subject: `Factsheet of joint programme ${programme.reference}`,
    keywords: ['Migration MPTF', 'factsheet', programme.reference, programme.thematicArea.shortTitle],
    metadata: [
      { label: 'Programme', value: programme.title },
      { label: 'Reference', value: programme.reference },
      { label: 'Status', value: statusLabel(programme.status) },
      { label: 'Thematic area', value: `${programme.thematicArea.code}. ${programme.thematicArea.title}` },
      { label: 'Convening agency', value: `${programme.convener.name} (${programme.convener.code})` },
      { label: 'Data as of', value: asOfLabel(data.snapshotAt) },
    ],
    sections: buildSections(sheet, PROGRAMME_SECTIONS),
  };
}
