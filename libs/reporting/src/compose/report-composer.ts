import { DomainError, ErrorCode } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { ReportDocument, ReportSection } from '../document/report-document';
import { ReportFormat, ReportParameters, ReportType } from '../runs/report-types';
import type { SharedParts } from '../runs/shared-parts';

export interface ComposeContext {
  /** The run's one REPEATABLE READ transaction: every read goes through it. */
  manager: EntityManager;
  runId: string;
  parameters: ReportParameters;
  /**
   * The format the run renders; a composer may leave out what only other formats show (the
   * spreadsheet-only sections: `notInPdf`). Absent: every section, as for every format.
   */
  format?: ReportFormat;
  /** When the run started (the document states it; not part of the data fingerprint). */
  generatedAt: Date;
  /** 0–100 of the composing step. */
  progress(percent: number): Promise<void>;
  /** Parts computed once for the run's batch (absent or unshared: the run computes everything). */
  shared?: SharedParts;
}

export interface ComposedReport {
  document: ReportDocument;
  /** When the snapshot was taken (the transaction's start), ISO 8601. */
  snapshotAt: string;
  /** How many rows of each source the document was computed from. */
  rowCounts: Record<string, number>;
  /** Settings and other inputs that shape the figures (e.g. the indirect rate). */
  inputs: Record<string, unknown>;
  /** Sections left out because the module that owns their data is not connected yet. */
  omittedSections: string[];
  /** File name without extension, e.g. "factsheet-MIG-2026-0007". */
  fileStem: string;
}

/**
 * Builds the document of one report type from one snapshot. A composer reads, computes and lays
 * out; it never writes and never renders. The composers load their data first (a loader per
 * type, through the other libs' exports) and then build the document from SectionBuilders. Register one per type in ReportingModule
 * (REPORT_COMPOSERS); a type without a composer fails its runs with ReportNotAvailableError.
 */
export interface ReportComposer {
  readonly type: ReportType;
  compose(context: ComposeContext): Promise<ComposedReport>;
}

export const REPORT_COMPOSERS = Symbol('REPORT_COMPOSERS');

/**
 * One section of a report: a pure function of the data its composer loaded (no reads, no
 * clock), so it can be tested on data alone and shared between reports that load the same data.
 * Null leaves the section out for this data.
 */
export type SectionBuilder<Data> = (data: Data) => ReportSection | null;

/** A report's sections, in the order of its builders. */
export function buildSections<Data>(data: Data, builders: readonly SectionBuilder<Data>[]): ReportSection[] {
  return builders.map((build) => build(data)).filter((section): section is ReportSection => section !== null);
}

/** The report type exists in the contract but its data source is not connected yet. */
export class ReportNotAvailableError extends DomainError {
  constructor(type: ReportType) {
    super(
      ErrorCode.INVALID_STATE,
      `${type} reports are not available yet: the data they need (fund status, portfolio, results or review) is not connected to reporting in this version`,
    );
  }
}
