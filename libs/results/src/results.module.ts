import { Module } from '@nestjs/common';
import { ActualsService } from './actuals.service';
import { FundIndicatorsService } from './fund-indicators.service';
import { IatiExportService } from './iati-export.service';
import { ResultsMatrixService } from './results-matrix.service';
import { RollupService } from './rollup.service';

const SERVICES = [
  ResultsMatrixService,
  FundIndicatorsService,
  ActualsService,
  RollupService,
  IatiExportService,
];

/** Results matrices, fund indicators, actuals, roll-ups and the IATI export. */
@Module({
  providers: SERVICES,
  exports: SERVICES,
})
export class ResultsModule {}
