import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FinanceModule } from '@mptf/finance';
import { ResultsModule } from '@mptf/results';
import { ReviewModule } from '@mptf/review';
import { AnnualReportComposer } from './compose/annual-report.composer';
import { ContributorStatementComposer } from './compose/contributor-statement.composer';
import { DecisionPackComposer } from './compose/decision-pack.composer';
import { PROGRAMME_MONEY_READER, PROGRAMME_RESULTS_READER } from './compose/extension-points';
import { FinanceProgrammeMoneyReader } from './compose/finance-programme-money.reader';
import { ProgrammeFactsheetComposer } from './compose/programme-factsheet.composer';
import { ProgrammeFactsheetDataProvider } from './compose/programme-factsheet.data';
import { REPORT_COMPOSERS, ReportComposer } from './compose/report-composer';
import { ResultsMatrixReader } from './compose/results-matrix.reader';
import { CsvRenderer } from './render/csv-renderer';
import { PdfRenderer } from './render/pdf-renderer';
import { XlsxRenderer } from './render/xlsx-renderer';
import { ReportGenerator } from './runs/report-generator.service';
import { ReportRun } from './runs/report-run.entity';
import { ReportsService } from './runs/reports.service';
import { ReportScheduleService } from './schedule/report-schedule.service';

const COMPOSERS = [
  ProgrammeFactsheetComposer,
  AnnualReportComposer,
  ContributorStatementComposer,
  DecisionPackComposer,
];

/**
 * Donor reports. A report type is connected by adding its composer to COMPOSERS; the factsheet's
 * money and results sections come from PROGRAMME_MONEY_READER / PROGRAMME_RESULTS_READER (see
 * compose/extension-points.ts), implemented here over the finance and results read models.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ReportRun]), FinanceModule, ReviewModule, ResultsModule],
  providers: [
    ReportsService,
    ReportGenerator,
    ReportScheduleService,
    PdfRenderer,
    CsvRenderer,
    XlsxRenderer,
    ProgrammeFactsheetDataProvider,
    { provide: PROGRAMME_MONEY_READER, useClass: FinanceProgrammeMoneyReader },
    { provide: PROGRAMME_RESULTS_READER, useClass: ResultsMatrixReader },
    ...COMPOSERS,
    {
      provide: REPORT_COMPOSERS,
      inject: COMPOSERS,
      useFactory: (...composers: ReportComposer[]): ReportComposer[] => composers,
    },
  ],
  exports: [ReportsService, ReportGenerator, ReportScheduleService],
})
export class ReportingModule {}
