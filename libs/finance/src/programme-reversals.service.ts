import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import {
  Clock,
  ConflictError,
  ForbiddenError,
  formatMoney,
  formatUsd,
  InvalidStateError,
  NotFoundError,
  sumCents,
} from '@mptf/platform';
import {
  PROGRAMME_STATUSES,
  ProposalAction,
  ProposalStatus,
  ProposalStatusService,
  setProgrammeStartDate,
} from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { ExpenditureReportRepository } from './expenditure-report.repository';
import { mayReportExpenditureOf } from './finance-access';
import { availableFromPools, poolAvailability, programmeFigures } from './fund-math';
import { LedgerKind } from './ledger-kind';
import { emptyMoney, LedgerRepository } from './ledger.repository';
import { alreadyReversed, insufficient, oneReversal, reversalOfReversal } from './money-errors';
import { ProgrammeMoneyService } from './programme-money.service';
import { ExpenditureReportView, MovementView } from './programme-money.types';
import { ProgrammeRecord } from './programme-records';
import { ProgrammeRepository } from './programme.repository';

export type MovementKind = LedgerKind.TRANSFER | LedgerKind.REFUND;

const LABEL: Record<MovementKind, string> = {
  [LedgerKind.TRANSFER]: 'Transfer',
  [LedgerKind.REFUND]: 'Refund',
};

/** Programmes whose books are open for corrections: a financially closed one's are closed. */
const CORRECTABLE: readonly ProposalStatus[] = [ProposalStatus.ACTIVE, ProposalStatus.OPERATIONALLY_CLOSED];

/**
 * Reversals of a programme's transfers, refunds and expenditure reports. Each locks the
 * programme (then the fund, when money goes back out of the AA balance), refuses what would break
 * an invariant with 409 naming what is left, posts the mirror entries dated today, and writes
 * its audit event, in one transaction. An entry is reversed at most once (the database's unique
 * indexes refuse a second even if two requests meet).
 */
@Injectable()
export class ProgrammeReversalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly reports: ExpenditureReportRepository,
    private readonly statuses: ProposalStatusService,
    private readonly money: ProgrammeMoneyService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Reverses a transfer or a refund; returns the reversing movement (negative amount).
   * - A transfer: the PUNO must still hold it (transfers − refunds − expenditure ≥ the amount),
   *   else 409 PUNO_BALANCE. When no transfer of an ACTIVE programme is left standing, the
   *   programme returns to APPROVED and its start date is cleared (the first transfer never
   *   happened); otherwise its start date becomes that of its first transfer still standing.
   * - A refund: the money goes back to the PUNO, out of the AA balance, so it must not be promised
   *   elsewhere by now (409 AVAILABLE_FUNDS, under the fund lock like a transfer).
   */
  async reverseMovement(
    actor: AuthUser,
    programmeId: string,
    kind: MovementKind,
    movementId: string,
    reason: string,
  ): Promise<MovementView> {
    return oneReversal(LABEL[kind], movementId, () =>
      this.dataSource.transaction(async (manager) => {
        const programme = await this.programmes.lock(
          manager,
          programmeId,
          `reverse a ${kind.toLowerCase()} of`,
          PROGRAMME_STATUSES,
        );
        const entry = await this.ledger.findMovement(manager, programme.id, kind, movementId);
        if (!entry) throw new NotFoundError(LABEL[kind], movementId);
        if (entry.correctsEntryId) throw reversalOfReversal(LABEL[kind], movementId);
        if (entry.reversedBy) throw alreadyReversed(LABEL[kind], movementId);
        if (!CORRECTABLE.includes(programme.status))
          throw new InvalidStateError('programme', programme.status, `reverse a ${kind.toLowerCase()} of`);
        const { amount } = entry;
        const held = programmeFigures(
          (await this.ledger.punoMoney(manager, programme.id)).get(entry.organizationId) ?? emptyMoney(),
        ).balance;
        if (kind === LedgerKind.TRANSFER && amount > held)
          throw insufficient(
            'PUNO_BALANCE',
            `Reversing this transfer of ${formatUsd(amount)} would take back more than ${entry.orgCode} still holds for this programme (${formatUsd(held)}): it has spent or refunded the rest`,
            held,
          );
        if (kind === LedgerKind.REFUND) await this.refuseUnavailable(manager, programme, amount);

        const today = this.clock.today();
        const reversalId = await this.ledger.post(manager, {
          kind,
          entryDate: today,
          amount: -amount,
          proposalId: programme.id,
          organizationId: entry.organizationId,
          correctsEntryId: entry.id,
          description: reason,
          actorId: actor.id,
        });
        const status =
          kind === LedgerKind.TRANSFER ? await this.restart(manager, actor, programme) : programme.status;
        const view: MovementView = {
          id: reversalId,
          programmeId: programme.id,
          kind,
          orgCode: entry.orgCode,
          amount: formatMoney(-amount),
          date: today,
          programmeStatus: status,
          reversedBy: null,
          reverses: entry.id,
          reason,
        };
        await this.audit.record(manager, {
          actor,
          action: `programme.${kind.toLowerCase()}-reverse`,
          entityType: 'programme',
          entityId: programme.id,
          before: {
            [`${kind.toLowerCase()}Id`]: entry.id,
            orgCode: entry.orgCode,
            amount: formatMoney(amount),
            date: entry.date,
            punoBalance: formatMoney(held),
            programmeStatus: programme.status,
          },
          after: view,
        });
        return view;
      }),
    );
  }

  /**
   * Reverses the current version of a PUNO's expenditure report for a year, by that PUNO's focal
   * point: a new version with no lines whose entries mirror the reversed ones, so the year counts
   * zero until a corrected report is submitted. A superseded version is already replaced (409).
   */
  async reverseExpenditure(
    actor: AuthUser,
    programmeId: string,
    reportId: string,
    reason: string,
  ): Promise<ExpenditureReportView> {
    const id = await oneReversal('Expenditure report', reportId, () =>
      this.dataSource.transaction(async (manager) => {
        const programme = await this.programmes.lock(
          manager,
          programmeId,
          'reverse expenditure of',
          PROGRAMME_STATUSES,
        );
        const report = await this.reports.findForReversal(manager, reportId, programmeId);
        if (!report) throw new NotFoundError('Expenditure report', reportId);
        if (!mayReportExpenditureOf(actor, report.orgCode))
          throw new ForbiddenError(`Only a focal point of ${report.orgCode} may reverse its expenditure`);
        if (!CORRECTABLE.includes(programme.status))
          throw new InvalidStateError('programme', programme.status, 'reverse expenditure of');
        if (report.reversesReportId) throw reversalOfReversal('Expenditure report', reportId);
        if (report.reversedBy) throw alreadyReversed('Expenditure report', reportId);
        const year = { proposalId: programme.id, organizationId: report.organizationId, year: report.year };
        const latest = await this.reports.latestVersion(manager, year);
        if (latest !== report.version)
          throw new ConflictError(
            `Version ${report.version} of ${report.orgCode}'s ${report.year} expenditure is superseded by version ${latest}: reverse or resubmit the current version`,
            [
              {
                rule: 'CURRENT_VERSION',
                message: 'only the current version of a year can be reversed',
                latest,
              },
            ],
          );
        const lines = await this.reports.standingLinesOfReport(manager, report.id);
        const reversalId = await this.reports.insert(manager, {
          ...year,
          version: latest + 1,
          submittedBy: actor.id,
          reverses: report.id,
          reason,
        });
        const today = this.clock.today();
        await this.ledger.postMany(
          manager,
          lines.map((line) => ({
            kind: LedgerKind.EXPENDITURE,
            entryDate: today,
            year: report.year,
            amount: -line.amount,
            proposalId: programme.id,
            organizationId: report.organizationId,
            budgetCategoryCode: line.category,
            expenditureReportId: reversalId,
            correctsEntryId: line.id,
            description: reason,
            actorId: actor.id,
          })),
        );
        await this.audit.record(manager, {
          actor,
          action: 'programme.expenditure-reverse',
          entityType: 'programme',
          entityId: programme.id,
          before: {
            reportId: report.id,
            orgCode: report.orgCode,
            year: report.year,
            version: report.version,
            total: formatMoney(sumCents(lines.map((line) => line.amount))),
          },
          after: { reversedBy: reversalId, version: latest + 1, reason, date: today },
        });
        return reversalId;
      }),
    );
    const [view] = await this.money.expenditureReports(undefined, programmeId, { reportId: id });
    return view;
  }

  /** A refund reversed puts money back with the PUNO: the AA must not have promised it elsewhere. */
  private async refuseUnavailable(manager: EntityManager, programme: ProgrammeRecord, amount: bigint) {
    await this.ledger.lockFund(manager);
    const pools = await this.ledger.pools(manager);
    const area = programme.thematicAreaCode;
    const { unearmarked } = poolAvailability({
      ...pools,
      claims: new Map(pools.claims).set(area, (pools.claims.get(area) ?? 0n) + amount),
    });
    if (unearmarked < 0n)
      throw insufficient(
        'AVAILABLE_FUNDS',
        `Reversing this refund of ${formatUsd(amount)} would give the PUNO back money the fund has promised or spent since`,
        availableFromPools(pools, area),
      );
  }

  /**
   * After a transfer's reversal: the programme starts with its first transfer still standing (the
   * first recorded, as a transfer sets the start date), or has not started when none is left.
   */
  private async restart(manager: EntityManager, actor: AuthUser, programme: ProgrammeRecord) {
    const first = await this.ledger.firstStandingTransferDate(manager, programme.id);
    if (first === null && programme.status === ProposalStatus.ACTIVE) {
      const change = await this.statuses.apply(manager, {
        proposalId: programme.id,
        action: ProposalAction.TRANSFERS_REVERSED,
        actor,
        comment: 'Every transfer was reversed: the programme has not started',
        columns: { start_date: null },
        lockedStatus: programme.status,
      });
      return change.to;
    }
    if (first !== null) await setProgrammeStartDate(manager, programme.id, first);
    return programme.status;
  }
}
