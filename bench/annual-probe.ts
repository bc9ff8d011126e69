import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import {
  documentFingerprint,
  documentFor,
  PdfRenderer,
  REPORT_COMPOSERS,
  ReportFormat,
  ReportType,
} from '@mptf/reporting';
import type { ReportComposer } from '@mptf/reporting';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { writeHeapSnapshot } from 'node:v8';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';

/**
 * Development probe (not part of `npm run bench`): composes and renders the annual consolidated
 * PDF in this process against a generated bench database, as a worker does (one REPEATABLE READ
 * snapshot, then the renderer streamed to a file), printing the heap and RSS at each phase and
 * their peaks. `PROBE_HEAP_SNAPSHOTS=1` also writes a heap snapshot after composing.
 *
 *   DATABASE_URL=postgres://…/mptf_bench_… REDIS_URL=… JWT_SECRET=… \
 *     node --expose-gc dist/bench/annual-probe.js 2025 /tmp/annual.pdf
 */
async function main(): Promise<void> {
  const year = Number(process.argv[2] ?? 2025);
  const out = process.argv[3] ?? '/tmp/annual-probe.pdf';
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const composer = app
    .get<ReportComposer[]>(REPORT_COMPOSERS)
    .find((candidate) => candidate.type === ReportType.ANNUAL_CONSOLIDATED)!;
  const renderer = app.get(PdfRenderer);
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 20);
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
  const mark = (phase: string, started: number) => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const before = process.memoryUsage();
    gc?.();
    const after = process.memoryUsage();
    process.stdout.write(
      `${phase.padEnd(10)} ${(performance.now() - started).toFixed(0).padStart(6)} ms  heap ${mb(before.heapUsed)} (live ${mb(after.heapUsed)})  rss ${mb(after.rss)}  ext ${mb(after.external + after.arrayBuffers)}  peak rss ${mb(peakRss)} heap ${mb(peakHeap)}\n`,
    );
  };
  for (let round = 0; round < Number(process.env.PROBE_ROUNDS ?? 2); round++) {
    const started = performance.now();
    const generatedAt = new Date();
    const statements: { ms: number; heap: number; rows: number; sql: string }[] = [];
    const composed = await dataSource.transaction('REPEATABLE READ', (manager) => {
      // Each statement's time, rows and the heap it left (PROBE_STATEMENTS=n prints the n slowest).
      const runner = manager.queryRunner!;
      const query = runner.query.bind(runner);
      runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
        const at = performance.now();
        const heap = process.memoryUsage().heapUsed;
        const result = await query(sql, parameters, structured as never);
        const rows = Array.isArray(result)
          ? result.length
          : ((result as { records?: unknown[] })?.records?.length ?? 0);
        statements.push({
          ms: performance.now() - at,
          heap: process.memoryUsage().heapUsed - heap,
          rows,
          sql,
        });
        return result;
      }) as typeof runner.query;
      return composer.compose({
        manager,
        runId: '00000000-0000-0000-0000-000000000000',
        parameters: { year },
        format: ReportFormat.PDF,
        generatedAt,
        progress: async (percent) => {
          if (process.env.PROBE_PROGRESS === '1') {
            mark(`  at ${percent}`, started);
            peakHeap = 0;
          }
        },
      });
    });
    mark('composed', started);
    const total = statements.reduce((sum, s) => sum + s.ms, 0);
    process.stdout.write(`  ${statements.length} statements, ${total.toFixed(0)} ms in the database\n`);
    for (const s of [...statements]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, Number(process.env.PROBE_STATEMENTS ?? 12)))
      process.stdout.write(
        `  ${s.ms.toFixed(0).padStart(6)} ms ${String(s.rows).padStart(7)} rows ${mb(s.heap).padStart(7)}  ${s.sql.replace(/\s+/g, ' ').slice(0, 150)}\n`,
      );
    if (process.env.PROBE_HEAP_SNAPSHOTS === '1')
      writeHeapSnapshot(`/tmp/annual-probe-${round}.heapsnapshot`);
    // As the worker does: fingerprint the whole document, then draw what the PDF shows.
    const fingerprint = documentFingerprint(composed);
    const document = documentFor(ReportFormat.PDF, composed.document);
    mark(`fp ${fingerprint.slice(0, 8)}`, started);
    const output = renderer.render(document, {
      runId: '00000000-0000-0000-0000-000000000000',
      generatedAt,
      author: 'probe',
      pageDelayMs: 0,
      progress: async () => undefined,
    });
    const [, rendered] = await Promise.all([pipeline(output.stream, createWriteStream(out)), output.done]);
    mark(`rendered ${rendered.pages}p`, started);
  }
  clearInterval(sampler);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
