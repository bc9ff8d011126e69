import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportComposer, REPORT_COMPOSERS, ReportDocument, ReportType, TableBlock } from '@mptf/reporting';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { insertProposalRows } from '../support/proposal-rows';
import { createTestContext, eventually, TestContext } from '../support/test-context';

export interface ProgrammeFixture {
  reference: string;
  title: string;
  status?: string;
  thematicAreaCode?: number;
  punos: string[];
  countries: string[];
  objectives: number[];
  /** [orgCode, categoryCode 1–7, amount in cents] */
  lines: [string, number, bigint][];
}

/**
 * Inserts an approved programme straight into the proposal tables (intake and decisions are other
 * modules; reports only read these rows). Returns its id.
 */
export async function insertProgramme(db: DataSource, fixture: ProgrammeFixture): Promise<string> {
  return insertProposalRows(db, {
    reference: fixture.reference,
    title: fixture.title,
    summary: `${fixture.title}: a joint programme that protects migrants and opens regular pathways.`,
    scope: fixture.countries.length > 1 ? 'REGIONAL' : 'NATIONAL',
    thematicAreaCode: fixture.thematicAreaCode ?? 2,
    status: fixture.status ?? 'ACTIVE',
    version: 1,
    durationMonths: 24,
    markers: { gender: 2, humanRights: 2, childSensitivity: 1 },
    governmentEndorsementDate: '2026-01-15',
    startDate: '2026-03-01',
    submitted: false,
    createdBy: 'fmu@mptf.test',
    createdAt: null,
    convenerCode: fixture.punos[0],
    punoCodes: fixture.punos,
    countryCodes: fixture.countries,
    objectiveCodes: fixture.objectives,
    lines: fixture.lines.map(([orgCode, categoryCode, amountCents]) => ({
      orgCode,
      categoryCode,
      amountCents,
    })),
  });
}

/** Three PUNOs in Côte d'Ivoire, Türkiye and Curaçao; direct costs 1,000,000.00, indirect 70,000.00. */
export const PATHWAYS: ProgrammeFixture = {
  reference: 'MIG-2026-0101',
  title: 'Safe and regular pathways in West Africa and the Mediterranean',
  punos: ['IOM', 'UNDP', 'UNICEF'],
  countries: ['CIV', 'TUR', 'CUW'],
  objectives: [2, 5, 7],
  lines: [
    ['IOM', 1, 30000000n],
    ['IOM', 4, 20000000n],
    ['UNDP', 2, 15000000n],
    ['UNDP', 5, 5000000n],
    ['UNICEF', 6, 25000000n],
    ['UNICEF', 7, 5000000n],
  ],
};

export const DATA_HUB: ProgrammeFixture = {
  reference: 'MIG-2026-0102',
  title: 'Migration data hub for evidence-based policy',
  thematicAreaCode: 1,
  status: 'APPROVED',
  punos: ['UNDP', 'IOM'],
  countries: ['SEN'],
  objectives: [1, 17],
  lines: [
    ['UNDP', 1, 12345678n],
    ['IOM', 3, 4321099n],
  ],
};

export interface RunBody {
  id: string;
  status: string;
  progress: number;
  error?: string;
  pages?: number;
  bytes?: number;
  sha256?: string;
  attempts: number;
  source?: {
    fingerprint: string;
    detailFingerprint?: string;
    rowCounts: Record<string, number>;
    snapshotAt: string;
    omittedSections: string[];
  };
  [key: string]: unknown;
}

/** Polls GET /reports/:id until the run is SUCCEEDED or FAILED. */
export async function finished(
  t: TestContext,
  id: string,
  as = 'fmu@mptf.test',
  timeoutMs = 30000,
): Promise<RunBody> {
  const auth = await t.as(as);
  return eventually(async () => {
    const response = await t.http.get(`/api/v1/reports/${id}`).set(auth);
    const body = response.body as RunBody;
    return body.status === 'SUCCEEDED' || body.status === 'FAILED' ? body : null;
  }, timeoutMs);
}

/** Buffers a binary supertest response. */
export function binary(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

/** The entries of a zip in order (through the system's unzip), or null when `file` is no zip. */
export function zipEntries(file: Buffer): Map<string, Buffer> | null {
  if (file.subarray(0, 2).toString('latin1') !== 'PK') return null;
  const folder = mkdtempSync(join(tmpdir(), 'report-zip-'));
  try {
    const path = join(folder, 'report.zip');
    writeFileSync(path, file);
    const names = execFileSync('unzip', ['-Z1', path]).toString('utf8').trim().split('\n');
    return new Map(names.map((name) => [name, execFileSync('unzip', ['-p', path, name])]));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A CSV report's text: its one file, or every file of its zip one after the other (BOMs off). */
export function csvText(file: Buffer): string {
  const entries = zipEntries(file);
  const texts = entries ? [...entries.values()] : [file];
  return texts.map((text) => text.toString('utf8').replace(/^\uFEFF/, '')).join('');
}

/** Set REPORT_SAMPLES_DIR to keep the generated files for a look (pdftoppm -png -r 60 …). */
export function keep(name: string, content: Buffer): void {
  const folder = process.env.REPORT_SAMPLES_DIR;
  if (folder) writeFileSync(join(folder, name), content);
}

/** A PDF's text, laid out (pdftotext -layout), pages separated by form feeds. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}

export function pdfPages(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export type ReportRequests = ReturnType<typeof reportRequests>;

/** Requests a run and downloads its file, as a user (the FMU unless told). */
export function reportRequests(t: TestContext) {
  return {
    post: async (body: object, as = 'fmu@mptf.test', headers: Record<string, string> = {}) =>
      t.http
        .post('/api/v1/reports')
        .set(await t.as(as))
        .set(headers)
        .send(body),
    download: async (id: string, as = 'fmu@mptf.test') =>
      t.http
        .get(`/api/v1/reports/${id}/file`)
        .set(await t.as(as))
        .buffer(true)
        .parse(binary),
  };
}

/** A fresh context with PATHWAYS (active) and DATA_HUB (approved) inserted; no worker yet. */
export async function reportsContext() {
  const t = await createTestContext();
  const pathwaysId = await insertProgramme(t.db, PATHWAYS);
  const dataHubId = await insertProgramme(t.db, DATA_HUB);
  return { t, pathwaysId, dataHubId, ...reportRequests(t) };
}

/**
 * Composes a report's document (no file) as the worker does: in one REPEATABLE READ snapshot,
 * through the registered composer of its type.
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

/** A document's tables. */
export function tablesOf(document: ReportDocument): TableBlock[] {
  return document.sections.flatMap((s) => s.blocks.filter((b): b is TableBlock => b.kind === 'table'));
}

/** A document's table whose title matches (an error listing the titles when none does). */
export function tableOf(document: ReportDocument, title: RegExp): TableBlock {
  const found = tablesOf(document).find((t) => title.test(t.title ?? ''));
  if (!found)
    throw new Error(
      `no table ${title} in ${tablesOf(document)
        .map((t) => t.title)
        .join(' | ')}`,
    );
  return found;
}
