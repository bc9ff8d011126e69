import { Injectable } from '@nestjs/common';
import { ErrorDetail, SqlRunner, sqlRow, sqlRows } from '@mptf/platform';
import { ProgrammeVersion } from './programme-version';
import { RevisionKind, RevisionRequest, RevisionRoute, RevisionStatus } from './revision-rules';

export interface RevisionRow {
  id: string;
  programmeId: string;
  reference: string;
  number: number;
  kind: RevisionKind;
  status: RevisionStatus;
  route: RevisionRoute;
  routeReasons: ErrorDetail[];
  justification: string;
  proposed: Omit<RevisionRequest, 'kind' | 'justification'>;
  beforeVersion: ProgrammeVersion;
  afterVersion: ProgrammeVersion;
  additionalAllocations: { orgCode: string; amount: string }[];
  requestedBy: { id: string; name: string };
  requestedAt: string;
  meetingId: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAs: 'FUND_UNIT' | 'CHAIR' | 'ACTING_CHAIR' | null;
  decidedOn: string | null;
  decisionComment: string | null;
}

const SELECT = `
  SELECT r.id, r.proposal_id AS "programmeId", ps.reference, r.number, r.kind, r.status, r.route,
         r.route_reasons AS "routeReasons", r.justification, r.proposed, r.before_version AS "beforeVersion",
         r.after_version AS "afterVersion", r.additional_allocations AS "additionalAllocations",
         json_build_object('id', ru.id, 'name', ru.name) AS "requestedBy", r.requested_at AS "requestedAt",
         r.meeting_id AS "meetingId",
         CASE WHEN du.id IS NULL THEN NULL ELSE json_build_object('id', du.id, 'name', du.name) END AS "decidedBy",
         r.decided_as AS "decidedAs", to_char(r.decided_on, 'YYYY-MM-DD') AS "decidedOn", r.decision_comment AS "decisionComment"
    FROM programme_revisions r
    JOIN proposals_summary_v ps ON ps.id = r.proposal_id
    JOIN identity_users_v ru ON ru.id = r.requested_by
    LEFT JOIN identity_users_v du ON du.id = r.decided_by`;

function withIsoTime(row: RevisionRow): RevisionRow {
  return { ...row, requestedAt: new Date(row.requestedAt).toISOString() };
}

@Injectable()
export class RevisionsRepository {
  async insert(
    db: SqlRunner,
    input: {
      programmeId: string;
      kind: RevisionKind;
      route: RevisionRoute;
      routeReasons: ErrorDetail[];
      justification: string;
      proposed: object;
      before: ProgrammeVersion;
      after: ProgrammeVersion;
      additionalAllocations: { orgCode: string; amount: string }[];
      requestedBy: string;
    },
  ): Promise<string> {
    const row = await sqlRow<{ id: string }>(
      db,
      `INSERT INTO programme_revisions (proposal_id, number, kind, status, route, route_reasons, justification, proposed,
                                        before_version, after_version, additional_allocations, requested_by)
       VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM programme_revisions WHERE proposal_id = $1), $2, 'SUBMITTED',
               $3, $4, $5, $6, $7, $8, $9, $10)
       RETURNING id`,
      [
        input.programmeId,
        input.kind,
        input.route,
        JSON.stringify(input.routeReasons),
        input.justification,
        JSON.stringify(input.proposed),
        JSON.stringify(input.before),
        JSON.stringify(input.after),
        JSON.stringify(input.additionalAllocations),
        input.requestedBy,
      ],
    );
    return row!.id;
  }

  find(db: SqlRunner, id: string): Promise<RevisionRow | null> {
    return sqlRow<RevisionRow, RevisionRow>(db, `${SELECT} WHERE r.id = $1`, [id], withIsoTime);
  }

  /** Locks the revision row for the rest of the transaction. */
  async lock(db: SqlRunner, id: string): Promise<{ programmeId: string; status: RevisionStatus } | null> {
    return sqlRow(
      db,
      `SELECT proposal_id AS "programmeId", status FROM programme_revisions WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  ofProgramme(db: SqlRunner, programmeId: string): Promise<RevisionRow[]> {
    return sqlRows<RevisionRow, RevisionRow>(
      db,
      `${SELECT} WHERE r.proposal_id = $1 ORDER BY r.number`,
      [programmeId],
      withIsoTime,
    );
  }

  /** Revisions waiting for a decision, oldest first (visible to the caller's scope). */
  pending(
    db: SqlRunner,
    route: RevisionRoute | null,
    scopeOrganizationId: string | null | undefined,
  ): Promise<RevisionRow[]> {
    const params: unknown[] = [];
    const where = [`r.status = 'SUBMITTED'`];
    if (route) {
      params.push(route);
      where.push(`r.route = $${params.length}`);
    }
    if (scopeOrganizationId !== undefined) {
      params.push(scopeOrganizationId);
      where.push(
        `EXISTS (SELECT 1 FROM proposals_participants_v pp WHERE pp.proposal_id = r.proposal_id AND pp.organization_id = $${params.length})`,
      );
    }
    return sqlRows<RevisionRow, RevisionRow>(
      db,
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.requested_at`,
      params,
      withIsoTime,
    );
  }

  /** The approved versions of a programme in the order they came into force. */
  approved(db: SqlRunner, programmeId: string): Promise<RevisionRow[]> {
    return sqlRows<RevisionRow, RevisionRow>(
      db,
      `${SELECT} WHERE r.proposal_id = $1 AND r.status = 'APPROVED' ORDER BY r.decided_on, r.number`,
      [programmeId],
      withIsoTime,
    );
  }

  async fundUnitApprovalsInYear(db: SqlRunner, programmeId: string, year: number): Promise<number> {
    const row = await sqlRow<{ n: string }>(
      db,
      `SELECT count(*) AS n FROM programme_revisions
        WHERE proposal_id = $1 AND status = 'APPROVED' AND decided_as = 'FUND_UNIT' AND extract(year FROM decided_on) = $2`,
      [programmeId, year],
    );
    return Number(row?.n ?? 0);
  }

  async setMeeting(db: SqlRunner, id: string, meetingId: string): Promise<void> {
    await db.query(`UPDATE programme_revisions SET meeting_id = $2 WHERE id = $1`, [id, meetingId]);
  }

  async decide(
    db: SqlRunner,
    id: string,
    decision: {
      status: RevisionStatus;
      decidedBy: string;
      decidedAs: 'FUND_UNIT' | 'CHAIR' | 'ACTING_CHAIR';
      decidedOn: string;
      comment: string;
      meetingId?: string | null;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE programme_revisions SET status = $2, decided_by = $3, decided_as = $4, decided_on = $5,
              decision_comment = $6, meeting_id = coalesce($7, meeting_id)
        WHERE id = $1 AND status = 'SUBMITTED'`,
      [
        id,
        decision.status,
        decision.decidedBy,
        decision.decidedAs,
        decision.decidedOn,
        decision.comment,
        decision.meetingId ?? null,
      ],
    );
  }
}
