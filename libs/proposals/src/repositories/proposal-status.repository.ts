import { Injectable } from '@nestjs/common';
import type { AuditWrite } from '@mptf/audit';
import { BindParam, positionalParams, sqlRow, sqlRows, SqlRunner } from '@mptf/platform';
import { ProposalStatus } from '../lifecycle';

/**
 * A write of the caller's that belongs to a status change (e.g. submit's revision), put into the
 * change's statement as a data-modifying CTE named `alongside`: `cte` is its body, `result` an
 * SQL expression (over `alongside` and the tables) selected as one value with the change.
 */
export type StatusChangeWrite = (param: BindParam) => { cte: string; result: string };

export interface LockedProposal {
  id: string;
  reference: string;
  status: ProposalStatus;
}

/** The proposal's status and its timeline (proposal_status_changes): locks and changes. */
@Injectable()
export class ProposalStatusRepository {
  /** Locks the proposal row for the rest of the transaction; null when it does not exist. */
  async lock(db: SqlRunner, proposalId: string): Promise<ProposalStatus | null> {
    const row = await sqlRow<{ status: ProposalStatus }>(
      db,
      'SELECT status FROM proposals WHERE id = $1 FOR UPDATE',
      [proposalId],
    );
    return row?.status ?? null;
  }

  /**
   * Locks several proposals in one order (by id, so two callers cannot deadlock): FOR UPDATE to
   * change them, FOR SHARE to keep them as they are while the transaction refers to them.
   */
  lockMany(
    db: SqlRunner,
    proposalIds: readonly string[],
    mode: 'UPDATE' | 'SHARE',
  ): Promise<LockedProposal[]> {
    return sqlRows<LockedProposal>(
      db,
      `SELECT id, reference, status FROM proposals WHERE id = ANY($1::uuid[]) ORDER BY id
         ${mode === 'UPDATE' ? 'FOR UPDATE' : 'FOR SHARE'}`,
      [proposalIds],
    );
  }

  /**
   * The new status, extra `columns` (snake_case names checked by the caller, values as
   * parameters), the timeline entry and the audit event in one statement; the proposal's new
   * `updated_at`, or null when it does not exist (then nothing is written, the event neither).
   * `alongside`: the caller's write in the same statement, its `result` returned as `written`.
   */
  async change(
    db: SqlRunner,
    change: {
      proposalId: string;
      from: ProposalStatus;
      to: ProposalStatus;
      actorId: string | null;
      comment: string | null;
      columns: [string, unknown][];
    },
    audit: AuditWrite,
    alongside?: StatusChangeWrite,
  ): Promise<{ at: Date; written: unknown } | null> {
    const params: unknown[] = [change.proposalId, change.from, change.to, change.actorId, change.comment];
    const param = positionalParams(params);
    const assignments = change.columns.map(([name, value]) => `, ${name} = ${param(value)}`).join('');
    const extra = alongside?.(param);
    const row = await sqlRow<{ updated_at: Date; written: unknown }>(
      db,
      `WITH changed AS (
         UPDATE proposals SET status = $3, updated_at = now()${assignments} WHERE id = $1 RETURNING id, updated_at
       ), audited AS (
         ${audit.sql(param, 'changed')}
       )${extra ? `, alongside AS (${extra.cte})` : ''}
       INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id, comment)
       SELECT id, $2, $3, $4, $5 FROM changed
       RETURNING (SELECT updated_at FROM changed) AS updated_at${extra ? `, ${extra.result} AS written` : ''}`,
      params,
    );
    return row ? { at: row.updated_at, written: row.written ?? null } : null;
  }

  /** The status history, oldest first, with who made each change. */
  timeline(db: SqlRunner, proposalId: string): Promise<TimelineRow[]> {
    return sqlRows<TimelineRow>(
      db,
      `SELECT sc.from_status AS "fromStatus", sc.to_status AS "toStatus", sc.occurred_at AS "occurredAt",
              sc.comment, u.id AS "actorId", u.name AS "actorName", u.email AS "actorEmail"
         FROM proposal_status_changes sc LEFT JOIN identity_users_v u ON u.id = sc.actor_id
        WHERE sc.proposal_id = $1 ORDER BY sc.occurred_at, sc.id`,
      [proposalId],
    );
  }
}

export interface TimelineRow {
  fromStatus: ProposalStatus | null;
  toStatus: ProposalStatus;
  occurredAt: Date;
  comment: string | null;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
}
