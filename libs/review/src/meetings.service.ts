import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';
import {
  ConflictError,
  ErrorDetail,
  ForbiddenError,
  formatMoney,
  NotFoundError,
  offsetOf,
  Page,
  pageOf,
  RuleViolationError,
} from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { PROPOSAL_TOTAL_SQL } from './review-records';

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

export interface MeetingRow {
  id: string;
  title: string;
  date: string;
}

/** Steering Committee meetings and their agendas, prepared by the FMU. */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * A meeting with an agenda of proposals, in the order given. Unknown proposals are a 422 (each
   * named); proposals not under review nor in the pipeline a 409 naming their state.
   */
  async create(user: AuthUser, input: MeetingInput): Promise<MeetingView> {
    if (!hasRole(user, Role.FMU_OFFICER)) throw new ForbiddenError('Only the FMU prepares meetings');
    const id = await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        'SELECT id, reference, status FROM proposals WHERE id = ANY($1::uuid[]) FOR SHARE',
        [input.proposalIds],
      )) as { id: string; reference: string; status: ProposalStatus }[];
      const byId = new Map(rows.map((row) => [row.id, row]));
      const unknown: ErrorDetail[] = [];
      const wrongState: ErrorDetail[] = [];
      input.proposalIds.forEach((proposalId, index) => {
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
      const [meeting] = (await manager.query(
        `INSERT INTO sc_meetings (title, meeting_date, created_by) VALUES ($1, $2, $3) RETURNING id`,
        [input.title.trim(), input.date, user.id],
      )) as { id: string }[];
      await manager.query(
        `INSERT INTO sc_meeting_agenda (meeting_id, proposal_id, position)
         SELECT $1, t.id, t.n FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)`,
        [meeting.id, input.proposalIds],
      );
      await this.audit.record(manager, {
        actor: user,
        action: 'meeting.create',
        entityType: 'sc-meeting',
        entityId: meeting.id,
        after: {
          title: input.title.trim(),
          date: input.date,
          agenda: input.proposalIds.map((p) => byId.get(p)?.reference),
        },
      });
      return meeting.id;
    });
    return this.get(id);
  }

  async list(query: { page: number; pageSize: number }): Promise<Page<MeetingSummary>> {
    const [{ total }] = (await this.dataSource.query('SELECT count(*)::int AS total FROM sc_meetings')) as {
      total: number;
    }[];
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.title, to_char(m.meeting_date, 'YYYY-MM-DD') AS date, m.created_at,
              (SELECT count(*)::int FROM sc_meeting_agenda a WHERE a.meeting_id = m.id) AS proposal_count,
              (SELECT count(*)::int FROM sc_decisions d WHERE d.meeting_id = m.id) AS decision_count
         FROM sc_meetings m ORDER BY m.meeting_date DESC, m.created_at DESC LIMIT $1 OFFSET $2`,
      [query.pageSize, offsetOf(query)],
    )) as {
      id: string;
      title: string;
      date: string;
      created_at: Date;
      proposal_count: number;
      decision_count: number;
    }[];
    return pageOf(
      rows.map((row) => ({
        id: row.id,
        title: row.title,
        date: row.date,
        proposalCount: row.proposal_count,
        decisionCount: row.decision_count,
        createdAt: new Date(row.created_at).toISOString(),
      })),
      total,
      query,
    );
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<MeetingView> {
    const [meeting] = (await manager.query(
      `SELECT m.id, m.title, to_char(m.meeting_date, 'YYYY-MM-DD') AS date, m.created_at, u.id AS user_id, u.name
         FROM sc_meetings m JOIN users u ON u.id = m.created_by WHERE m.id = $1`,
      [id],
    )) as { id: string; title: string; date: string; created_at: Date; user_id: string; name: string }[];
    if (!meeting) throw new NotFoundError('Meeting', id);
    const agenda = (await manager.query(
      `SELECT a.position, p.id, p.reference, p.title, p.status, p.thematic_area_code, ${PROPOSAL_TOTAL_SQL}::text AS total,
              d.id AS decision_id, d.outcome, d.decided_at
         FROM sc_meeting_agenda a
         JOIN proposals p ON p.id = a.proposal_id
         LEFT JOIN LATERAL (SELECT id, outcome, decided_at FROM sc_decisions
                             WHERE meeting_id = a.meeting_id AND proposal_id = a.proposal_id
                             ORDER BY decided_at DESC LIMIT 1) d ON true
        WHERE a.meeting_id = $1 ORDER BY a.position`,
      [id],
    )) as {
      position: number;
      id: string;
      reference: string;
      title: string;
      status: ProposalStatus;
      thematic_area_code: number;
      total: string;
      decision_id: string | null;
      outcome: string | null;
      decided_at: Date | null;
    }[];
    return {
      id: meeting.id,
      title: meeting.title,
      date: meeting.date,
      createdAt: new Date(meeting.created_at).toISOString(),
      createdBy: { id: meeting.user_id, name: meeting.name },
      proposalCount: agenda.length,
      decisionCount: agenda.filter((item) => item.decision_id).length,
      agenda: agenda.map((item) => ({
        position: item.position,
        proposalId: item.id,
        reference: item.reference,
        title: item.title,
        status: item.status,
        thematicAreaCode: item.thematic_area_code,
        total: formatMoney(item.total),
        decision: item.decision_id
          ? {
              id: item.decision_id,
              outcome: item.outcome as string,
              decidedAt: new Date(item.decided_at as Date).toISOString(),
            }
          : null,
      })),
    };
  }

  /** The meeting row, or null (for decisions and packs in the caller's transaction). */
  async find(manager: EntityManager, id: string): Promise<MeetingRow | null> {
    const [row] = (await manager.query(
      `SELECT id, title, to_char(meeting_date, 'YYYY-MM-DD') AS date FROM sc_meetings WHERE id = $1`,
      [id],
    )) as MeetingRow[];
    return row ?? null;
  }

  async agendaIds(manager: EntityManager, meetingId: string): Promise<string[]> {
    const rows = (await manager.query(
      'SELECT proposal_id FROM sc_meeting_agenda WHERE meeting_id = $1 ORDER BY position',
      [meetingId],
    )) as { proposal_id: string }[];
    return rows.map((row) => row.proposal_id);
  }
}
