import { ReportComposer, REPORT_COMPOSERS, ReportDocument, ReportType } from '@mptf/reporting';
import type { TestContext } from './test-context';

/**
 * The document a report type's composer makes of `parameters`, composed as the worker does (in
 * one REPEATABLE READ transaction, rolled back after), without rendering or storing a file.
 */
export async function composeReport(
  t: TestContext,
  type: ReportType,
  parameters: Record<string, unknown>,
): Promise<ReportDocument> {
  const composer = (t.app.get(REPORT_COMPOSERS) as ReportComposer[]).find((c) => c.type === type)!;
  const runner = t.db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction('REPEATABLE READ');
  try {
    const composed = await composer.compose({
      manager: runner.manager,
      runId: 'test',
      parameters,
      generatedAt: new Date(),
      progress: async () => undefined,
    });
    return composed.document;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}
