import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { ErrorDetail, NotFoundError, ValidationError } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import {
  NARRATIVE_BODY_MAX,
  NARRATIVE_KEYS,
  NARRATIVE_REASON_MAX,
  NARRATIVE_SECTIONS,
} from './narrative-sections';
import { NarrativeRevisionRow, ReportNarrativeRepository } from './report-narrative.repository';

export type NarrativeState = 'WRITTEN' | 'OMITTED' | 'MISSING';

export interface NarrativeRevision {
  revision: number;
  body: string | null;
  omitted: boolean;
  reason: string | null;
  writtenAt: string;
  writtenBy: { id: string; name: string };
}

export interface NarrativeSection {
  key: string;
  title: string;
  thematicAreaCode: number | null;
  state: NarrativeState;
  /** The latest revision's text (null when missing or left out). */
  body: string | null;
  /** Why it is left out (OMITTED only). */
  reason: string | null;
  revision: number | null;
  writtenAt: string | null;
  writtenBy: { id: string; name: string } | null;
  /** Every revision, newest first. */
  revisions: NarrativeRevision[];
}

export interface ReportNarrative {
  year: number;
  sections: NarrativeSection[];
  /** Keys of the sections neither written nor explicitly left out: a final report refuses them. */
  missing: string[];
}

/** A section's new text, or its omission with the reason. */
export type NarrativeInput = { body: string } | { omitted: true; reason: string };

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw ValidationError.field('year', 'must be a year between 2000 and 2100');
}

/**
 * The consolidated report's narrative: per reporting year, the sections the fund unit writes in
 * the web app (NARRATIVE_SECTIONS), each kept with its revisions. The annual report includes them
 * where they belong, marks a missing one in a draft and refuses a final run while any is missing.
 */
@Injectable()
export class ReportNarrativesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReportNarrativeRepository,
    private readonly audit: AuditService,
  ) {}

  async read(year: number, manager: EntityManager = this.dataSource.manager): Promise<ReportNarrative> {
    checkYear(year);
    const rows = await this.repository.revisions(manager, year);
    const sections = NARRATIVE_SECTIONS.map((def): NarrativeSection => {
      const revisions = rows.filter((row) => row.sectionKey === def.key).map(toRevision);
      const latest = revisions[0];
      return {
        key: def.key,
        title: def.title,
        thematicAreaCode: def.thematicAreaCode ?? null,
        state: !latest ? 'MISSING' : latest.omitted ? 'OMITTED' : 'WRITTEN',
        body: latest?.body ?? null,
        reason: latest?.reason ?? null,
        revision: latest?.revision ?? null,
        writtenAt: latest?.writtenAt ?? null,
        writtenBy: latest?.writtenBy ?? null,
        revisions,
      };
    });
    return { year, sections, missing: sections.filter((s) => s.state === 'MISSING').map((s) => s.key) };
  }

  /** Writes a new revision of one section (its text, or its omission with a reason). */
  async write(
    user: AuthUser,
    year: number,
    key: string,
    input: Record<string, unknown>,
  ): Promise<NarrativeSection> {
    checkYear(year);
    if (!NARRATIVE_KEYS.has(key)) throw new NotFoundError('Narrative section', key);
    const revision = parseInput(input);
    await this.dataSource.transaction(async (manager) => {
      await this.repository.lockSection(manager, year, key);
      const written = await this.repository.add(manager, {
        year,
        key,
        body: 'body' in revision ? revision.body : null,
        omitted: !('body' in revision),
        reason: 'reason' in revision ? revision.reason : null,
        writerId: user.id,
      });
      await this.audit.record(manager, {
        actor: user,
        action: 'report-narrative.write',
        entityType: 'report-narrative',
        entityId: `${year}/${key}`,
        before: null,
        after: { revision: written.revision, omitted: written.omitted, reason: written.reason },
      });
    });
    const narrative = await this.read(year);
    return narrative.sections.find((section) => section.key === key) as NarrativeSection;
  }
}

/** `{body}` or `{omitted: true, reason}`, nothing else (400 naming the field). */
function parseInput(input: Record<string, unknown>): NarrativeInput {
  const problems: ErrorDetail[] = [];
  for (const field of Object.keys(input ?? {}))
    if (!['body', 'omitted', 'reason'].includes(field)) problems.push({ field, message: 'is not allowed' });
  const omitted = input?.omitted;
  if (omitted !== undefined && omitted !== true && omitted !== false)
    problems.push({ field: 'omitted', message: 'must be true or false' });
  if (omitted === true) {
    if (input.body !== undefined)
      problems.push({ field: 'body', message: 'must be left out when the section is omitted' });
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (!reason) problems.push({ field: 'reason', message: 'must say why the section is left out' });
    else if (reason.length > NARRATIVE_REASON_MAX)
      problems.push({ field: 'reason', message: `must be at most ${NARRATIVE_REASON_MAX} characters` });
    if (problems.length)
      throw new ValidationError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    return { omitted: true, reason };
  }
  if (input?.reason !== undefined)
    problems.push({ field: 'reason', message: 'is only for an omitted section' });
  const body = typeof input?.body === 'string' ? input.body.trim() : '';
  if (!body)
    problems.push({ field: 'body', message: 'must not be empty (or set omitted: true with a reason)' });
  else if (body.length > NARRATIVE_BODY_MAX)
    problems.push({ field: 'body', message: `must be at most ${NARRATIVE_BODY_MAX} characters` });
  if (problems.length)
    throw new ValidationError(problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
  return { body };
}

function toRevision(row: NarrativeRevisionRow): NarrativeRevision {
  return {
    revision: row.revision,
    body: row.body,
    omitted: row.omitted,
    reason: row.reason,
    writtenAt: new Date(row.writtenAt).toISOString(),
    writtenBy: { id: row.writerId, name: row.writerName },
  };
}
