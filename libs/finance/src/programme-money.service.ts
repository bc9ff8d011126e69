import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import {
  Clock,
  ErrorDetail,
  ForbiddenError,
  formatMoney,
  formatUsd,
  NotFoundError,
  RuleViolationError,
  sumCents,
  ValidationError,
} from '@mptf/platform';
import { PROGRAMME_STATUSES, ProposalAction, ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { ReferenceService } from '@mptf/reference';
import { DataSource, EntityManager } from 'typeorm';
import {
  amountViolations,
  dateViolations,
  EntryBounds,
  entryBounds,
  refuseViolations,
  yearViolations,
} from './entry-bounds';
import { ExpenditureReportRepository } from './expenditure-report.repository';
import { mayReportExpenditureOf } from './finance-access';
import { balanceFromTotals, programmeFigures } from './fund-math';
import { LedgerKind } from './ledger-kind';
import { emptyMoney, LedgerRepository } from './ledger.repository';
import { insufficient } from './money-errors';
import {
  ClosureKind,
  ExpenditureInput,
  ExpenditureReportView,
  MoneyMovementInput,
  MovementView,
} from './programme-money.types';
import { requirePuno } from './programme-records';
import { ProgrammeRepository } from './programme.repository';

/**
 * Money moving to, from and within programmes after the SC's allocation: transfers (tranches),
 * refunds, annual expenditure per budget category and closure.
 * Each change is one transaction with its audit event; programme-level changes lock the proposal
 * row first, then (when money leaves the AA) the fund, always in that order.
 */
@Injectable()
export class ProgrammeMoneyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly reports: ExpenditureReportRepository,
    private readonly statuses: ProposalStatusService,
    private readonly audit: AuditService,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  /** The bounds every entry of this service must keep (read inside its transaction). */
  private async bounds(manager: EntityManager): Promise<EntryBounds> {
    return entryBounds(await this.reference.fundSettings(manager), this.clock.today());
  }

  /**
   * A tranche to one PUNO: never more than its allocation not yet transferred nor the balance
   * with the AA (409 naming the amount available). The first transfer makes the programme ACTIVE
   * with the transfer date as start date. Amount and date within the fund's bounds (422).
   */
  async transfer(actor: AuthUser, programmeId: string, input: MoneyMovementInput): Promise<MovementView> {
    return this.dataSource.transaction(async (manager) => {
      await this.refuseImplausibleMovement(manager, input);
      const programme = await this.programmes.lock(manager, programmeId, 'record a transfer for', [
        ProposalStatus.APPROVED,
        ProposalStatus.ACTIVE,
      ]);
      const puno = requirePuno(await this.programmes.punos(manager, programme.id), input.orgCode);
      await this.ledger.lockFund(manager);
      const money =
        (await this.ledger.punoMoney(manager, programme.id)).get(puno.organizationId) ?? emptyMoney();
      const untransferred = money.allocated - money.transferred;
      if (input.amount > untransferred) {
        throw insufficient(
          'UNTRANSFERRED_ALLOCATION',
          `The transfer of ${formatUsd(input.amount)} exceeds ${input.orgCode}'s allocation not yet transferred (${formatUsd(untransferred)})`,
          untransferred,
        );
      }
      const balance = balanceFromTotals(await this.ledger.totals(manager));
      if (input.amount > balance) {
        throw insufficient(
          'AA_BALANCE',
          `The transfer of ${formatUsd(input.amount)} exceeds the balance with the Administrative Agent (${formatUsd(balance)})`,
          balance,
        );
      }
      const id = await this.ledger.post(manager, {
        kind: LedgerKind.TRANSFER,
        entryDate: input.date,
        amount: input.amount,
        proposalId: programme.id,
        organizationId: puno.organizationId,
        actorId: actor.id,
      });
      let status = programme.status;
      if (status === ProposalStatus.APPROVED) {
        const change = await this.statuses.apply(manager, {
          proposalId: programme.id,
          action: ProposalAction.FIRST_TRANSFER,
          actor,
          comment: `First transfer of ${formatMoney(input.amount)} to ${input.orgCode}`,
          columns: { start_date: input.date },
        });
        status = change.to;
      }
      const view: MovementView = {
        id,
        programmeId: programme.id,
        kind: LedgerKind.TRANSFER,
        orgCode: input.orgCode,
        amount: formatMoney(input.amount),
        date: input.date,
        programmeStatus: status,
        reversedBy: null,
        reverses: null,
        reason: null,
      };
      await this.audit.record(manager, {
        actor,
        action: 'programme.transfer',
        entityType: 'programme',
        entityId: programme.id,
        before: { untransferred: formatMoney(untransferred), aaBalance: formatMoney(balance) },
        after: view,
      });
      return view;
    });
  }

  /** Money a PUNO returns: at most what it holds (transfers − refunds − expenditure). */
  async refund(actor: AuthUser, programmeId: string, input: MoneyMovementInput): Promise<MovementView> {
    return this.dataSource.transaction(async (manager) => {
      await this.refuseImplausibleMovement(manager, input);
      const programme = await this.programmes.lock(manager, programmeId, 'record a refund for', [
        ProposalStatus.ACTIVE,
        ProposalStatus.OPERATIONALLY_CLOSED,
      ]);
      const puno = requirePuno(await this.programmes.punos(manager, programme.id), input.orgCode);
      const money =
        (await this.ledger.punoMoney(manager, programme.id)).get(puno.organizationId) ?? emptyMoney();
      const held = programmeFigures(money).balance;
      if (input.amount > held) {
        throw insufficient(
          'PUNO_BALANCE',
          `The refund of ${formatUsd(input.amount)} exceeds what ${input.orgCode} holds for this programme (${formatUsd(held)})`,
          held,
        );
      }
      const id = await this.ledger.post(manager, {
        kind: LedgerKind.REFUND,
        entryDate: input.date,
        amount: input.amount,
        proposalId: programme.id,
        organizationId: puno.organizationId,
        actorId: actor.id,
      });
      const view: MovementView = {
        id,
        programmeId: programme.id,
        kind: LedgerKind.REFUND,
        orgCode: input.orgCode,
        amount: formatMoney(input.amount),
        date: input.date,
        programmeStatus: programme.status,
        reversedBy: null,
        reverses: null,
        reason: null,
      };
      await this.audit.record(manager, {
        actor,
        action: 'programme.refund',
        entityType: 'programme',
        entityId: programme.id,
        before: { punoBalance: formatMoney(held) },
        after: view,
      });
      return view;
    });
  }

  /**
   * A PUNO's expenditure for one year by budget category 1–8, by that PUNO's focal point.
   * Resubmitting a year replaces it: the previous version's entries are reversed by new entries
   * and the new lines posted, so the history stays in the ledger. Total expenditure may not
   * exceed what the PUNO received net of refunds (409 naming what is left).
   */
  async recordExpenditure(
    actor: AuthUser,
    programmeId: string,
    input: ExpenditureInput,
  ): Promise<ExpenditureReportView> {
    if (!mayReportExpenditureOf(actor, input.orgCode))
      throw new ForbiddenError(`Only a focal point of ${input.orgCode} may report its expenditure`);
    const categories = new Set<number>();
    input.lines.forEach((line, index) => {
      if (categories.has(line.categoryCode))
        throw ValidationError.field(
          `lines[${index}].categoryCode`,
          `category ${line.categoryCode} is listed twice`,
        );
      categories.add(line.categoryCode);
    });

    const reportId = await this.dataSource.transaction(async (manager) => {
      const bounds = await this.bounds(manager);
      refuseViolations([
        ...yearViolations('year', input.year, bounds),
        ...input.lines.flatMap((line, index) =>
          amountViolations(`lines[${index}].amount`, line.amount, bounds, { allowZero: true }),
        ),
      ]);
      const programme = await this.programmes.lock(manager, programmeId, 'report expenditure for', [
        ProposalStatus.ACTIVE,
        ProposalStatus.OPERATIONALLY_CLOSED,
      ]);
      const puno = requirePuno(await this.programmes.punos(manager, programme.id), input.orgCode);
      const money =
        (await this.ledger.punoMoney(manager, programme.id)).get(puno.organizationId) ?? emptyMoney();
      const year = { proposalId: programme.id, organizationId: puno.organizationId, year: input.year };
      const previous = await this.reports.standingLinesOfYear(manager, year);
      const previousTotal = sumCents(previous.map((line) => line.amount));
      const newTotal = sumCents(input.lines.map((line) => line.amount));
      const netFunded = money.transferred - money.refunded;
      const room = netFunded - (money.expenditure - previousTotal);
      if (newTotal > room) {
        throw insufficient(
          'NET_FUNDED',
          `Expenditure of ${formatUsd(newTotal)} for ${input.year} exceeds what ${input.orgCode} has received net of refunds and other years' expenditure (${formatUsd(room)})`,
          room,
        );
      }
      const version = (await this.reports.latestVersion(manager, year)) + 1;
      const id = await this.reports.insert(manager, { ...year, version, submittedBy: actor.id });
      const today = this.clock.today();
      const common = {
        kind: LedgerKind.EXPENDITURE,
        entryDate: today,
        year: input.year,
        proposalId: programme.id,
        organizationId: puno.organizationId,
        expenditureReportId: id,
        actorId: actor.id,
      };
      await this.ledger.postMany(manager, [
        ...previous.map((line) => ({
          ...common,
          amount: -line.amount,
          budgetCategoryCode: line.category,
          correctsEntryId: line.id,
          description: `Replaced by version ${version} of the ${input.year} expenditure`,
        })),
        ...input.lines
          .filter((line) => line.amount > 0n)
          .map((line) => ({ ...common, amount: line.amount, budgetCategoryCode: line.categoryCode })),
      ]);
      await this.audit.record(manager, {
        actor,
        action: 'programme.expenditure',
        entityType: 'programme',
        entityId: programme.id,
        before: previous.length
          ? {
              version: version - 1,
              lines: previous.map((line) => ({
                categoryCode: line.category,
                amount: formatMoney(line.amount),
              })),
              total: formatMoney(previousTotal),
            }
          : null,
        after: {
          orgCode: input.orgCode,
          year: input.year,
          version,
          lines: input.lines.map((line) => ({
            categoryCode: line.categoryCode,
            amount: formatMoney(line.amount),
          })),
          total: formatMoney(newTotal),
        },
      });
      return id;
    });
    const reports = await this.expenditureReports(undefined, programmeId, { reportId });
    return reports[0];
  }

  /** Every expenditure submission of a programme (all versions), newest first. */
  async expenditureReports(
    manager: EntityManager = this.dataSource.manager,
    programmeId: string,
    filter: { orgCode?: string; year?: number; reportId?: string } = {},
  ): Promise<ExpenditureReportView[]> {
    const programme = await this.programmes.find(manager, programmeId);
    if (!programme || !PROGRAMME_STATUSES.includes(programme.status))
      throw new NotFoundError('Programme', programmeId);
    return this.reports.list(manager, programmeId, filter);
  }

  /**
   * OPERATIONAL: an ACTIVE programme's activities end (allocations not yet transferred are
   * released). FINANCIAL: an operationally closed programme whose PUNOs hold nothing any more
   * (transfers − refunds − expenditure = 0 for each); otherwise 422 listing each PUNO's balance.
   */
  async close(actor: AuthUser, programmeId: string, kind: ClosureKind): Promise<{ status: ProposalStatus }> {
    return this.dataSource.transaction(async (manager) => {
      const programme = await this.programmes.lock(manager, programmeId, 'close', [
        kind === ClosureKind.OPERATIONAL ? ProposalStatus.ACTIVE : ProposalStatus.OPERATIONALLY_CLOSED,
      ]);
      const punos = await this.programmes.punos(manager, programme.id);
      const money = await this.ledger.punoMoney(manager, programme.id);
      const balances = punos.map((puno) => ({
        orgCode: puno.code,
        figures: programmeFigures(money.get(puno.organizationId) ?? emptyMoney()),
      }));
      if (kind === ClosureKind.FINANCIAL) {
        const unsettled: ErrorDetail[] = balances
          .filter(({ figures }) => figures.balance !== 0n)
          .map(({ orgCode, figures }) => ({
            rule: 'PUNO_BALANCE_SETTLED',
            message: `${orgCode} still holds ${formatUsd(figures.balance)}: report expenditure or refund it first`,
            orgCode,
            balance: formatMoney(figures.balance),
          }));
        if (unsettled.length)
          throw new RuleViolationError(
            'The balance with the participating organizations is not settled',
            unsettled,
          );
      }
      const change = await this.statuses.apply(manager, {
        proposalId: programme.id,
        action:
          kind === ClosureKind.OPERATIONAL
            ? ProposalAction.CLOSE_OPERATIONALLY
            : ProposalAction.CLOSE_FINANCIALLY,
        actor,
        comment: `${kind === ClosureKind.OPERATIONAL ? 'Operational' : 'Financial'} closure`,
      });
      await this.audit.record(manager, {
        actor,
        action: `programme.close-${kind.toLowerCase()}`,
        entityType: 'programme',
        entityId: programme.id,
        before: { status: change.from },
        after: {
          status: change.to,
          organizations: balances.map(({ orgCode, figures }) => ({
            orgCode,
            allocated: formatMoney(figures.allocated),
            netFunded: formatMoney(figures.netFunded),
            expenditure: formatMoney(figures.expenditure),
            balance: formatMoney(figures.balance),
          })),
        },
      });
      return { status: change.to };
    });
  }

  /** Amount and date of a transfer or refund within the fund's bounds, else 422. */
  private async refuseImplausibleMovement(manager: EntityManager, input: MoneyMovementInput): Promise<void> {
    const bounds = await this.bounds(manager);
    refuseViolations([
      ...amountViolations('amount', input.amount, bounds),
      ...dateViolations('date', input.date, bounds),
    ]);
  }
}
