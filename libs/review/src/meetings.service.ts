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
  formatMoney,
  NotFoundError,
  Page,
  pageOf,
  RuleViolationError,
} from '@mptf/platform';
import { ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { MeetingRepository, MeetingRow } from './repositories/meeting.repository';
import { ReviewNotices } from './review-notices';

export type { MeetingRow } from './repositories/meeting.repository';

/** Proposals a meeting can put on its agenda: under review, or in the pipeline (to approve later). */
export const AGENDA_STATUSES: readonly ProposalStatus[] = [
  ProposalStatus.UNDER_REVIEW,
  ProposalStatus.PIPELINE,
];

export interface MeetingInput {
  title: string;
  date: string;
  proposalIds: string[];
}

export interface MeetingSummary {
  id: string;
  title: string;
  date: string;
  proposalCount: number;
  decisionCount: number;
  createdAt: string;
}

export interface AgendaItem {
  position: number;
  proposalId: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  thematicAreaCode: number;
  total: string;
  /** The decision recorded on it at this meeting, if any. */
  decision: { id: string; outcome: string; decidedAt: string } | null;
}

export interface MeetingView extends MeetingSummary {
  createdBy: { id: string; name: string };
  agenda: AgendaItem[];
}

/** Steering Committee meetings and their agendas, prepared by the FMU. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MeetingRepository,
    private readonly statuses: ProposalStatusService,
    private readonly audit: AuditService,
    private readonly notices: ReviewNotices,
    private readonly clock: Clock,
  ) {}

  /**
   * A meeting with an agenda of proposals, in the order given. Unknown proposals are a 422 (each
   * named); proposals not under review nor in the pipeline a 409 naming their state.
   */
  async create(user: AuthUser, input: MeetingInput): Promise<MeetingView> {
    if (!can(user, Permission.MEETING_MANAGE)) throw new ForbiddenError('Only the FMU prepares meetings');
    const id = await this.dataSource.transaction(async (manager) => {
      const byId = await this.lockAgendaProposals(manager, input.proposalIds);
      const title = input.title.trim();
      const meetingId = await this.repository.add(manager, {
        title,
        date: input.date,
        createdBy: user.id,
        proposalIds: input.proposalIds,
      });
      await this.audit.record(manager, {
        actor: user,
        action: 'meeting.create',
        entityType: 'sc-meeting',
        entityId: meetingId,
        after: { title, date: input.date, agenda: input.proposalIds.map((p) => byId.get(p)?.reference) },
      });
      await this.notices.agendaSet(manager, { id: meetingId, title, date: input.date }, user);
      return meetingId;
    });
    return this.get(id);
  }

  /**
   * Replaces a meeting's agenda (same rule as at creation), until the meeting has started (its
   * date has come) or has any decision recorded: then 409.
   */
  async setAgenda(user: AuthUser, meetingId: string, proposalIds: string[]): Promise<MeetingView> {
    if (!can(user, Permission.MEETING_MANAGE)) throw new ForbiddenError('Only the FMU prepares meetings');
    await this.dataSource.transaction(async (manager) => {
      const meeting = await this.repository.lockForAgenda(manager, meetingId);
      if (!meeting) throw new NotFoundError('Meeting', meetingId);
      if (meeting.decisionCount > 0)
        throw new ConflictError(
          `The agenda of "${meeting.title}" can no longer change: decisions have been recorded at it`,
          [{ rule: 'MEETING_DECIDED', message: `${meeting.decisionCount} decision(s) recorded` }],
        );
      if (meeting.date <= this.clock.today())
        throw new ConflictError(
          `The agenda of "${meeting.title}" can no longer change: the meeting started on ${meeting.date}`,
          [{ rule: 'MEETING_STARTED', message: `the meeting date ${meeting.date} has come` }],
        );
      const before = await this.repository.agendaIds(manager, meetingId);
      const byId = await this.lockAgendaProposals(manager, proposalIds);
      await this.repository.replaceAgenda(manager, meetingId, proposalIds);
      await this.audit.record(manager, {
        actor: user,
        action: 'meeting.agenda',
        entityType: 'sc-meeting',
        entityId: meetingId,
        before: { agenda: before },
        after: { agenda: proposalIds.map((p) => byId.get(p)?.reference) },
      });
      await this.notices.agendaSet(
        manager,
        { id: meetingId, title: meeting.title, date: meeting.date },
        user,
      );
    });
    return this.get(meetingId);
  }

  /**
   * Locks the proposals (their status stays as checked until the agenda is written) and checks
   * each exists (else 422, each named) and may go on an agenda (else 409 naming its state).
   */
  private async lockAgendaProposals(
    manager: EntityManager,
    proposalIds: string[],
  ): Promise<Map<string, { reference: string; status: ProposalStatus }>> {
    const rows = await this.statuses.lockMany(manager, proposalIds, 'SHARE');
    const byId = new Map(rows.map((row) => [row.id, row]));
    const unknown: ErrorDetail[] = [];
    const wrongState: ErrorDetail[] = [];
    proposalIds.forEach((proposalId, index) => {
      const row = byId.get(proposalId);
      if (!row)
        unknown.push({
          field: `proposalIds[${index}]`,
          rule: 'EXISTS',
          message: `proposal ${proposalId} does not exist`,
        });
      else if (!AGENDA_STATUSES.includes(row.status))
        wrongState.push({
          field: `proposalIds[${index}]`,
          rule: 'LIFECYCLE',
          message: `${row.reference} is ${row.status}; only proposals under review or in the pipeline go on an agenda`,
          proposalId,
          currentState: row.status,
        });
    });
    if (unknown.length) throw new RuleViolationError('The agenda lists unknown proposals', unknown);
    if (wrongState.length)
      throw new ConflictError(
        `Proposals not under review nor in the pipeline: ${wrongState.map((d) => d.message).join('; ')}`,
        wrongState,
      );
    return byId;
  }

  async list(query: { page: number; pageSize: number }): Promise<Page<MeetingSummary>> {
    const total = await this.repository.count(this.dataSource);
    const rows = await this.repository.page(this.dataSource, query);
    return pageOf(
      rows.map((row) => ({
        id: row.id,
        title: row.title,
        date: row.date,
        proposalCount: row.proposalCount,
        decisionCount: row.decisionCount,
        createdAt: new Date(row.createdAt).toISOString(),
      })),
      total,
      query,
    );
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<MeetingView> {
    const meeting = await this.repository.withCreator(manager, id);
    if (!meeting) throw new NotFoundError('Meeting', id);
    const agenda = await this.repository.agenda(manager, id);
    return {
      id: meeting.id,
      title: meeting.title,
      date: meeting.date,
      createdAt: new Date(meeting.createdAt).toISOString(),
      createdBy: { id: meeting.creatorId, name: meeting.creatorName },
      proposalCount: agenda.length,
      decisionCount: agenda.filter((item) => item.decisionId).length,
      agenda: agenda.map((item) => ({
        position: item.position,
        proposalId: item.proposalId,
        reference: item.reference,
        title: item.title,
        status: item.status,
        thematicAreaCode: item.thematicAreaCode,
        total: formatMoney(item.total),
        decision: item.decisionId
          ? {
              id: item.decisionId,
              outcome: item.outcome as string,
              decidedAt: new Date(item.decidedAt as Date).toISOString(),
            }
          : null,
      })),
    };
  }

  /** The meeting row, or null (for decisions and packs in the caller's transaction). */
  find(manager: EntityManager, id: string): Promise<MeetingRow | null> {
    return this.repository.find(manager, id);
  }

  agendaIds(manager: EntityManager, meetingId: string): Promise<string[]> {
    return this.repository.agendaIds(manager, meetingId);
  }
}
