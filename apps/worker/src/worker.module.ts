import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@mptf/audit';
import { IdentityModule } from '@mptf/identity';
import { PlatformModule, WorkerHeartbeatsRepository } from '@mptf/platform';
import { ReferenceModule } from '@mptf/reference';
import { NotificationsModule } from '@mptf/notifications';
import { ReportingModule } from '@mptf/reporting';
import { DigestScheduleRegistrar } from './jobs/digest-schedule.registrar';
import { GenerateReportHandler } from './jobs/generate-report.handler';
import { HeartbeatHandler } from './jobs/heartbeat.handler';
import { JobDispatcher } from './jobs/job-dispatcher';
import { ReportScheduleRegistrar } from './jobs/report-schedule.registrar';
import { ScheduleReportsHandler } from './jobs/schedule-reports.handler';
import { SendDigestsHandler } from './jobs/send-digests.handler';
import { SendMailHandler } from './jobs/send-mail.handler';

/** The worker's module: the only place processors are registered (the API never runs them). */
@Module({
  imports: [
    DiscoveryModule,
    PlatformModule,
    AuditModule,
    IdentityModule,
    ReferenceModule,
    ReportingModule,
    NotificationsModule,
  ],
  providers: [
    JobDispatcher,
    WorkerHeartbeatsRepository,
    HeartbeatHandler,
    GenerateReportHandler,
    ScheduleReportsHandler,
    ReportScheduleRegistrar,
    SendMailHandler,
    SendDigestsHandler,
    DigestScheduleRegistrar,
  ],
})
export class WorkerModule {}
