import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { AuditModule } from '@mptf/audit';
import { FinanceModule } from '@mptf/finance';
import { AuthGuard, IdentityModule } from '@mptf/identity';
import { AppConfig, PlatformModule } from '@mptf/platform';
import { ProposalsModule } from '@mptf/proposals';
import { ReferenceModule } from '@mptf/reference';
import { memoryStorage } from 'multer';
import { ResultsModule } from '@mptf/results';
import { ReviewModule } from '@mptf/review';
import { ProgrammesModule } from '@mptf/programmes';
import { ReportingModule } from '@mptf/reporting';
import { NotificationsModule } from '@mptf/notifications';
import { QueueDashboardController } from './admin/queue-dashboard.controller';
import { AuditController } from './audit/audit.controller';
import { DomainErrorFilter } from './common/domain-error.filter';
import { ContributionsController } from './finance/contributions.controller';
import { DonorsController } from './finance/donors.controller';
import { TodoController } from './home/todo.controller';
import { TodoService } from './home/todo.service';
import { FundController } from './finance/fund.controller';
import { AgencyInterestController } from './finance/agency-interest.controller';
import { ProgrammesController } from './finance/programmes.controller';
import {
  ObligationsController,
  ProgressReportsController,
  RevisionsController,
} from './programmes/programme-work.controller';
import { HealthController } from './health/health.controller';
import { AuthController } from './identity/auth.controller';
import { UsersController } from './identity/users.controller';
import { ProposalDocumentsController } from './proposals/proposal-documents.controller';
import { ProposalsController } from './proposals/proposals.controller';
import { ReferenceController } from './reference/reference.controller';
import { IatiExportController } from './results/iati-export.controller';
import { ResultsController } from './results/results.controller';
import { MeetingsController } from './review/meetings.controller';
import { PipelineController } from './review/pipeline.controller';
import { ProposalReviewController } from './review/proposal-review.controller';
import { ReviewQueueController } from './review/review-queue.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportNarrativesController } from './reports/report-narratives.controller';
import { SystemController } from './system/system.controller';
import { ListExports } from './common/list-query';
import {
  NotificationPreferencesController,
  NotificationsController,
} from './notifications/notifications.controller';
import { OutboxController } from './notifications/outbox.controller';

@Module({
  imports: [
    PlatformModule,
    AuditModule,
    IdentityModule,
    ReferenceModule,
    ProposalsModule,
    FinanceModule,
    ReviewModule,
    ResultsModule,
    ProgrammesModule,
    ReportingModule,
    NotificationsModule,
    // Uploads stay in memory (checked by content, then written to ArtifactStorage), size-capped.
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        // File names as UTF-8 (busboy reads them as latin1 otherwise: résumé became rÃ©sumÃ©).
        defParamCharset: 'utf8',
        limits: { fileSize: config.env.MAX_UPLOAD_BYTES, files: 1, fields: 10 },
      }),
    }),
  ],
  controllers: [
    AuthController,
    UsersController,
    ReferenceController,
    AuditController,
    HealthController,
    SystemController,
    QueueDashboardController,
    ProposalsController,
    ProposalDocumentsController,
    ResultsController,
    IatiExportController,
    ContributionsController,
    DonorsController,
    ProgrammesController,
    FundController,
    AgencyInterestController,
    ProposalReviewController,
    ReviewQueueController,
    MeetingsController,
    PipelineController,
    ReportsController,
    ObligationsController,
    ProgressReportsController,
    RevisionsController,
    NotificationsController,
    NotificationPreferencesController,
    OutboxController,
    ReportNarrativesController,
    TodoController,
  ],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
    TodoService,
    ListExports,
  ],
})
export class ApiModule {}
