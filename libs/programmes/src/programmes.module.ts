import { Module } from '@nestjs/common';
import { FinanceModule } from '@mptf/finance';
import { NotificationsModule } from '@mptf/notifications';
import { ProposalsModule } from '@mptf/proposals';
import { ResultsModule } from '@mptf/results';
import { ReviewModule } from '@mptf/review';
import { ObligationScanService } from './obligation-scan.service';
import { ObligationsRepository } from './obligations.repository';
import { ProgrammeNotices } from './programme-notices';
import { ObligationsService } from './obligations.service';
import { ProgrammeFactsRepository } from './programme-facts.repository';
import { ProgrammeVersionsService } from './programme-versions.service';
import { ProgressReportsRepository } from './progress-reports.repository';
import { ProgressReportsService } from './progress-reports.service';
import { RevisionsRepository } from './revisions.repository';
import { RevisionsService } from './revisions.service';

const SERVICES = [
  ObligationScanService,
  ObligationsService,
  ProgrammeVersionsService,
  ProgressReportsService,
  RevisionsService,
];

/** Programme work after approval: the reporting calendar, narrative progress reports, revisions. */
@Module({
  imports: [ProposalsModule, FinanceModule, ReviewModule, ResultsModule, NotificationsModule],
  providers: [
    ProgrammeNotices,
    ProgrammeFactsRepository,
    ObligationsRepository,
    ProgressReportsRepository,
    RevisionsRepository,
    ...SERVICES,
  ],
  exports: SERVICES,
})
export class ProgrammesModule {}
