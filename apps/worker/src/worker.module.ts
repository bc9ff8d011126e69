import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@mptf/audit';
import { IdentityModule } from '@mptf/identity';
import { PlatformModule } from '@mptf/platform';
import { ReferenceModule } from '@mptf/reference';
import { NotificationsModule } from '@mptf/notifications';
import { ProgrammesModule } from '@mptf/programmes';
import { ReportingModule } from '@mptf/reporting';
import { DigestScheduleRegistrar } from './jobs/digest-schedule.registrar';
import { GenerateReportHandler } from './jobs/generate-report.handler';
import { HeapRelease } from './jobs/heap-release';
import { HeartbeatHandler } from './jobs/heartbeat.handler';
import { JobDispatcher } from './jobs/job-dispatcher';
import { ObligationScanRegistrar } from './jobs/obligation-scan.registrar';
import { ReportScheduleRegistrar } from './jobs/report-schedule.registrar';
import { ScanObligationsHandler } from './jobs/scan-obligations.handler';
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
    ProgrammesModule,
  ],
  providers: [
    JobDispatcher,
    HeapRelease,
    HeartbeatHandler,
    GenerateReportHandler,
    ScheduleReportsHandler,
    ReportScheduleRegistrar,
    SendMailHandler,
    SendDigestsHandler,
    DigestScheduleRegistrar,
    ScanObligationsHandler,
    ObligationScanRegistrar,
  ],
})
export class WorkerModule {}
