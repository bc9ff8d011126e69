import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExpenditureByCategoryReader, FinanceModule } from '@mptf/finance';
import { OrganizationNamesReader } from '@mptf/identity';
import { NotificationsModule } from '@mptf/notifications';
import { ProgrammeProfilesReader, ProposalCountsReader } from '@mptf/proposals';
import { ReferenceListsReader } from '@mptf/reference';
import { ProgrammesModule } from '@mptf/programmes';
import { ResultsModule } from '@mptf/results';
import { ReviewModule } from '@mptf/review';
import { AnnualReportComposer } from './compose/annual/annual-report.composer';
import { AnnualReportLoader } from './compose/annual/annual-report.data';
import { ReportNarrativeRepository } from './narratives/report-narrative.repository';
import { ReportNarrativesService } from './narratives/report-narratives.service';
import { AnnualResultsTablesLoader } from './compose/annual/annual-results-tables';
import { ContributorStatementComposer } from './compose/contributor/contributor-statement.composer';
import { StatementFundLoader } from './compose/contributor/contributor-fund.data';
import { ContributorStatementLoader } from './compose/contributor/contributor-statement.data';
import { DecisionPackComposer } from './compose/decision-pack/decision-pack.composer';
import { DecisionPackLoader } from './compose/decision-pack/decision-pack.data';
import { PROGRAMME_MONEY_READER, PROGRAMME_RESULTS_READER } from './compose/extension-points';
import { FinanceProgrammeMoneyReader } from './compose/factsheet/finance-programme-money.reader';
import { ProgrammeFactsheetComposer } from './compose/factsheet/programme-factsheet.composer';
import { ProgrammeFactsheetDataProvider } from './compose/factsheet/programme-factsheet.data';
import { ResultsMatrixReader } from './compose/factsheet/results-matrix.reader';
import { REPORT_COMPOSERS, ReportComposer } from './compose/report-composer';
import { CsvRenderer } from './render/csv-renderer';
import { PdfRenderer } from './render/pdf-renderer';
import { RendererWarmUp } from './render/renderer-warm-up';
import { XlsxRenderer } from './render/xlsx-renderer';
import { ReportGenerator } from './runs/report-generator.service';
import { ReportNotices } from './runs/report-notices';
import { ReportRun } from './runs/report-run.entity';
import { ReportRunsRepository } from './runs/report-runs.repository';
import { ReportsService } from './runs/reports.service';
import { ReportScheduleService } from './schedule/report-schedule.service';
import { SharedPartsStore } from './runs/shared-parts';
import { SharedPartsRepository } from './runs/shared-parts.repository';
import { ReportBatchesService } from './runs/report-batches.service';

const COMPOSERS = [
  ProgrammeFactsheetComposer,
  AnnualReportComposer,
  ContributorStatementComposer,
  DecisionPackComposer,
];

/** What each composer reads its data with (a loader per report type). */
const LOADERS = [
  AnnualReportLoader,
  AnnualResultsTablesLoader,
  ContributorStatementLoader,
  StatementFundLoader,
  DecisionPackLoader,
  ProgrammeFactsheetDataProvider,
];

/**
 * The other libs' readers the reports use. They take the caller's manager and hold no state;
 * their libs export them and reporting provides them here (their own modules need none).
 */
const READERS = [
  ExpenditureByCategoryReader,
  OrganizationNamesReader,
  ProgrammeProfilesReader,
  ProposalCountsReader,
  ReferenceListsReader,
];

/**
 * Donor reports. A report type is connected by adding its composer to COMPOSERS (and its loader
 * to LOADERS); the factsheet's money and results sections come from PROGRAMME_MONEY_READER /
 * PROGRAMME_RESULTS_READER (see compose/extension-points.ts), implemented here over the finance
 * and results read models.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ReportRun]),
    FinanceModule,
    ReviewModule,
    ResultsModule,
    ProgrammesModule,
    NotificationsModule,
  ],
  providers: [
    ReportsService,
    ReportBatchesService,
    ReportGenerator,
    ReportNotices,
    ReportNarrativesService,
    ReportNarrativeRepository,
    ReportRunsRepository,
    SharedPartsStore,
    SharedPartsRepository,
    ReportScheduleService,
    PdfRenderer,
    RendererWarmUp,
    CsvRenderer,
    XlsxRenderer,
    ...READERS,
    ...LOADERS,
    { provide: PROGRAMME_MONEY_READER, useClass: FinanceProgrammeMoneyReader },
    { provide: PROGRAMME_RESULTS_READER, useClass: ResultsMatrixReader },
    ...COMPOSERS,
    {
      provide: REPORT_COMPOSERS,
      inject: COMPOSERS,
      useFactory: (...composers: ReportComposer[]): ReportComposer[] => composers,
    },
  ],
  exports: [
    ReportsService,
    ReportBatchesService,
    ReportGenerator,
    ReportScheduleService,
    ReportNarrativesService,
    RendererWarmUp,
  ],
})
export class ReportingModule {}
