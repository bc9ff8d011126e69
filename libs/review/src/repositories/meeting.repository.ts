import { Injectable } from '@nestjs/common';
import { offsetOf, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';

export interface MeetingRow {
  id: string;
  title: string;
  date: string;
}

/** A meeting with the moment its agenda was last set: what its decision pack is composed as of. */
export interface MeetingAsOfRow extends MeetingRow {
  agendaSetAt: Date;
}

export interface MeetingListRow extends MeetingRow {
  createdAt: Date;
  proposalCount: number;
  decisionCount: number;
}

export interface AgendaRow {
  position: number;
  proposalId: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  thematicAreaCode: number;
  total: string;
  decisionId: string | null;
  outcome: string | null;
  decidedAt: Date | null;
}

/** Steering Committee meetings and their agendas (sc_meetings, sc_meeting_agenda). */
@Injectable()
export class MeetingRepository {
  /** A meeting and its agenda, in the order given, in one statement; returns its id. */
  async add(
    db: SqlRunner,
    meeting: { title: string; date: string; createdBy: string; proposalIds: string[] },
  ): Promise<string> {
    const [row] = await sqlRows<{ id: string }>(
      db,
      `WITH meeting AS (
         INSERT INTO sc_meetings (title, meeting_date, created_by) VALUES ($1, $2, $3) RETURNING id
       ), agenda AS (
         INSERT INTO sc_meeting_agenda (meeting_id, proposal_id, position)
         SELECT meeting.id, t.id, t.n FROM meeting, unnest($4::uuid[]) WITH ORDINALITY AS t(id, n)
       )
       SELECT id FROM meeting`,
      [meeting.title, meeting.date, meeting.createdBy, meeting.proposalIds],
    );
    return row.id;
  }

  async count(db: SqlRunner): Promise<number> {
    const [{ total }] = await sqlRows<{ total: number }>(
      db,
      'SELECT count(*)::int AS total FROM sc_meetings',
    );
    return total;
  }

  /** One page of meetings, newest first, with how many proposals and decisions each has. */
  page(db: SqlRunner, query: { page: number; pageSize: number }): Promise<MeetingListRow[]> {
    return sqlRows<MeetingListRow>(
      db,
      `SELECT m.id, m.title, to_char(m.meeting_date, 'YYYY-MM-DD') AS date, m.created_at AS "createdAt",
              (SELECT count(*)::int FROM sc_meeting_agenda a WHERE a.meeting_id = m.id) AS "proposalCount",
              (SELECT count(*)::int FROM sc_decisions d WHERE d.meeting_id = m.id) AS "decisionCount"
         FROM sc_meetings m ORDER BY m.meeting_date DESC, m.created_at DESC LIMIT $1 OFFSET $2`,
      [query.pageSize, offsetOf(query)],
    );
  }

  /** The meeting row, or null. */
  find(db: SqlRunner, id: string): Promise<MeetingRow | null> {
    return sqlRow<MeetingRow>(
      db,
      `SELECT id, title, to_char(meeting_date, 'YYYY-MM-DD') AS date FROM sc_meetings WHERE id = $1`,
      [id],
    );
  }

  /** The meeting with `agenda_set_at` (set at creation; moved whenever the agenda is set again), or null. */
  findAsOf(db: SqlRunner, id: string): Promise<MeetingAsOfRow | null> {
    return sqlRow<MeetingAsOfRow>(
      db,
      `SELECT id, title, to_char(meeting_date, 'YYYY-MM-DD') AS date, agenda_set_at AS "agendaSetAt"
         FROM sc_meetings WHERE id = $1`,
      [id],
    );
  }

  /** The meeting with when and by whom it was created, or null. */
  withCreator(
    db: SqlRunner,
    id: string,
  ): Promise<(MeetingRow & { createdAt: Date; creatorId: string; creatorName: string }) | null> {
    return sqlRow(
      db,
      `SELECT m.id, m.title, to_char(m.meeting_date, 'YYYY-MM-DD') AS date, m.created_at AS "createdAt",
              u.id AS "creatorId", u.name AS "creatorName"
         FROM sc_meetings m JOIN identity_users_v u ON u.id = m.created_by WHERE m.id = $1`,
      [id],
    );
  }

  /** The agenda in order, each proposal with the latest decision recorded on it at this meeting. */
  agenda(db: SqlRunner, meetingId: string): Promise<AgendaRow[]> {
    return sqlRows<AgendaRow>(
      db,
      `SELECT a.position, p.id AS "proposalId", p.reference, p.title, p.status, p.thematic_area_code AS "thematicAreaCode",
              p.requested_total::text AS total, d.id AS "decisionId", d.outcome, d.decided_at AS "decidedAt"
         FROM sc_meeting_agenda a
         JOIN proposals_summary_v p ON p.id = a.proposal_id
         LEFT JOIN LATERAL (SELECT id, outcome, decided_at FROM sc_decisions
                             WHERE meeting_id = a.meeting_id AND proposal_id = a.proposal_id
                             ORDER BY decided_at DESC LIMIT 1) d ON true
        WHERE a.meeting_id = $1 ORDER BY a.position`,
      [meetingId],
    );
  }

  async agendaIds(db: SqlRunner, meetingId: string): Promise<string[]> {
    const rows = await sqlRows<{ proposal_id: string }>(
      db,
      'SELECT proposal_id FROM sc_meeting_agenda WHERE meeting_id = $1 ORDER BY position',
      [meetingId],
    );
    return rows.map((row) => row.proposal_id);
  }

  /**
   * The meeting row locked against concurrent decisions and agenda edits (a decision's insert
   * takes a key-share lock on it), with how many decisions it has; null when unknown.
   */
  lockForAgenda(db: SqlRunner, id: string): Promise<(MeetingRow & { decisionCount: number }) | null> {
    return sqlRow(
      db,
      `SELECT m.id, m.title, to_char(m.meeting_date, 'YYYY-MM-DD') AS date,
              (SELECT count(*)::int FROM sc_decisions d WHERE d.meeting_id = m.id) AS "decisionCount"
         FROM sc_meetings m WHERE m.id = $1 FOR UPDATE OF m`,
      [id],
    );
  }

  /** Replaces the agenda with these proposals, in this order, and moves `agenda_set_at` to now. */
  async replaceAgenda(db: SqlRunner, meetingId: string, proposalIds: string[]): Promise<void> {
    await sqlRows(db, 'DELETE FROM sc_meeting_agenda WHERE meeting_id = $1', [meetingId]);
    await sqlRows(db, 'UPDATE sc_meetings SET agenda_set_at = now() WHERE id = $1', [meetingId]);
    await sqlRows(
      db,
      `INSERT INTO sc_meeting_agenda (meeting_id, proposal_id, position)
       SELECT $1, t.id, t.n FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [meetingId, proposalIds],
    );
  }
}
