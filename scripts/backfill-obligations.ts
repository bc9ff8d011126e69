import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@mptf/audit';
import { FinanceModule } from '@mptf/finance';
import { IdentityModule } from '@mptf/identity';
import { MIGRATIONS } from '@mptf/migrations';
import { AppConfig, PlatformModule, prepareDatabase } from '@mptf/platform';
import { ObligationsService, ProgrammesModule } from '@mptf/programmes';
import { ProposalsModule } from '@mptf/proposals';
import { ReferenceModule } from '@mptf/reference';
import { ResultsModule } from '@mptf/results';
import { ReviewModule } from '@mptf/review';

/** The modules the reporting calendar needs, without HTTP or the worker. */
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
class BackfillModule {}

/**
 * `npm run backfill:obligations`: gives every started programme (active or closed) the reporting
 * obligations it should have, e.g. those activated before the calendar existed. Migrates first;
 * prints one line per programme; idempotent (a second run creates nothing).
 */
async function main(): Promise<void> {
  const config = new AppConfig();
  await prepareDatabase(config.databaseUrl, MIGRATIONS);
  const app = await NestFactory.createApplicationContext(BackfillModule, {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    const summary = await app.get(ObligationsService).backfill((line) => process.stdout.write(`  ${line}\n`));
    process.stdout.write(
      `Backfilled reporting obligations: ${summary.programmes} programme(s) checked, ${summary.changed} changed, ${summary.created} obligation(s) created.\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Backfill failed: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
