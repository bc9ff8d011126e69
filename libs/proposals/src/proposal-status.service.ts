import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '@mptf/audit';
import { NotFoundError } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { ProposalAction, ProposalStatus, transition } from './lifecycle';
import {
  LockedProposal,
  ProposalStatusRepository,
  StatusChangeWrite,
} from './repositories/proposal-status.repository';

/**
 * Told of every status change inside the changing transaction (e.g. the programmes lib creates a
 * programme's reporting obligations when its first transfer makes it ACTIVE); a throw undoes it all.
 */
export type StatusChangeListener = (
  manager: EntityManager,
  change: StatusChange & { action: ProposalAction },
) => Promise<void>;

export interface StatusChange {
  proposalId: string;
  from: ProposalStatus;
  to: ProposalStatus;
  /** The proposal's new `updated_at`. */
  at: Date;
  /** What the caller's `alongside` write returned (null without one). */
  written?: unknown;
}

/**
 * The one way a proposal changes status, used by intake, screening, decisions and finance inside
 * their own transactions: locks the row, checks the state machine (409 naming the current state),
 * records the change in the status timeline and the audit record.
 */
@Injectable()
export class ProposalStatusService {
  private readonly listeners: StatusChangeListener[] = [];

  constructor(
    private readonly audit: AuditService,
    private readonly repository: ProposalStatusRepository,
  ) {}

  /** Registers a listener of every status change (libs above proposals, at module init). */
  onChange(listener: StatusChangeListener): void {
    this.listeners.push(listener);
  }

  /** Locks the proposal row for the rest of the transaction and returns its status. */
  async lock(manager: EntityManager, proposalId: string): Promise<ProposalStatus> {
    const status = await this.repository.lock(manager, proposalId);
    if (status === null) throw new NotFoundError('Proposal', proposalId);
    return status;
  }

  /**
   * Locks several proposals in one order, so two callers cannot deadlock, and returns those that
   * exist: SHARE keeps their status as read until the transaction ends (an agenda), UPDATE before
   * changing them (a meeting's decisions).
   */
  lockMany(
    manager: EntityManager,
    proposalIds: readonly string[],
    mode: 'UPDATE' | 'SHARE',
  ): Promise<LockedProposal[]> {
    return this.repository.lockMany(manager, proposalIds, mode);
  }

  /**
   * Applies `action`. `columns` are extra proposal columns set in the same UPDATE (snake_case
   * names chosen by the caller, values as parameters), e.g. `{ review_due_date: '2026-12-20' }`.
   * `lockedStatus`: the status the caller read with `lock` in this transaction (saves locking again).
   * `alongside`: a write of the caller's that belongs to the change, made by the same statement
   * (one round trip); what it returns comes back as `written`.
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
      alongside?: StatusChangeWrite;
    },
  ): Promise<StatusChange> {
    const from = input.lockedStatus ?? (await this.lock(manager, input.proposalId));
    const to = transition(from, input.action);
    const columns = Object.entries(input.columns ?? {});
    for (const [name] of columns) {
      if (!/^[a-z_]+$/.test(name)) throw new Error(`not a column name: ${name}`);
    }
    // The new status, its timeline entry and its audit event in one statement (one round trip).
    const changed = await this.repository.change(
      manager,
      {
        proposalId: input.proposalId,
        from,
        to,
        actorId: input.actor.id,
        comment: input.comment ?? null,
        columns,
      },
      this.audit.write({
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
      }),
      input.alongside,
    );
    if (!changed) throw new NotFoundError('Proposal', input.proposalId);
    const change = { proposalId: input.proposalId, from, to, at: changed.at, written: changed.written };
    for (const listener of this.listeners) await listener(manager, { ...change, action: input.action });
    return change;
  }
}
