import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, ArtifactStorage, Clock, DomainError, NotFoundError } from '@mptf/platform';
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { DataSource } from 'typeorm';
import { REPORT_COMPOSERS, ReportNotAvailableError } from '../compose/report-composer';
import type { ComposedReport, ReportComposer } from '../compose/report-composer';
import { definitionsOf } from '../document/glossary';
import { ReportDocument, ReportSection } from '../document/report-document';
import { CsvRenderer } from '../render/csv-renderer';
import { PdfRenderer } from '../render/pdf-renderer';
import { ReportRenderer } from '../render/report-renderer';
import { XlsxRenderer } from '../render/xlsx-renderer';
import { ReportRun, ReportSource } from './report-run.entity';
import { ReportNotices } from './report-notices';
import { ReportRunsRepository } from './report-runs.repository';
import { CONTENT_TYPES, ReportFormat, ReportStatus } from './report-types';
import { progressThrottle } from './progress-throttle';
import { SharedPartsStore } from './shared-parts';

export interface GenerationJob {
  /** 1-based attempt of the queue job. */
  attempt: number;
  maxAttempts: number;
  /** host:pid of the worker, recorded with the attempt. */
  worker: string;
  /** Mirrors progress into the queue (Bull Board shows it). */
  progress?(percent: number): Promise<void>;
}

export type GenerationOutcome =
  | {
      outcome: 'SUCCEEDED';
      runId: string;
      bytes: number;
      pages: number | null;
      sha256: string;
      durationMs: number;
    }
  | { outcome: 'ALREADY_FINISHED'; runId: string; status: ReportStatus };

/** A failed attempt; `permanent` means retrying cannot help (the queue should not retry). */
export class ReportGenerationError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'ReportGenerationError';
  }
}

/** Another process holds the run's lock right now; try again later. */
class RunBusyError extends Error {}

/** Where a run's file lives: one fixed key per run, so a re-run replaces and never duplicates. */
export function storageKeyOf(runId: string, format: ReportFormat): string {
  return `reports/runs/${runId}.${format}`;
}

/**
 * sha256 of the document's sections that every format shows: the same data give the same
 * fingerprint, whenever and in whichever format rendered. The bytes of `JSON.stringify` of those
 * sections, hashed a section at a time (an annual report's sections are megabytes of JSON: never
 * one string of all of them). The spreadsheet-only sections (`notInPdf`: the annual report's
 * indicator rows) are left out: a PDF run does not read them; detailFingerprint covers them.
 */
export function documentFingerprint(composed: Pick<ComposedReport, 'document'>): string {
  return hashSections(composed.document.sections.filter((section) => !section.notInPdf));
}

/**
 * sha256 of the spreadsheet-only sections, for the runs that compose them (XLSX, CSV): what the
 * fingerprint leaves out still has a digest, so two editions with the same fingerprint that list
 * other indicator rows are told apart. Undefined when the run has none.
 */
export function detailFingerprint(composed: Pick<ComposedReport, 'document'>): string | undefined {
  const detail = composed.document.sections.filter((section) => section.notInPdf);
  return detail.length ? hashSections(detail) : undefined;
}

function hashSections(sections: ReportSection[]): string {
  const hash = createHash('sha256').update('[');
  sections.forEach((section, index) =>
    hash.update(index ? `,${JSON.stringify(section)}` : JSON.stringify(section)),
  );
  return hash.update(']').digest('hex');
}

/**
 * What a format's renderer needs of the document: a PDF leaves out the spreadsheet-only sections
 * (thousands of rows: the annual report's indicator rows), so they are not held while it is laid
 * out; its definitions are those of the whole document, as before.
 */
export function documentFor(format: ReportFormat, document: ReportDocument): ReportDocument {
  if (format !== ReportFormat.PDF || !document.sections.some((section) => section.notInPdf)) return document;
  return {
    ...document,
    definitions: definitionsOf(document),
    sections: document.sections.filter((section) => !section.notInPdf),
  };
}

/**
 * The worker side of a report run: claims it, composes it from one REPEATABLE READ snapshot,
 * renders it as a stream into storage (atomically published under the run's key), and records the
 * outcome. Idempotent: a finished run is left alone; a run whose worker died is taken over and
 * replaces, never adds, its file. A run is processed by one process at a time (conditional claim
 * plus a PostgreSQL advisory lock held for the whole generation).
 */
@Injectable()
export class ReportGenerator {
  private readonly logger = new Logger('ReportGenerator');
  private readonly renderers: Record<ReportFormat, ReportRenderer>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: ReportRunsRepository,
    private readonly storage: ArtifactStorage,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(REPORT_COMPOSERS) private readonly composers: ReportComposer[],
    private readonly sharedParts: SharedPartsStore,
    private readonly notices: ReportNotices,
    pdf: PdfRenderer,
    csv: CsvRenderer,
    xlsx: XlsxRenderer,
  ) {
    this.renderers = { [ReportFormat.PDF]: pdf, [ReportFormat.CSV]: csv, [ReportFormat.XLSX]: xlsx };
  }

  async generate(runId: string, job: GenerationJob): Promise<GenerationOutcome> {
    const started = Date.now();
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    let attemptId: string | null = null;
    try {
      if (!(await this.runs.tryLock(lock, runId)))
        throw new RunBusyError(`Report ${runId} is being generated by another worker`);
      const run = await this.claim(runId);
      if (!run.claimed) return { outcome: 'ALREADY_FINISHED', runId, status: run.status };
      attemptId = await this.runs.recordAttempt(runId, job.attempt, job.worker);
      const result = await this.produce(run.run, job);
      await this.runs.succeed(
        runId,
        attemptId,
        { ...result, contentType: result.contentType ?? CONTENT_TYPES[run.run.format] },
        (manager) => this.notices.finished(manager, runId),
      );
      const durationMs = Date.now() - started;
      this.logger.log(
        {
          runId,
          type: run.run.type,
          format: run.run.format,
          bytes: result.bytes,
          pages: result.pages,
          durationMs,
        },
        'report generated',
      );
      return {
        outcome: 'SUCCEEDED',
        runId,
        bytes: result.bytes,
        pages: result.pages,
        sha256: result.sha256,
        durationMs,
      };
    } catch (error) {
      if (error instanceof RunBusyError) throw new ReportGenerationError(error.message, false, error);
      const permanent = error instanceof DomainError;
      const final = permanent || job.attempt >= job.maxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      await this.runs
        .fail(runId, attemptId, message.slice(0, 2000), final, (manager) =>
          this.notices.failed(manager, runId),
        )
        .catch((inner: unknown) =>
          this.logger.error({ err: inner, runId }, 'could not record the failure of a report run'),
        );
      this.logger.warn(
        { runId, attempt: job.attempt, final, durationMs: Date.now() - started, err: error },
        'report generation failed',
      );
      throw new ReportGenerationError(message, permanent, error);
    } finally {
      await this.runs.unlockAll(lock).catch(() => undefined);
      await lock.release();
    }
  }

  // ---- steps -----------------------------------------------------------------------------

  private async claim(
    runId: string,
  ): Promise<{ claimed: true; run: ReportRun } | { claimed: false; status: ReportStatus }> {
    // RUNNING is claimable too: under the lock it can only be a run whose worker died.
    const claimed = await this.runs.claim(runId);
    const run = await this.runs.find(runId);
    if (!run) throw new NotFoundError('Report', runId);
    if (!claimed) return { claimed: false, status: run.status };
    return { claimed: true, run };
  }

  private async produce(run: ReportRun, job: GenerationJob) {
    const composer = this.composers.find((candidate) => candidate.type === run.type);
    if (!composer) throw new ReportNotAvailableError(run.type);
    const progress = this.progressWriter(run.id, job);
    const generatedAt = this.clock.now();

    // One snapshot for every figure of the report (a batch's shared parts are checked against it).
    const { document, source, fileStem } = await this.compose(run, composer, progress, generatedAt);
    await progress(40);

    const storageKey = storageKeyOf(run.id, run.format);
    // Only this process can be writing this key now (run lock): clear what a killed one left.
    await this.storage.removeIncomplete(storageKey);
    const renderer = this.renderers[run.format];
    const output = renderer.render(document, {
      runId: run.id,
      generatedAt,
      author: 'UN Migration Multi-Partner Trust Fund',
      pageDelayMs: this.config.env.REPORT_RENDER_DELAY_MS,
      progress: (percent) => progress(40 + percent * 0.58),
    });
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        hash.update(chunk);
        bytes += chunk.length;
        next(null, chunk);
      },
    });
    output.stream.on('error', (error) => meter.destroy(error));
    const [, rendered] = await Promise.all([
      this.storage.write(storageKey, output.stream.pipe(meter)),
      output.done,
    ]);

    return {
      storageKey,
      fileName: `${fileStem}-${run.id.slice(0, 8)}.${output.extension ?? renderer.extension}`,
      contentType: output.contentType,
      bytes,
      pages: rendered.pages,
      sha256: hash.digest('hex'),
      source,
    };
  }

  /**
   * Composes the run's document in one REPEATABLE READ snapshot and returns what the rest of the
   * run needs: the document as its format draws it (documentFor) and the run's source record
   * (fingerprinted from the whole document). The composed report is not kept past this step.
   */
  private async compose(
    run: ReportRun,
    composer: ReportComposer,
    progress: (percent: number) => Promise<void>,
    generatedAt: Date,
  ): Promise<{ document: ReportDocument; source: ReportSource; fileStem: string }> {
    let reused: Record<string, string> = {};
    const composed = await this.dataSource.transaction('REPEATABLE READ', (manager) => {
      const shared = this.sharedParts.forRun(run.batchId, manager);
      reused = shared.reused;
      return composer.compose({
        manager,
        runId: run.id,
        parameters: run.parameters,
        format: run.format,
        generatedAt,
        progress: (percent) => progress(5 + percent * 0.35),
        shared,
      });
    });
    const detail = detailFingerprint(composed);
    const source: ReportSource = {
      snapshotAt: composed.snapshotAt,
      isolation: 'REPEATABLE READ',
      rowCounts: composed.rowCounts,
      inputs: composed.inputs,
      fingerprint: documentFingerprint(composed),
      ...(detail ? { detailFingerprint: detail } : {}),
      omittedSections: composed.omittedSections,
      ...(Object.keys(reused).length ? { sharedParts: reused } : {}),
    };
    return { document: documentFor(run.format, composed.document), source, fileStem: composed.fileStem };
  }

  /** Progress into the run and the queue, throttled (progressThrottle). */
  private progressWriter(runId: string, job: GenerationJob) {
    return progressThrottle(async (percent) => {
      await this.runs.setProgress(runId, percent);
      await job.progress?.(percent);
    });
  }
}
