import { Injectable } from '@nestjs/common';
import { formatDate } from '@mptf/common';
import { DonorPosition, DonorPositionService } from '@mptf/finance';
import type { AuthUser } from '@mptf/identity';
import { can, Permission, Role } from '@mptf/identity';
import { Clock, formatUsd, parseMoney } from '@mptf/platform';
import { ProposalQueriesService, ProposalStatus } from '@mptf/proposals';
import { ReportsService, ReportStatus } from '@mptf/reporting';
import { ActualsService, ActualStatus } from '@mptf/results';
import { MeetingsService, MeetingSummary, PipelineService, ReviewQueueService } from '@mptf/review';

export interface TodoItem {
  id: string;
  /** e.g. MIG-2026-0005, or null when the item has no reference. */
  reference: string | null;
  title: string;
  /** A short line under the title: a due date, an amount, a state. */
  detail: string | null;
  /** Where the web app opens it. */
  link: string;
}

export interface TodoSection {
  key: string;
  title: string;
  count: number;
  /** The list that shows all of them. */
  link: string;
  items: TodoItem[];
}

export interface Todo {
  sections: TodoSection[];
  upcomingMeeting: (MeetingSummary & { link: string }) | null;
  donorPosition: DonorPosition | null;
}

const SHOWN = 5;
const page = { page: 1, pageSize: SHOWN };

/** What waits for the signed-in user, per role, for the home page: composed from the libs' services. */
/** A state as people read it: UNDER_REVIEW → "Under review". */
const readable = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

@Injectable()
export class TodoService {
  constructor(
    private readonly proposals: ProposalQueriesService,
    private readonly actuals: ActualsService,
    private readonly reports: ReportsService,
    private readonly reviewQueue: ReviewQueueService,
    private readonly meetings: MeetingsService,
    private readonly pipeline: PipelineService,
    private readonly donors: DonorPositionService,
    private readonly clock: Clock,
  ) {}

  async todo(user: AuthUser): Promise<Todo> {
    const sections: TodoSection[] = [];
    if (can(user, Permission.PROPOSAL_CREATE)) {
      sections.push(
        await this.proposalSection(user, 'drafts', 'Drafts to finish and submit', [ProposalStatus.DRAFT]),
      );
      sections.push(
        await this.proposalSection(user, 'returned', 'Returned for changes', [
          ProposalStatus.RETURNED,
          ProposalStatus.REVISION_REQUESTED,
        ]),
      );
    }
    if (can(user, Permission.ACTUAL_SUBMIT)) {
      sections.push(
        await this.actualSection(user, 'actuals-to-submit', 'Results to report (draft or returned)', [
          ActualStatus.DRAFT,
          ActualStatus.RETURNED,
        ]),
      );
    }
    if (can(user, Permission.PROPOSAL_SCREEN))
      sections.push(
        await this.proposalSection(
          user,
          'to-screen',
          'Proposals to screen',
          [ProposalStatus.SUBMITTED],
          '/screening',
        ),
      );
    if (can(user, Permission.ACTUAL_APPROVE))
      sections.push(
        await this.actualSection(user, 'actuals-to-approve', 'Results to approve', [ActualStatus.SUBMITTED]),
      );
    if (can(user, Permission.REPORT_GENERATE) && !user.roles.includes(Role.DONOR_VIEWER))
      sections.push(await this.failedReports(user));
    if (can(user, Permission.REVIEW_QUEUE)) sections.push(await this.reviewsDue(user));
    if (can(user, Permission.DECISION_RECORD)) {
      sections.push(
        await this.proposalSection(
          user,
          'pending-decisions',
          'Proposals under review awaiting a decision',
          [ProposalStatus.UNDER_REVIEW],
          '/meetings',
        ),
      );
      sections.push(await this.fundableNow());
    }
    const upcomingMeeting = can(user, Permission.MEETING_READ) ? await this.upcomingMeeting() : null;
    const donorPosition =
      user.roles.includes(Role.DONOR_VIEWER) && user.organizationCode
        ? await this.donors.position(user, user.organizationCode)
        : null;
    return { sections, upcomingMeeting, donorPosition };
  }

  private async proposalSection(
    user: AuthUser,
    key: string,
    title: string,
    status: ProposalStatus[],
    link = `/proposals?status=${status[0]}`,
  ): Promise<TodoSection> {
    const result = await this.proposals.list(user, { status, ...page });
    return {
      key,
      title,
      count: result.total,
      link,
      items: result.items.map((p) => ({
        id: p.id,
        reference: p.reference,
        title: p.title,
        detail: readable(p.status),
        link: `/proposals/${p.id}`,
      })),
    };
  }

  private async actualSection(
    user: AuthUser,
    key: string,
    title: string,
    statuses: ActualStatus[],
  ): Promise<TodoSection> {
    const pages = await Promise.all(statuses.map((status) => this.actuals.list(user, { status, ...page })));
    const items = pages.flatMap((p) => p.items).slice(0, SHOWN);
    return {
      key,
      title,
      count: pages.reduce((sum, p) => sum + p.total, 0),
      link: statuses.includes(ActualStatus.SUBMITTED) ? '/actuals' : '/programmes',
      items: items.map((a) => ({
        id: a.id,
        reference: a.programmeReference,
        title: a.indicatorTitle,
        detail: `${formatDate(a.periodStart)} to ${formatDate(a.periodEnd)} · ${readable(a.status)}`,
        link: a.status === ActualStatus.SUBMITTED ? '/actuals' : `/programmes/${a.programmeId}`,
      })),
    };
  }

  private async failedReports(user: AuthUser): Promise<TodoSection> {
    const result = await this.reports.list(user, { status: ReportStatus.FAILED, ...page });
    return {
      key: 'reports-failed',
      title: 'Report runs that failed',
      count: result.total,
      link: '/reports',
      items: result.items.map((r) => ({
        id: r.id,
        reference: null,
        title: r.type,
        detail: r.error ?? null,
        link: '/reports',
      })),
    };
  }

  private async reviewsDue(user: AuthUser): Promise<TodoSection> {
    const queue = await this.reviewQueue.queue(user);
    return {
      key: 'reviews-due',
      title: 'Reviews due',
      count: queue.length,
      link: '/review',
      items: queue.slice(0, SHOWN).map((q) => ({
        id: q.proposalId,
        reference: q.reference,
        title: q.title,
        detail: q.reviewDueDate ? `due ${formatDate(q.reviewDueDate)}${q.overdue ? ' (overdue)' : ''}` : null,
        link: `/proposals/${q.proposalId}/review`,
      })),
    };
  }

  /** Pipeline programmes that fit in what is available (the one definition, GET /pipeline's). */
  private async fundableNow(): Promise<TodoSection> {
    const fundable = (await this.pipeline.list()).filter((item) => item.fitsAvailableFunds);
    return {
      key: 'fundable-now',
      title: 'Pipeline programmes fundable now',
      count: fundable.length,
      link: '/pipeline',
      items: fundable.slice(0, SHOWN).map((item) => ({
        id: item.proposalId,
        reference: item.reference,
        title: item.title,
        detail: `${formatUsd(item.total ? parseMoney(item.total) : 0n)} · rank ${item.rank}`,
        link: `/proposals/${item.proposalId}`,
      })),
    };
  }

  private async upcomingMeeting(): Promise<(MeetingSummary & { link: string }) | null> {
    const today = this.clock.today();
    const { items } = await this.meetings.list({ page: 1, pageSize: 50 });
    const next = items.filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date))[0];
    return next ? { ...next, link: `/meetings/${next.id}` } : null;
  }
}
