import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '@mptf/audit';
import { ConflictError, ErrorDetail, formatMoney, formatUsd } from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { ReferenceService } from '@mptf/reference';
import { EntityManager } from 'typeorm';
import { LedgerRepository } from './ledger.repository';
import { ProgrammeRepository } from './programme.repository';
import { PunoShare, reallocationChanges } from './reallocation';
import { ReallocationEntry, ReallocationRepository } from './reallocation.repository';

export interface ReallocationRequest {
  programmeId: string;
  /** The approved revision that moves the money: the entries name it, once. */
  revisionId: string;
  shares: PunoShare[];
  actor: AuditActor;
  date: string;
}

/**
 * Re-posts the allocations of a programme whose approved budget revision moves money between
 * PUNOs, in the caller's transaction (the revision's approval). Allocations move, cash does not:
 * a PUNO that already holds more (transferred less refunded) than its new allocation refunds the
 * difference first (409 naming it); transfers and refunds stay what the Administrative Agent
 * records. The changes sum to zero, so the funds available and the balance with the AA stay.
 * Exactly once per revision: entries already posted for it are returned, not posted again.
 */
@Injectable()
export class ReallocationService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly entries: ReallocationRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
  ) {}

  async reallocate(manager: EntityManager, request: ReallocationRequest): Promise<ReallocationEntry[]> {
    const programme = await this.programmes.lock(manager, request.programmeId, 'reallocate the money of', [
      ProposalStatus.APPROVED,
      ProposalStatus.ACTIVE,
    ]);
    const posted = await this.entries.ofRevision(manager, request.revisionId);
    if (posted.length) return posted;
    const { indirectRate } = await this.reference.fundSettings(manager);
    const changes = reallocationChanges(request.shares, indirectRate);
    if (!changes.length) return [];
    const punos = await this.programmes.punos(manager, programme.id);
    await this.ledger.lockFund(manager);
    const money = await this.ledger.punoMoney(manager, programme.id);
    const problems: ErrorDetail[] = [];
    const rows = changes.map((change) => {
      const puno = punos.find((p) => p.code === change.orgCode);
      if (!puno) throw new ConflictError(`${change.orgCode} is not a participating organization of it`);
      const held = money.get(puno.organizationId);
      const allocated = (held?.allocated ?? 0n) + change.amount;
      const atPuno = (held?.transferred ?? 0n) - (held?.refunded ?? 0n);
      if (allocated < 0n || allocated < atPuno)
        problems.push({
          rule: 'TRANSFERRED_ABOVE_ALLOCATION',
          orgCode: change.orgCode,
          refundFirst: formatMoney(atPuno - allocated),
          message: `${change.orgCode} holds ${formatUsd(atPuno)}, more than its new allocation of ${formatUsd(allocated)}: record its refund of ${formatUsd(atPuno - allocated)} first`,
        });
      return { organizationId: puno.organizationId, amount: change.amount };
    });
    if (problems.length)
      throw new ConflictError('The revision takes money a PUNO has already received', problems);
    await this.entries.post(
      manager,
      {
        programmeId: programme.id,
        revisionId: request.revisionId,
        date: request.date,
        actorId: request.actor.id,
        description: 'Reallocation by an approved budget revision',
      },
      rows,
    );
    const entries = await this.entries.ofRevision(manager, request.revisionId);
    await this.audit.record(manager, {
      actor: request.actor,
      action: 'programme.reallocate',
      entityType: 'programme',
      entityId: programme.id,
      before: null,
      after: { revisionId: request.revisionId, date: request.date, changes: entries },
    });
    return entries;
  }
}
