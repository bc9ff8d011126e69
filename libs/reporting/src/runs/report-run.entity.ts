import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReportFormat, ReportStatus, ReportTrigger, ReportType } from './report-types';
import type { ReportParameters } from './report-types';

/** What a run was computed from, so the same data can be shown to give the same figures. */
export interface ReportSource {
  snapshotAt: string;
  isolation: 'REPEATABLE READ';
  rowCounts: Record<string, number>;
  inputs: Record<string, unknown>;
  /** sha256 of the sections every format shows (not generation time, run id or spreadsheet-only rows). */
  fingerprint: string;
  /** sha256 of the spreadsheet-only sections, when the run composed any (XLSX/CSV editions). */
  detailFingerprint?: string;
  omittedSections: string[];
  /** Parts computed once for the run's batch and reused (name → the snapshot they were read in). */
  sharedParts?: Record<string, string>;
}

/** One requested or scheduled report; the background job's id is this id. */
@Entity('report_runs')
export class ReportRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: ReportType;

  @Column({ type: 'text' })
  format: ReportFormat;

  @Column({ type: 'jsonb' })
  parameters: ReportParameters;

  @Column({ type: 'text' })
  status: ReportStatus;

  @Column({ type: 'smallint' })
  progress: number;

  @Column({ type: 'text' })
  trigger: ReportTrigger;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'text', nullable: true })
  scheduleKey: string | null;

  /** The batch request this run was fanned out from (POST /reports/batches), or null. */
  @Column({ type: 'uuid', nullable: true })
  batchId: string | null;

  @Column({ type: 'text', nullable: true, insert: false, update: false })
  donorCode: string | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  storageKey: string | null;

  @Column({ type: 'text', nullable: true })
  fileName: string | null;

  @Column({ type: 'text', nullable: true })
  contentType: string | null;

  /** bigint column; bytes of a report fit a JS number. */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: unknown) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  bytes: number | null;

  @Column({ type: 'integer', nullable: true })
  pages: number | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'jsonb', nullable: true })
  source: ReportSource | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The run as `GET /reports/:id` shows it; absent values are left out. */
export interface ReportRunView {
  id: string;
  type: ReportType;
  format: ReportFormat;
  parameters: ReportParameters;
  status: ReportStatus;
  progress: number;
  trigger: ReportTrigger;
  /** The batch request the run was fanned out from (POST /reports/batches). */
  batchId?: string;
  pages?: number;
  bytes?: number;
  sha256?: string;
  fileName?: string;
  error?: string;
  source?: ReportSource;
  attempts: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export function toRunView(run: ReportRun): ReportRunView {
  const view: ReportRunView = {
    id: run.id,
    type: run.type,
    format: run.format,
    parameters: run.parameters,
    status: run.status,
    progress: run.progress,
    trigger: run.trigger,
    attempts: run.attempts,
    createdAt: run.createdAt.toISOString(),
  };
  if (run.batchId) view.batchId = run.batchId;
  if (run.pages !== null) view.pages = run.pages;
  if (run.bytes !== null) view.bytes = run.bytes;
  if (run.sha256 !== null) view.sha256 = run.sha256;
  if (run.fileName !== null) view.fileName = run.fileName;
  if (run.error !== null) view.error = run.error;
  if (run.source !== null) view.source = run.source;
  if (run.startedAt) view.startedAt = run.startedAt.toISOString();
  if (run.finishedAt) view.finishedAt = run.finishedAt.toISOString();
  return view;
}
