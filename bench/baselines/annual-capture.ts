import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AuditModule } from '@mptf/audit';
import { IdentityModule } from '@mptf/identity';
import { NotificationsModule } from '@mptf/notifications';
import { PlatformModule } from '@mptf/platform';
import { ProgrammesModule } from '@mptf/programmes';
import { ReferenceModule } from '@mptf/reference';
import { REPORT_COMPOSERS, ReportFormat, ReportingModule, ReportType } from '@mptf/reporting';
import type { ComposedReport, ComposeContext, ReportComposer } from '@mptf/reporting';
import { DataSource, EntityManager } from 'typeorm';

/** The worker's modules without its queue processors and schedules (nothing is queued from here). */
@Module({
  imports: [
    PlatformModule,
    AuditModule,
    IdentityModule,
    ReferenceModule,
    ReportingModule,
    NotificationsModule,
    ProgrammesModule,
  ],
})
class ComposeOnlyModule {}

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

export interface CapturedReport {
  /** Every statement the composer sent in its snapshot, in order, with its parameters. */
  statements: CapturedStatement[];
  /** The document the worker renders. */
  composed: ComposedReport;
}

/**
 * What the annual report's baseline must do, taken from the service itself (once, not timed):
 * the worker's composer runs in this process, in one REPEATABLE READ snapshot, with a query runner
 * that records each statement it sends. The baseline then sends those very statements over raw
 * `pg` and draws the very content (the document's sections) with bare pdfkit, so its time is the
 * database's and a plain renderer's floor for the same work, and a reader can check both
 * (`bench/baselines/annual-report.ts`).
 */
export async function captureAnnualReport(
  env: Record<string, string>,
  year: number,
  compose: (composer: ReportComposer, manager: EntityManager) => Promise<ComposedReport> = (
    composer,
    manager,
  ) => composer.compose(composeContext(manager, year)),
): Promise<CapturedReport> {
  const saved = { ...process.env };
  Object.assign(process.env, env, { LOG_LEVEL: 'error' });
  const app = await NestFactory.createApplicationContext(ComposeOnlyModule, { logger: ['error'] });
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const composer = app
      .get<ReportComposer[]>(REPORT_COMPOSERS)
      .find((candidate) => candidate.type === ReportType.ANNUAL_CONSOLIDATED);
    if (!composer) throw new Error('no composer for ANNUAL_CONSOLIDATED');
    const statements: CapturedStatement[] = [];
    const composed = await dataSource.transaction('REPEATABLE READ', (manager) => {
      const runner = manager.queryRunner!;
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, params?: unknown[], structured?: boolean) => {
        statements.push({ sql, params: params ?? [] });
        return query(sql, params, structured as never);
      }) as typeof runner.query;
      return compose(composer, manager);
    });
    return { statements, composed };
  } finally {
    await app.close();
    process.env = saved;
  }
}

export function composeContext(manager: EntityManager, year: number): ComposeContext {
  return {
    manager,
    runId: '00000000-0000-0000-0000-000000000000',
    parameters: { year },
    // What the figure's PDF run composes (no spreadsheet-only indicator rows).
    format: ReportFormat.PDF,
    generatedAt: new Date(),
    progress: async () => undefined,
  };
}
