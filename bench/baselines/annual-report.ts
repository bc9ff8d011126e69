import { statSync } from 'node:fs';
import { Pool } from 'pg';
import { CapturedReport } from './annual-capture';
import { drawDocument } from './document-pdf';

export interface BareReport {
  ms: number;
  pages: number;
  bytes: number;
}

/** The transaction's own statements: the baseline opens and ends its snapshot itself. */
const TRANSACTION = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION)/i;

/**
 * The annual consolidated report's floor, the same work without the application around it: the
 * very statements the worker's composer sends (captured once from the service,
 * `annual-capture.ts`), sent over a raw `pg` connection in one REPEATABLE READ snapshot with
 * their rows kept to the end, then the very content the worker renders (the document's sections)
 * drawn with bare pdfkit in the same font (`document-pdf.ts`). What it leaves out is the
 * application's own work: composing the rows into the document (sums, sorting, standings) and
 * the renderer's layout rules (contents, bookmarks, "page n of N", fitted columns, keeping
 * headings and charts with their tables).
 */
export async function bareAnnualReport(
  pool: Pool,
  captured: CapturedReport,
  path: string,
): Promise<BareReport> {
  const started = performance.now();
  const client = await pool.connect();
  const results: unknown[][] = [];
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const statement of captured.statements)
      if (!TRANSACTION.test(statement.sql))
        results.push((await client.query(statement.sql, statement.params)).rows);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  const pages = await drawDocument(captured.composed.document, path);
  results.length = 0;
  return { ms: performance.now() - started, pages, bytes: statSync(path).size };
}
