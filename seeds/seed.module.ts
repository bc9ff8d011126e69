import { Module } from '@nestjs/common';
import { AuditModule } from '@mptf/audit';
import { FinanceModule } from '@mptf/finance';
import { IdentityModule } from '@mptf/identity';
import { PlatformModule } from '@mptf/platform';
import { ProgrammesModule } from '@mptf/programmes';
import { ProposalsModule } from '@mptf/proposals';
import { ReferenceModule } from '@mptf/reference';
import { ResultsModule } from '@mptf/results';
import { ReviewModule } from '@mptf/review';

/** The domain modules the demo data goes through, so demo rows obey the same rules as real ones. */
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
  ],
})
export class SeedModule {}
