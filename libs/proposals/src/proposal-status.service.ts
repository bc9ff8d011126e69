import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '@mptf/audit';
import { NotFoundError } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { ProposalAction, ProposalStatus, transition } from './lifecycle';

export interface StatusChange {
  proposalId: string;
  from: ProposalStatus;
  to: ProposalStatus;
  /** The proposal's new `updated_at`. */
  at: Date;
}

/**
 * The one way a proposal changes status, used by intake, screening, decisions and finance inside
 * their own transactions: locks the row, checks the state machine (409 naming the current state),
 * records the change in the status timeline and the audit record.
 */
@Injectable()
export class ProposalStatusService {
  constructor(private readonly audit: AuditService) {}

  /** Locks the proposal row for the rest of the transaction and returns its status. */
  async lock(manager: EntityManager, proposalId: string): Promise<ProposalStatus> {
    const rows = (await manager.query('SELECT status FROM proposals WHERE id = $1 FOR UPDATE', [
      proposalId,
    ])) as {
      status: ProposalStatus;
    }[];
    if (!rows.length) throw new NotFoundError('Proposal', proposalId);
    return rows[0].status;
  }

  /**
   * Applies `action`. `columns` are extra proposal columns set in the same UPDATE (snake_case
   * names chosen by the caller, values as parameters), e.g. `{ review_due_date: '2026-12-20' }`.
   * `lockedStatus`: the status the caller read with `lock` in this transaction (saves locking again).
   */
  async apply(
    manager: EntityManager,
    input: {
      proposalId: string;
      action: ProposalAction;
      actor: AuditActor;
      comment?: string | null;
      columns?: Record<string, unknown>;
      lockedStatus?: ProposalStatus;
    },
  ): Promise<StatusChange> {
    const from = input.lockedStatus ?? (await this.lock(manager, input.proposalId));
    const to = transition(from, input.action);
    const columns = Object.entries(input.columns ?? {});
    for (const [name] of columns) {
      if (!/^[a-z_]+$/.test(name)) throw new Error(`not a column name: ${name}`);
    }
    const assignments = columns.map(([name], index) => `, ${name} = $${index + 6}`).join('');
    // The new status and its timeline entry in one statement.
    const [changed] = (await manager.query(
      `WITH changed AS (
         UPDATE proposals SET status = $3, updated_at = now()${assignments} WHERE id = $1 RETURNING id, updated_at
       )
       INSERT INTO proposal_status_changes (proposal_id, from_status, to_status, actor_id, comment)
       SELECT id, $2, $3, $4, $5 FROM changed
       RETURNING (SELECT updated_at FROM changed) AS updated_at`,
      [
        input.proposalId,
        from,
        to,
        input.actor.id,
        input.comment ?? null,
        ...columns.map(([, value]) => value),
      ],
    )) as { updated_at: Date }[];
    if (!changed) throw new NotFoundError('Proposal', input.proposalId);
    await this.audit.record(manager, {
      actor: input.actor,
      action: `proposal.${input.action}`,
      entityType: 'proposal',
      entityId: input.proposalId,
      before: { status: from },
      after: {
        status: to,
        ...(input.comment ? { comment: input.comment } : {}),
        ...Object.fromEntries(columns),
      },
    });
    return { proposalId: input.proposalId, from, to, at: changed.updated_at };
  }
}
