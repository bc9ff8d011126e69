import { Module } from '@nestjs/common';
import { AuditModule } from '@mptf/audit';
import { FinanceModule } from '@mptf/finance';
import { IdentityModule } from '@mptf/identity';
import { PlatformModule } from '@mptf/platform';
import { ReferenceModule } from '@mptf/reference';

/** The domain modules the demo data goes through, so demo rows obey the same rules as real ones. */
@Module({ imports: [PlatformModule, AuditModule, IdentityModule, ReferenceModule, FinanceModule] })
export class SeedModule {}
