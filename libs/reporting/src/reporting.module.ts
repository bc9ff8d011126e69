import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgrammeFactsheetComposer } from './compose/programme-factsheet.composer';
import { ProgrammeFactsheetDataProvider } from './compose/programme-factsheet.data';
import { REPORT_COMPOSERS, ReportComposer } from './compose/report-composer';
import { CsvRenderer } from './render/csv-renderer';
import { PdfRenderer } from './render/pdf-renderer';
import { XlsxRenderer } from './render/xlsx-renderer';
import { ReportGenerator } from './runs/report-generator.service';
import { ReportRun } from './runs/report-run.entity';
import { ReportsService } from './runs/reports.service';
import { ReportScheduleService } from './schedule/report-schedule.service';

/**
 * Donor reports. To connect a report type or a factsheet section, add its composer to
 * REPORT_COMPOSERS, or provide PROGRAMME_MONEY_READER / PROGRAMME_RESULTS_READER here (see
 * compose/extension-points.ts); nothing else changes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ReportRun])],
  providers: [
    ReportsService,
    ReportGenerator,
    ReportScheduleService,
    PdfRenderer,
    CsvRenderer,
    XlsxRenderer,
    ProgrammeFactsheetDataProvider,
    ProgrammeFactsheetComposer,
    {
      provide: REPORT_COMPOSERS,
      inject: [ProgrammeFactsheetComposer],
      useFactory: (...composers: ReportComposer[]): ReportComposer[] => composers,
    },
  ],
  exports: [ReportsService, ReportGenerator, ReportScheduleService],
})
export class ReportingModule {}
