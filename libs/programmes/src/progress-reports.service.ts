import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import {
  Clock,
  ConflictError,
  ErrorDetail,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  RuleViolationError,
  ValidationError,
} from '@mptf/platform';
import { ActualsService, ActualView } from '@mptf/results';
import { DataSource, EntityManager } from 'typeorm';
import { NARRATIVE_KINDS } from './obligation-schedule';
import { ObligationsRepository } from './obligations.repository';
import { ObligationsService } from './obligations.service';
import { ProgrammeFacts } from './programme-facts.repository';
import { ProgrammeNotices } from './programme-notices';
import { ProgrammeVersionsService } from './programme-versions.service';
import { convenes, mayWriteSection } from './programmes-access';
import {
  ProgressReportRow,
  ProgressReportsRepository,
  ProgressReportStatus,
  SectionRow,
  SectionText,
} from './progress-reports.repository';

export interface SectionInput extends Partial<SectionText> {
  resultKey: string;
  /** The contributing PUNO; defaults to the writer's agency. */
  orgCode?: string;
}

export interface LinkedActual {
  id: string;
  indicatorKey: string;
  indicatorTitle: string;
  periodStart: string;
  periodEnd: string;
  value: string | null;
  status: string;
}

export interface ProgressReportView extends ProgressReportRow {
  convenerCode: string;
  /** The outcomes the report has a section for (from the version in force at the period's end). */
  outcomes: { key: string; title: string }[];
  versionInForce: number;
  sections: Omit<SectionRow, 'organizationId' | 'updatedBy'>[];
  actuals: LinkedActual[];
  versions: Awaited<ReturnType<ProgressReportsRepository['versions']>>;
}

const WRITABLE = [ProgressReportStatus.DRAFT, ProgressReportStatus.RETURNED];

/**
 * Narrative progress reports (MPTF Office practice): written by the convening agency with the
 * PUNOs' sections per outcome, linked to the actuals of their period, submitted, and accepted or
 * returned with comments by the fund unit. Every submission is kept as a numbered version.
 */
@Injectable()
export class ProgressReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ProgressReportsRepository,
    private readonly obligations: ObligationsRepository,
    private readonly calendar: ObligationsService,
    private readonly versions: ProgrammeVersionsService,
    private readonly actuals: ActualsService,
    private readonly audit: AuditService,
    private readonly notices: ProgrammeNotices,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, programmeId: string, obligationId: string): Promise<ProgressReportView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const facts = await this.calendar.visibleProgramme(user, programmeId, manager);
      this.assertConvener(user, facts);
      const obligation = await this.obligations.find(manager, obligationId);
      if (!obligation || obligation.programmeId !== programmeId || obligation.cancelled)
        throw new RuleViolationError('Unknown obligation', [
          {
            field: 'obligationId',
            rule: 'EXISTS',
            message: `no reporting obligation ${obligationId} of this programme`,
          },
        ]);
      if (!NARRATIVE_KINDS.includes(obligation.kind))
        throw new RuleViolationError('Not a narrative obligation', [
          {
            field: 'obligationId',
            rule: 'NARRATIVE',
            message: `${obligation.kind} is met by the PUNO's expenditure report, not a progress report`,
          },
        ]);
      const reportId = await this.reports.insert(manager, { programmeId, obligationId, createdBy: user.id });
      if (!reportId)
        throw new ConflictError('This obligation already has a progress report', [
          { field: 'obligationId', rule: 'UNIQUE', message: 'already has a progress report' },
        ]);
      await this.audit.record(manager, {
        actor: user,
        action: 'progress-report.create',
        entityType: 'progress_report',
        entityId: reportId,
        before: null,
        after: { programmeId, obligationId, kind: obligation.kind },
      });
      return reportId;
    });
    return this.get(user, id);
  }

  async list(user: AuthUser, programmeId: string): Promise<ProgressReportRow[]> {
    await this.calendar.visibleProgramme(user, programmeId);
    return this.reports.ofProgramme(this.dataSource.manager, programmeId);
  }

  async get(user: AuthUser, reportId: string): Promise<ProgressReportView> {
    const manager = this.dataSource.manager;
    const report = await this.reports.find(manager, reportId);
    if (!report) throw new NotFoundError('Progress report', reportId);
    const facts = await this.calendar.visibleProgramme(user, report.programmeId, manager);
    const inForce = await this.versions.inForceAt(manager, facts, report.periodEnd);
    return {
      ...report,
      convenerCode: facts.convenerCode,
      outcomes: inForce.content.results
        .filter((r) => r.type === 'OUTCOME')
        .map((r) => ({ key: r.key, title: r.title })),
      versionInForce: inForce.version,
      sections: (await this.reports.sections(manager, reportId)).map(
        ({ organizationId: _o, updatedBy: _u, ...section }) => section,
      ),
      actuals: await this.linkedActuals(user, report),
      versions: await this.reports.versions(manager, reportId),
    };
  }

  /** Writes sections (one per outcome and contributing PUNO) while the report is a draft or returned. */
  async writeSections(
    user: AuthUser,
    reportId: string,
    sections: SectionInput[],
  ): Promise<ProgressReportView> {
    await this.dataSource.transaction(async (manager) => {
      const { report, facts } = await this.locked(manager, user, reportId);
      if (!WRITABLE.includes(report.status))
        throw new InvalidStateError('progress report', report.status, 'edit');
      const outcomes = await this.outcomeKeys(manager, facts, report.periodEnd);
      const problems: ErrorDetail[] = [];
      const resolved = sections.map((section, index) => {
        const orgCode = section.orgCode ?? user.organizationCode ?? '';
        const puno = facts.punos.find((p) => p.code === orgCode);
        if (!outcomes.includes(section.resultKey))
          problems.push({
            field: `sections[${index}].resultKey`,
            rule: 'OUTCOME',
            message: `${section.resultKey} is not an outcome of the programme's results matrix`,
          });
        if (!puno)
          problems.push({
            field: `sections[${index}].orgCode`,
            rule: 'PUNO',
            message: `${orgCode || 'your agency'} is not a PUNO of the programme`,
          });
        else if (!mayWriteSection(user, facts, puno.id))
          throw new ForbiddenError(
            `Only ${orgCode}'s focal points or the convening agency write ${orgCode}'s sections`,
            [
              {
                field: `sections[${index}].orgCode`,
                rule: 'OWN_AGENCY',
                message: "another agency's section",
              },
            ],
          );
        return { section, organizationId: puno?.id ?? '' };
      });
      if (problems.length) throw new RuleViolationError('The sections do not fit the programme', problems);
      for (const { section, organizationId } of resolved)
        await this.reports.upsertSection(manager, {
          reportId,
          resultKey: section.resultKey,
          organizationId,
          progress: section.progress ?? '',
          challenges: section.challenges ?? '',
          adjustments: section.adjustments ?? '',
          genderHumanRights: section.genderHumanRights ?? '',
          story: section.story ?? '',
          updatedBy: user.id,
        });
      await this.audit.record(manager, {
        actor: user,
        action: 'progress-report.sections',
        entityType: 'progress_report',
        entityId: reportId,
        before: null,
        after: { sections },
      });
    });
    return this.get(user, reportId);
  }

  /** The convener submits: every outcome needs a section with progress written (422 naming each). */
  async submit(user: AuthUser, reportId: string): Promise<ProgressReportView> {
    await this.dataSource.transaction(async (manager) => {
      const { report, facts } = await this.locked(manager, user, reportId);
      this.assertConvener(user, facts);
      if (!WRITABLE.includes(report.status))
        throw new InvalidStateError('progress report', report.status, 'submit');
      const sections = await this.reports.sections(manager, reportId);
      const outcomes = await this.outcomeKeys(manager, facts, report.periodEnd);
      const missing = outcomes.filter(
        (key) => !sections.some((s) => s.resultKey === key && s.progress.trim()),
      );
      if (missing.length)
        throw new RuleViolationError(
          'Every outcome needs its progress written',
          missing.map((key) => ({
            field: `sections[${key}].progress`,
            rule: 'REQUIRED',
            message: `outcome ${key} has no progress written`,
          })),
        );
      const actuals = await this.linkedActuals(user, report);
      const version = report.version + 1;
      const content = {
        sections: sections.map(({ organizationId: _o, updatedBy: _u, updatedAt: _a, ...section }) => section),
        actualIds: actuals.map((a) => a.id),
        versionInForce: (await this.versions.inForceAt(manager, facts, report.periodEnd)).version,
      };
      await this.reports.submit(manager, reportId, version, content, user.id, this.clock.today());
      await this.audit.record(manager, {
        actor: user,
        action: 'progress-report.submit',
        entityType: 'progress_report',
        entityId: reportId,
        before: { status: report.status },
        after: { status: ProgressReportStatus.SUBMITTED, version },
      });
      await this.notices.reportSubmitted(manager, report, user);
    });
    return this.get(user, reportId);
  }

  /** The fund unit accepts, or returns with comments (required), the submitted version. */
  async review(
    user: AuthUser,
    reportId: string,
    outcome: 'ACCEPT' | 'RETURN',
    comment?: string | null,
  ): Promise<ProgressReportView> {
    if (!can(user, Permission.PROGRESS_REPORT_REVIEW))
      throw new ForbiddenError('Only the fund unit reviews progress reports');
    const text = comment?.trim() || null;
    if (outcome === 'RETURN' && !text)
      throw ValidationError.field('comment', 'is required to return a report');
    await this.dataSource.transaction(async (manager) => {
      const { report, facts } = await this.locked(manager, user, reportId);
      if (report.status !== ProgressReportStatus.SUBMITTED)
        throw new InvalidStateError('progress report', report.status, 'review');
      const status = outcome === 'ACCEPT' ? ProgressReportStatus.ACCEPTED : ProgressReportStatus.RETURNED;
      await this.reports.review(manager, reportId, report.version, {
        outcome: status as 'ACCEPTED' | 'RETURNED',
        comment: text,
        by: user.id,
        today: this.clock.today(),
      });
      await this.audit.record(manager, {
        actor: user,
        action: `progress-report.${outcome.toLowerCase()}`,
        entityType: 'progress_report',
        entityId: reportId,
        before: { status: report.status },
        after: { status, version: report.version, comment: text },
      });
      if (status === ProgressReportStatus.RETURNED)
        await this.notices.reportReturned(manager, report, facts, user);
    });
    return this.get(user, reportId);
  }

  /** Accepted reports with their accepted version's content, for the reporting lib (in its snapshot). */
  accepted(manager: EntityManager, filter: { programmeId?: string; year?: number }) {
    return this.reports.accepted(manager, filter);
  }

  private async locked(
    manager: EntityManager,
    user: AuthUser,
    reportId: string,
  ): Promise<{ report: ProgressReportRow; facts: ProgrammeFacts }> {
    const report = await this.reports.find(manager, reportId, true);
    if (!report) throw new NotFoundError('Progress report', reportId);
    const facts = await this.calendar.visibleProgramme(user, report.programmeId, manager);
    return { report, facts };
  }

  private assertConvener(user: AuthUser, facts: ProgrammeFacts): void {
    if (!can(user, Permission.PROGRESS_REPORT_WRITE) || !convenes(user, facts))
      throw new ForbiddenError(
        `Only the convening agency (${facts.convenerCode}) creates and submits the progress report`,
        [{ rule: 'CONVENER', message: `your agency does not convene ${facts.reference}` }],
      );
  }

  private async outcomeKeys(manager: EntityManager, facts: ProgrammeFacts, date: string): Promise<string[]> {
    const inForce = await this.versions.inForceAt(manager, facts, date);
    return inForce.content.results.filter((r) => r.type === 'OUTCOME').map((r) => r.key);
  }

  /** The programme's actuals whose period overlaps the report's, as the reader may see them. */
  private async linkedActuals(user: AuthUser, report: ProgressReportRow): Promise<LinkedActual[]> {
    const found: ActualView[] = [];
    for (let page = 1; ; page++) {
      const batch = await this.actuals.list(user, { programmeId: report.programmeId, page, pageSize: 200 });
      found.push(...batch.items);
      if (batch.items.length < 200) break;
    }
    return found
      .filter((a) => a.periodStart <= report.periodEnd && a.periodEnd >= report.periodStart)
      .map((a) => ({
        id: a.id,
        indicatorKey: a.indicatorKey,
        indicatorTitle: a.indicatorTitle,
        periodStart: a.periodStart,
        periodEnd: a.periodEnd,
        value: a.value,
        status: a.status,
      }));
  }
}
