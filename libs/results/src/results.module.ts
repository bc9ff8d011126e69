import { Module } from '@nestjs/common';
import { NotificationsModule } from '@mptf/notifications';
import { ActualNotices } from './actual-notices';
import { ActualRepository } from './actual.repository';
import { ActualsService } from './actuals.service';
import { FundIndicatorRepository } from './fund-indicator.repository';
import { FundIndicatorsService } from './fund-indicators.service';
import { IatiExportService } from './iati-export.service';
import { IatiRepository } from './iati.repository';
import { MatrixRepository } from './matrix.repository';
import { ProposalAccessRepository } from './proposal-access.repository';
import { ResultsMatrixService } from './results-matrix.service';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';

const REPOSITORIES = [
  ProposalAccessRepository,
  MatrixRepository,
  ActualRepository,
  FundIndicatorRepository,
  RollupRepository,
  IatiRepository,
];

const SERVICES = [
  ResultsMatrixService,
  FundIndicatorsService,
  ActualsService,
  RollupService,
  IatiExportService,
];

/** Results matrices, fund indicators, actuals, roll-ups and the IATI export. */
@Module({
  imports: [NotificationsModule],
  providers: [...REPOSITORIES, ActualNotices, ...SERVICES],
  exports: SERVICES,
})
export class ResultsModule {}
