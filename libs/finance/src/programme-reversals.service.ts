import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';
import {
  Clock,
  ConflictError,
  ForbiddenError,
  formatMoney,
  InvalidStateError,
  NotFoundError,
} from '@mptf/platform';
import { PROGRAMME_STATUSES, ProposalAction, ProposalStatus, ProposalStatusService } from '@mptf/proposals';
import { DataSource, EntityManager } from 'typeorm';
import { availableFromPools, poolAvailability, programmeFigures } from './fund-math';
import { emptyMoney, Ledger } from './ledger';
import { LedgerKind } from './ledger-kind';
import { alreadyReversed, insufficient, oneReversal, reversalOfReversal } from './money-errors';
import { ProgrammeMoneyService } from './programme-money.service';
import { ExpenditureReportView, MovementView } from './programme-money.types';
import { lockProgramme, ProgrammeRecord } from './programme-records';

export type MovementKind = 'TRANSFER' | 'REFUND';

const LABEL: Record<MovementKind, string> = { TRANSFER: 'Transfer', REFUND: 'Refund' };

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
    private readonly ledger: Ledger,
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
        const programme = await lockProgramme(
          this.statuses,
          manager,
          programmeId,
          `reverse a ${kind.toLowerCase()} of`,
          [...PROGRAMME_STATUSES],
        );
        const [entry] = (await manager.query(
          `SELECT e.id, e.amount::text AS amount, e.organization_id, o.code AS org_code,
                  to_char(e.entry_date, 'YYYY-MM-DD') AS date, e.corrects_entry_id,
                  (SELECT r.id FROM ledger_entries r WHERE r.corrects_entry_id = e.id) AS reversed_by
             FROM ledger_entries e JOIN organizations o ON o.id = e.organization_id
            WHERE e.id = $1 AND e.proposal_id = $2 AND e.kind = $3`,
          [movementId, programme.id, kind],
        )) as {
          id: string;
          amount: string;
          organization_id: string;
          org_code: string;
          date: string;
          corrects_entry_id: string | null;
          reversed_by: string | null;
        }[];
        if (!entry) throw new NotFoundError(LABEL[kind], movementId);
        if (entry.corrects_entry_id) throw reversalOfReversal(LABEL[kind], movementId);
        if (entry.reversed_by) throw alreadyReversed(LABEL[kind], movementId);
        if (!CORRECTABLE.includes(programme.status))
          throw new InvalidStateError('programme', programme.status, `reverse a ${kind.toLowerCase()} of`);
        const amount = BigInt(entry.amount);
        const held = programmeFigures(
          (await this.ledger.programmeMoney(manager, programme.id)).get(entry.organization_id) ??
            emptyMoney(),
        ).balance;
        if (kind === 'TRANSFER' && amount > held)
          throw insufficient(
            'PUNO_BALANCE',
            `Reversing this transfer of ${formatMoney(amount)} would take back more than ${entry.org_code} still holds for this programme (${formatMoney(held)}): it has spent or refunded the rest`,
            held,
          );
        if (kind === 'REFUND') await this.refuseUnavailable(manager, programme, amount);

        const today = this.clock.today();
        const reversalId = await this.ledger.post(manager, {
          kind: kind === 'TRANSFER' ? LedgerKind.TRANSFER : LedgerKind.REFUND,
          entryDate: today,
          amount: -amount,
          proposalId: programme.id,
          organizationId: entry.organization_id,
          correctsEntryId: entry.id,
          description: reason,
          actorId: actor.id,
        });
        const status = kind === 'TRANSFER' ? await this.restart(manager, actor, programme) : programme.status;
        const view: MovementView = {
          id: reversalId,
          programmeId: programme.id,
          kind,
          orgCode: entry.org_code,
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
            orgCode: entry.org_code,
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
        const programme = await lockProgramme(this.statuses, manager, programmeId, 'reverse expenditure of', [
          ...PROGRAMME_STATUSES,
        ]);
        const [report] = (await manager.query(
          `SELECT r.id, r.organization_id, o.code AS org_code, r.year, r.version, r.reverses_report_id,
                  (SELECT x.id FROM expenditure_reports x WHERE x.reverses_report_id = r.id) AS reversed_by
             FROM expenditure_reports r JOIN organizations o ON o.id = r.organization_id
            WHERE r.id = $1 AND r.proposal_id = $2`,
          [reportId, programmeId],
        )) as {
          id: string;
          organization_id: string;
          org_code: string;
          year: number;
          version: number;
          reverses_report_id: string | null;
          reversed_by: string | null;
        }[];
        if (!report) throw new NotFoundError('Expenditure report', reportId);
        if (!hasRole(actor, Role.AGENCY_FOCAL_POINT) || actor.organizationCode !== report.org_code)
          throw new ForbiddenError(`Only a focal point of ${report.org_code} may reverse its expenditure`);
        if (!CORRECTABLE.includes(programme.status))
          throw new InvalidStateError('programme', programme.status, 'reverse expenditure of');
        if (report.reverses_report_id) throw reversalOfReversal('Expenditure report', reportId);
        if (report.reversed_by) throw alreadyReversed('Expenditure report', reportId);
        const [{ latest }] = (await manager.query(
          `SELECT max(version) AS latest FROM expenditure_reports
            WHERE proposal_id = $1 AND organization_id = $2 AND year = $3`,
          [programme.id, report.organization_id, report.year],
        )) as { latest: number }[];
        if (latest !== report.version)
          throw new ConflictError(
            `Version ${report.version} of ${report.org_code}'s ${report.year} expenditure is superseded by version ${latest}: reverse or resubmit the current version`,
            [
              {
                rule: 'CURRENT_VERSION',
                message: 'only the current version of a year can be reversed',
                latest,
              },
            ],
          );
        const lines = (await manager.query(
          `SELECT e.id, e.budget_category_code AS category, e.amount::text AS amount
             FROM ledger_entries e
            WHERE e.expenditure_report_id = $1 AND e.corrects_entry_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.corrects_entry_id = e.id)
            ORDER BY e.seq`,
          [report.id],
        )) as { id: string; category: number; amount: string }[];
        const [{ id: reversalId }] = (await manager.query(
          `INSERT INTO expenditure_reports (proposal_id, organization_id, year, version, submitted_by, reverses_report_id, reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [programme.id, report.organization_id, report.year, latest + 1, actor.id, report.id, reason],
        )) as { id: string }[];
        const today = this.clock.today();
        await this.ledger.postMany(
          manager,
          lines.map((line) => ({
            kind: LedgerKind.EXPENDITURE,
            entryDate: today,
            year: report.year,
            amount: -BigInt(line.amount),
            proposalId: programme.id,
            organizationId: report.organization_id,
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
            orgCode: report.org_code,
            year: report.year,
            version: report.version,
            total: formatMoney(lines.reduce((sum, line) => sum + BigInt(line.amount), 0n)),
          },
          after: { reversedBy: reversalId, version: latest + 1, reason, date: today },
        });
        return reversalId as string;
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
        `Reversing this refund of ${formatMoney(amount)} would give the PUNO back money the fund has promised or spent since`,
        availableFromPools(pools, area),
      );
  }

  /**
   * After a transfer's reversal: the programme starts with its first transfer still standing (the
   * first recorded, as a transfer sets the start date), or has not started when none is left.
   */
  private async restart(manager: EntityManager, actor: AuthUser, programme: ProgrammeRecord) {
    const [standing] = (await manager.query(
      `SELECT to_char(t.entry_date, 'YYYY-MM-DD') AS first FROM ledger_entries t
        WHERE t.proposal_id = $1 AND t.kind = 'TRANSFER' AND t.corrects_entry_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.corrects_entry_id = t.id)
        ORDER BY t.seq LIMIT 1`,
      [programme.id],
    )) as { first: string }[];
    const first = standing?.first ?? null;
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
    if (first !== null)
      await manager.query(
        `UPDATE proposals SET start_date = $2, updated_at = now() WHERE id = $1 AND start_date IS DISTINCT FROM $2::date`,
        [programme.id, first],
      );
    return programme.status;
  }
}
