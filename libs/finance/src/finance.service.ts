import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@mptf/audit';
import {
  applyRate,
  Cents,
  Clock,
  DomainError,
  ErrorCode,
  ErrorDetail,
  formatMoney,
  formatUsd,
  RuleViolationError,
  sumCents,
  ValidationError,
} from '@mptf/platform';
import { ProposalStatus } from '@mptf/proposals';
import { ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import { AvailableFunds, AvailableFundsService } from './available-funds.service';
import { balanceFromTotals } from './fund-math';
import { LedgerKind } from './ledger-kind';
import { LedgerRepository } from './ledger.repository';
import { ProgrammeRepository } from './programme.repository';

export interface AllocationRequest {
  programmeId: string;
  allocations: { orgCode: string; amountCents: Cents }[];
  actor: AuditActor;
  /** Defaults to today. */
  date?: string;
  /** Money approved on top of a PUNO's budget (a programme's cost extensions), raising its ceiling. */
  additionalBudget?: { orgCode: string; amountCents: Cents }[];
}

export interface AllocationResult {
  programmeId: string;
  allocations: { orgCode: string; amount: string; entryId: string }[];
  total: string;
  /** Funds available for the programme's thematic area after this allocation. */
  availableAfter: string;
}

/** Statuses in which an allocation may be recorded (the decision may run it before or after the status change). */
const ALLOCATABLE: readonly ProposalStatus[] = [
  ProposalStatus.UNDER_REVIEW,
  ProposalStatus.PIPELINE,
  ProposalStatus.APPROVED,
  ProposalStatus.ACTIVE,
];

/**
 * The fund's public face for other modules: how much can be allocated, and allocating it inside
 * the caller's transaction (the SC decision's), serialized on the fund so that concurrent
 * decisions never allocate the same dollar twice.
 */
@Injectable()
export class FinanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly available: AvailableFundsService,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Available funds in cents (AvailableFundsService, the one definition): for `thematicAreaCode`
   * (unearmarked + earmarked for it), the whole fund without one; `asOf` as recorded by then.
   */
  async availableFunds(
    manager: EntityManager = this.dataSource.manager,
    filter: { thematicAreaCode?: number | null; asOf?: Date } = {},
  ): Promise<Cents> {
    return this.available.amount(manager, filter);
  }

  /** Available funds for the whole fund and for each thematic area (for decision packs). */
  async availableFundsByArea(
    manager: EntityManager = this.dataSource.manager,
    asOf?: Date,
  ): Promise<AvailableFunds> {
    return this.available.of(manager, asOf);
  }

  /** The cash balance with the Administrative Agent, in cents. */
  async balanceWithAdministrativeAgent(manager: EntityManager = this.dataSource.manager): Promise<Cents> {
    return balanceFromTotals(await this.ledger.totals(manager));
  }

  /**
   * Records the SC's allocation per PUNO, in the caller's transaction. Locks the proposal, then
   * the fund. Refuses (all listed at once) PUNO codes not on the proposal, amounts not above zero,
   * and allocations above a PUNO's budgeted total (direct + indirect) with 422; a total above the
   * available funds with 409 INSUFFICIENT_FUNDS naming the amount available.
   */
  async allocate(manager: EntityManager, request: AllocationRequest): Promise<AllocationResult> {
    const programme = await this.programmes.lock(
      manager,
      request.programmeId,
      'allocate funds to',
      ALLOCATABLE,
    );
    if (request.allocations.length === 0) throw ValidationError.field('allocations', 'must not be empty');

    const settings = await this.reference.fundSettings(manager);
    const punos = await this.programmes.punos(manager, programme.id);
    const existing = await this.ledger.punoMoney(manager, programme.id);
    const violations: ErrorDetail[] = [];
    const seen = new Set<string>();
    request.allocations.forEach(({ orgCode, amountCents }, index) => {
      const field = `allocations[${index}]`;
      if (seen.has(orgCode))
        violations.push({ field, rule: 'UNIQUE_PUNO', message: `${orgCode} is listed twice` });
      seen.add(orgCode);
      if (amountCents <= 0n)
        violations.push({ field, rule: 'POSITIVE', message: 'amount must be above zero' });
      const puno = punos.find((candidate) => candidate.code === orgCode);
      if (!puno) {
        violations.push({
          field,
          rule: 'PUNO',
          message: `${orgCode} is not a participating organization of it`,
        });
        return;
      }
      const extra = sumCents(
        (request.additionalBudget ?? []).filter((a) => a.orgCode === orgCode).map((a) => a.amountCents),
      );
      const budgeted = puno.direct + applyRate(puno.direct, settings.indirectRate) + extra;
      const already = existing.get(puno.organizationId)?.allocated ?? 0n;
      if (already + amountCents > budgeted) {
        violations.push({
          field,
          rule: 'WITHIN_BUDGET',
          message: `${orgCode} would be allocated ${formatUsd(already + amountCents)}, above its budgeted total of ${formatUsd(budgeted)}`,
          budgeted: formatMoney(budgeted),
          alreadyAllocated: formatMoney(already),
        });
      }
    });
    if (violations.length) throw new RuleViolationError('The allocation breaks the fund rules', violations);

    await this.ledger.lockFund(manager);
    const total = sumCents(request.allocations.map((allocation) => allocation.amountCents));
    const available = await this.availableFunds(manager, { thematicAreaCode: programme.thematicAreaCode });
    if (total > available) {
      const message = `The allocation of ${formatUsd(total)} exceeds the funds available (${formatUsd(available)})`;
      throw new DomainError(ErrorCode.INSUFFICIENT_FUNDS, message, [
        {
          rule: 'AVAILABLE_FUNDS',
          message,
          available: formatMoney(available),
        },
      ]);
    }

    const date = request.date ?? this.clock.today();
    const entryIds = await this.ledger.postMany(
      manager,
      request.allocations.map(({ orgCode, amountCents }) => ({
        kind: LedgerKind.ALLOCATION,
        entryDate: date,
        amount: amountCents,
        proposalId: programme.id,
        organizationId: punos.find((puno) => puno.code === orgCode)?.organizationId,
        actorId: request.actor.id,
      })),
    );
    const allocations = request.allocations.map(({ orgCode, amountCents }, index) => ({
      orgCode,
      amount: formatMoney(amountCents),
      entryId: entryIds[index],
    }));
    const result: AllocationResult = {
      programmeId: programme.id,
      allocations,
      total: formatMoney(total),
      availableAfter: formatMoney(available - total),
    };
    await this.audit.record(manager, {
      actor: request.actor,
      action: 'programme.allocate',
      entityType: 'programme',
      entityId: programme.id,
      before: { available: formatMoney(available) },
      after: { allocations, total: result.total, date },
    });
    return result;
  }
}
