import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import {
  Clock,
  ConflictError,
  ErrorDetail,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  Page,
  pageOf,
  RuleViolationError,
} from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ActualNotices } from './actual-notices';
import { ActualRepository } from './actual.repository';
import { ActualAction, actualTransition, actualValueViolations, dueState, DueState } from './actual-rules';
import { ProposalAccessRepository } from './proposal-access.repository';
import {
  canReportActuals,
  canSeeActual,
  isProgramme,
  listableActualsCondition,
  loadProposalAccess,
  ProposalAccess,
  REPORTING_STATUSES,
} from './results-access';
import { ActualStatus, DisaggregationPart, IndicatorMeasure } from './results.types';

export interface ActualView {
  id: string;
  indicatorId: string;
  indicatorKey: string;
  indicatorTitle: string;
  measure: IndicatorMeasure;
  programmeId: string;
  programmeReference: string;
  periodStart: string;
  periodEnd: string;
  value: string | null;
  narrative: string;
  disaggregation: DisaggregationPart[];
  status: ActualStatus;
  reviewComment: string | null;
  createdAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
}

export interface CreateActualInput {
  periodStart: string;
  periodEnd: string;
  /** Canonical decimal string or null (qualitative). */
  value: string | null;
  narrative: string;
  disaggregation: DisaggregationPart[];
}

export type UpdateActualInput = Partial<Pick<CreateActualInput, 'value' | 'narrative' | 'disaggregation'>>;

export interface ActualsQuery {
  status?: ActualStatus;
  programmeId?: string;
  indicatorId?: string;
  /** Programme reference, indicator key or title, narrative; prefixes match. */
  q?: string;
  /** `field` or `-field`, several comma-separated (ACTUAL_SORT_FIELDS). */
  sort?: string;
  page: number;
  pageSize: number;
}

export interface DueItem {
  indicatorId: string;
  indicatorKey: string;
  indicatorTitle: string;
  resultKey: string;
  periodStart: string;
  periodEnd: string;
  /** DUE within the grace period after the end, OVERDUE after it. */
  state: DueState;
  /** The actual already entered for the period (not yet approved), if any. */
  actual: { id: string; status: ActualStatus } | null;
}

export interface DueList {
  programmeId: string;
  reference: string;
  asOf: string;
  items: DueItem[];
}

/**
 * Actuals per indicator and reporting period (the indicator's target periods): entered and
 * submitted by focal points of the programme's PUNOs, approved or returned by the FMU; an
 * approved actual is locked.
 */
@Injectable()
export class ActualsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly actuals: ActualRepository,
    private readonly proposals: ProposalAccessRepository,
    private readonly notices: ActualNotices,
  ) {}

  async create(user: AuthUser, indicatorId: string, input: CreateActualInput): Promise<ActualView> {
    return this.dataSource.transaction(async (manager) => {
      const indicator = await this.actuals.indicator(manager, indicatorId);
      if (!indicator) throw new NotFoundError('Indicator', indicatorId);
      const programme = await loadProposalAccess(
        this.proposals,
        manager,
        user,
        indicator.proposalId,
        'FOR SHARE',
      );
      this.assertReporter(user, programme);
      const violations = [
        ...(await this.periodViolations(manager, indicatorId, input.periodStart, input.periodEnd)),
        ...actualValueViolations(indicator.measure, input.value, input.disaggregation),
      ];
      if (violations.length) throw new RuleViolationError('The actual breaks the results rules', violations);
      const existing = await this.actuals.findForPeriod(manager, indicatorId, input);
      if (existing) {
        throw new ConflictError(`An actual for this period already exists (${existing.status})`, [
          {
            rule: 'DUPLICATE_PERIOD',
            message: 'one actual per indicator and period',
            actualId: existing.id,
          },
        ]);
      }
      const id = await this.actuals.insert(manager, {
        ...input,
        indicatorId,
        proposalId: indicator.proposalId,
        createdBy: user.id,
      });
      const view = await this.view(manager, id);
      await this.audit.record(manager, {
        actor: user,
        action: 'actual.create',
        entityType: 'actual',
        entityId: id,
        after: view,
      });
      return view;
    });
  }

  async update(user: AuthUser, actualId: string, patch: UpdateActualInput): Promise<ActualView> {
    return this.dataSource.transaction(async (manager) => {
      const { before } = await this.lockForReporter(manager, user, actualId);
      actualTransition(before.status, ActualAction.EDIT);
      const next = {
        value: patch.value !== undefined ? patch.value : before.value,
        narrative: patch.narrative ?? before.narrative,
        disaggregation: patch.disaggregation ?? before.disaggregation,
      };
      const violations = actualValueViolations(before.measure, next.value, next.disaggregation);
      if (violations.length) throw new RuleViolationError('The actual breaks the results rules', violations);
      await this.actuals.update(manager, actualId, {
        value: next.value,
        narrative: next.narrative,
        disaggregation: patch.disaggregation,
      });
      const after = await this.view(manager, actualId);
      await this.audit.record(manager, {
        actor: user,
        action: 'actual.update',
        entityType: 'actual',
        entityId: actualId,
        before,
        after,
      });
      return after;
    });
  }

  async submit(user: AuthUser, actualId: string): Promise<ActualView> {
    return this.dataSource.transaction(async (manager) => {
      const { before } = await this.lockForReporter(manager, user, actualId);
      const to = actualTransition(before.status, ActualAction.SUBMIT);
      // The matrix may have changed since the draft (e.g. the measure): check again.
      const violations = actualValueViolations(before.measure, before.value, before.disaggregation);
      if (violations.length) throw new RuleViolationError('The actual breaks the results rules', violations);
      await this.actuals.markSubmitted(manager, actualId, to, user.id);
      const after = await this.recordStatus(manager, user, 'actual.submit', before, null);
      await this.notices.submitted(manager, after, user);
      return after;
    });
  }

  async approve(user: AuthUser, actualId: string): Promise<ActualView> {
    return this.review(user, actualId, ActualAction.APPROVE, null);
  }

  async return(user: AuthUser, actualId: string, comment: string): Promise<ActualView> {
    return this.review(user, actualId, ActualAction.RETURN, comment);
  }

  async get(user: AuthUser, actualId: string, manager?: EntityManager): Promise<ActualView> {
    const db = manager ?? this.dataSource.manager;
    const view = await this.view(db, actualId);
    await loadProposalAccess(this.proposals, db, user, view.programmeId);
    if (!canSeeActual(user, view.status))
      throw new ForbiddenError('You may not see this actual: donors see approved (published) actuals only');
    return view;
  }

  /** Actuals the user may see; `status=SUBMITTED` is the FMU's approval queue, oldest first. */
  async list(user: AuthUser, query: ActualsQuery, manager?: EntityManager): Promise<Page<ActualView>> {
    const { total, items } = await this.actuals.list(manager ?? this.dataSource.manager, query, (bind) =>
      listableActualsCondition(user, bind),
    );
    return pageOf(items, total, query);
  }

  /**
   * Reporting periods of a programme whose end has passed (per the injectable Clock) without an
   * approved actual, oldest first, each DUE or OVERDUE (see `dueState`).
   */
  async due(user: AuthUser, programmeId: string, manager?: EntityManager): Promise<DueList> {
    const db = manager ?? this.dataSource.manager;
    const programme = await loadProposalAccess(this.proposals, db, user, programmeId);
    if (!isProgramme(programme.status)) throw new NotFoundError('Programme', programmeId);
    const today = this.clock.today();
    const rows = await this.actuals.due(db, programmeId, today);
    return {
      programmeId,
      reference: programme.reference,
      asOf: today,
      items: rows.map((row) => ({
        indicatorId: row.indicator_id,
        indicatorKey: row.indicator_key,
        indicatorTitle: row.indicator_title,
        resultKey: row.result_key,
        periodStart: row.period_start,
        periodEnd: row.period_end,
        state: dueState(row.period_end, today, false) as DueState,
        actual:
          row.actual_id && row.actual_status && canSeeActual(user, row.actual_status)
            ? { id: row.actual_id, status: row.actual_status }
            : null,
      })),
    };
  }

  private async review(
    user: AuthUser,
    actualId: string,
    action: ActualAction.APPROVE | ActualAction.RETURN,
    comment: string | null,
  ): Promise<ActualView> {
    return this.dataSource.transaction(async (manager) => {
      const proposalId = await this.proposalOf(manager, actualId);
      await loadProposalAccess(this.proposals, manager, user, proposalId, 'FOR SHARE');
      const before = await this.view(manager, actualId, true);
      const to = actualTransition(before.status, action);
      await this.actuals.markReviewed(manager, actualId, { status: to, by: user.id, comment });
      const after = await this.recordStatus(manager, user, `actual.${action}`, before, comment);
      if (action === ActualAction.RETURN) await this.notices.returned(manager, after, user);
      return after;
    });
  }

  private async recordStatus(
    manager: EntityManager,
    user: AuthUser,
    action: string,
    before: ActualView,
    comment: string | null,
  ): Promise<ActualView> {
    const after = await this.view(manager, before.id);
    await this.audit.record(manager, {
      actor: user,
      action,
      entityType: 'actual',
      entityId: before.id,
      before: { status: before.status },
      after: { status: after.status, ...(comment ? { comment } : {}) },
    });
    return after;
  }

  /** Locks programme (shared) then actual, in that order everywhere, and checks the reporter. */
  private async lockForReporter(
    manager: EntityManager,
    user: AuthUser,
    actualId: string,
  ): Promise<{ before: ActualView; programme: ProposalAccess }> {
    const proposalId = await this.proposalOf(manager, actualId);
    const programme = await loadProposalAccess(this.proposals, manager, user, proposalId, 'FOR SHARE');
    const before = await this.view(manager, actualId, true);
    // An approved actual is locked whoever asks: 409 before any role question.
    if (before.status === ActualStatus.APPROVED) {
      throw new InvalidStateError('actual', before.status, 'change');
    }
    this.assertReporter(user, programme);
    return { before, programme };
  }

  private assertReporter(user: AuthUser, programme: ProposalAccess): void {
    if (!canReportActuals(user, programme)) {
      throw new ForbiddenError(
        'Only focal points of the programme’s participating organizations report its actuals',
      );
    }
    if (!REPORTING_STATUSES.includes(programme.status)) {
      throw new InvalidStateError('programme', programme.status, 'report actuals for');
    }
  }

  private async proposalOf(manager: EntityManager, actualId: string): Promise<string> {
    const proposalId = await this.actuals.proposalOf(manager, actualId);
    if (!proposalId) throw new NotFoundError('Actual', actualId);
    return proposalId;
  }

  /** The period must be one of the indicator's target periods and must have started. */
  private async periodViolations(
    manager: EntityManager,
    indicatorId: string,
    periodStart: string,
    periodEnd: string,
  ): Promise<ErrorDetail[]> {
    const periods = await this.actuals.periods(manager, indicatorId);
    if (!periods.some((p) => p.start === periodStart && p.end === periodEnd)) {
      return [
        {
          field: 'periodStart',
          rule: 'PERIOD_NOT_DEFINED',
          message: `must be one of the indicator's reporting periods: ${periods.map((p) => `${p.start}…${p.end}`).join(', ') || 'none defined'}`,
        },
      ];
    }
    if (periodStart > this.clock.today()) {
      return [
        { field: 'periodStart', rule: 'PERIOD_NOT_STARTED', message: 'the period has not started yet' },
      ];
    }
    return [];
  }

  private async view(manager: EntityManager, actualId: string, lock = false): Promise<ActualView> {
    const view = await this.actuals.find(manager, actualId, lock);
    if (!view) throw new NotFoundError('Actual', actualId);
    return view;
  }
}
