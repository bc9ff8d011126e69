import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuditModule } from '@mptf/audit';
import { AuthGuard, IdentityModule } from '@mptf/identity';
import { PlatformModule } from '@mptf/platform';
import { ReferenceModule } from '@mptf/reference';
import { ReportingModule } from '@mptf/reporting';
import { AuditController } from './audit/audit.controller';
import { DomainErrorFilter } from './common/domain-error.filter';
import { HealthController } from './health/health.controller';
import { AuthController } from './identity/auth.controller';
import { UsersController } from './identity/users.controller';
import { ReferenceController } from './reference/reference.controller';
import { ReportsController } from './reports/reports.controller';
import { SystemController } from './system/system.controller';

@Module({
  imports: [PlatformModule, AuditModule, IdentityModule, ReferenceModule, ReportingModule],
  controllers: [
    AuthController,
    UsersController,
    ReferenceController,
    AuditController,
    HealthController,
    SystemController,
    ReportsController,
  ],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: DomainErrorFilter },
  ],
})
export class ApiModule {}
