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
  offsetOf,
  Page,
  pageOf,
  positionalParams,
  RuleViolationError,
} from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ActualAction, actualTransition, actualValueViolations, dueState, DueState } from './actual-rules';
import { fromDb } from './decimal';
import {
  canReportActuals,
  canSeeActual,
  isProgramme,
  loadProposalAccess,
  ProposalAccess,
  readableCondition,
  REPORTING_STATUSES,
  visibleActualsCondition,
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

interface ActualRow {
  id: string;
  indicator_id: string;
  indicator_key: string;
  indicator_title: string;
  measure: IndicatorMeasure;
  proposal_id: string;
  reference: string;
  period_start: string;
  period_end: string;
  value: string | null;
  narrative: string;
  disaggregation: DisaggregationPart[];
  status: ActualStatus;
  review_comment: string | null;
  created_at: Date;
  submitted_at: Date | null;
  reviewed_at: Date | null;
}

const ACTUAL_SELECT = `
  SELECT a.id, a.indicator_id, i.key AS indicator_key, i.title AS indicator_title, i.measure, a.proposal_id,
         p.reference, a.period_start::text AS period_start, a.period_end::text AS period_end,
         a.value::text AS value, a.narrative, a.status, a.review_comment, a.created_at, a.submitted_at,
         a.reviewed_at,
         coalesce((SELECT json_agg(json_build_object('dimension', d.dimension, 'category', d.category,
                                                     'value', d.value::text) ORDER BY d.position)
                   FROM actual_disaggregations d WHERE d.actual_id = a.id), '[]'::json) AS disaggregation
  FROM indicator_actuals a
  JOIN indicators i ON i.id = a.indicator_id
  JOIN proposals p ON p.id = a.proposal_id`;

function toView(row: ActualRow): ActualView {
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    indicatorKey: row.indicator_key,
    indicatorTitle: row.indicator_title,
    measure: row.measure,
    programmeId: row.proposal_id,
    programmeReference: row.reference,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    value: fromDb(row.value),
    narrative: row.narrative,
    disaggregation: row.disaggregation.map((d) => ({ ...d, value: fromDb(d.value) as string })),
    status: row.status,
    reviewComment: row.review_comment,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    reviewedAt: row.reviewed_at?.toISOString() ?? null,
  };
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
  ) {}

  async create(user: AuthUser, indicatorId: string, input: CreateActualInput): Promise<ActualView> {
    return this.dataSource.transaction(async (manager) => {
      const indicator = await this.indicator(manager, indicatorId);
      const programme = await loadProposalAccess(manager, user, indicator.proposal_id, 'FOR SHARE');
      this.assertReporter(user, programme);
      const violations = [
        ...(await this.periodViolations(manager, indicatorId, input.periodStart, input.periodEnd)),
        ...actualValueViolations(indicator.measure, input.value, input.disaggregation),
      ];
      if (violations.length) throw new RuleViolationError('The actual breaks the results rules', violations);
      const existing = (await manager.query(
        `SELECT id, status FROM indicator_actuals WHERE indicator_id = $1 AND period_start = $2 AND period_end = $3`,
        [indicatorId, input.periodStart, input.periodEnd],
      )) as { id: string; status: ActualStatus }[];
      if (existing.length) {
        throw new ConflictError(`An actual for this period already exists (${existing[0].status})`, [
          {
            rule: 'DUPLICATE_PERIOD',
            message: 'one actual per indicator and period',
            actualId: existing[0].id,
          },
        ]);
      }
      const [row] = (await manager.query(
        `INSERT INTO indicator_actuals (indicator_id, proposal_id, period_start, period_end, value, narrative, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          indicatorId,
          indicator.proposal_id,
          input.periodStart,
          input.periodEnd,
          input.value,
          input.narrative,
          user.id,
        ],
      )) as { id: string }[];
      await this.writeDisaggregation(manager, row.id, input.disaggregation);
      const view = await this.view(manager, row.id);
      await this.audit.record(manager, {
        actor: user,
        action: 'actual.create',
        entityType: 'actual',
        entityId: row.id,
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
      await manager.query(
        `UPDATE indicator_actuals SET value = $2, narrative = $3, updated_at = now() WHERE id = $1`,
        [actualId, next.value, next.narrative],
      );
      if (patch.disaggregation) {
        await manager.query(`DELETE FROM actual_disaggregations WHERE actual_id = $1`, [actualId]);
        await this.writeDisaggregation(manager, actualId, patch.disaggregation);
      }
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
      await manager.query(
        `UPDATE indicator_actuals SET status = $2, submitted_at = now(), submitted_by = $3, updated_at = now()
         WHERE id = $1`,
        [actualId, to, user.id],
      );
      return this.recordStatus(manager, user, 'actual.submit', before, null);
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
    await loadProposalAccess(db, user, view.programmeId);
    if (!canSeeActual(user, view.status))
      throw new ForbiddenError('You may not see this actual: donors see approved (published) actuals only');
    return view;
  }

  /** Actuals the user may see; `status=SUBMITTED` is the FMU's approval queue, oldest first. */
  async list(user: AuthUser, query: ActualsQuery, manager?: EntityManager): Promise<Page<ActualView>> {
    const db = manager ?? this.dataSource.manager;
    const params: unknown[] = [];
    const bind = positionalParams(params);
    const where = [readableCondition(user, 'p', bind), visibleActualsCondition(user, 'a', bind)];
    if (query.status) {
      params.push(query.status);
      where.push(`a.status = $${params.length}`);
    }
    if (query.programmeId) {
      params.push(query.programmeId);
      where.push(`a.proposal_id = $${params.length}`);
    }
    if (query.indicatorId) {
      params.push(query.indicatorId);
      where.push(`a.indicator_id = $${params.length}`);
    }
    const condition = where.join(' AND ');
    const [{ total }] = (await db.query(
      `SELECT count(*)::int AS total FROM indicator_actuals a JOIN proposals p ON p.id = a.proposal_id WHERE ${condition}`,
      params,
    )) as { total: number }[];
    const rows = (await db.query(
      `${ACTUAL_SELECT} WHERE ${condition}
       ORDER BY coalesce(a.submitted_at, a.created_at), a.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, offsetOf(query)],
    )) as ActualRow[];
    return pageOf(rows.map(toView), total, query);
  }

  /**
   * Reporting periods of a programme whose end has passed (per the injectable Clock) without an
   * approved actual, oldest first, each DUE or OVERDUE (see `dueState`).
   */
  async due(user: AuthUser, programmeId: string, manager?: EntityManager): Promise<DueList> {
    const db = manager ?? this.dataSource.manager;
    const programme = await loadProposalAccess(db, user, programmeId);
    if (!isProgramme(programme.status)) throw new NotFoundError('Programme', programmeId);
    const today = this.clock.today();
    const rows = (await db.query(
      `SELECT i.id AS indicator_id, i.key AS indicator_key, i.title AS indicator_title, r.key AS result_key,
              t.period_start::text AS period_start, t.period_end::text AS period_end,
              a.id AS actual_id, a.status AS actual_status
       FROM indicator_targets t
       JOIN indicators i ON i.id = t.indicator_id
       JOIN matrix_results r ON r.id = i.result_id
       LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id
         AND a.period_start = t.period_start AND a.period_end = t.period_end
       WHERE i.proposal_id = $1 AND t.period_end < $2 AND (a.status IS NULL OR a.status <> 'APPROVED')
       ORDER BY t.period_end, r.position, i.position`,
      [programmeId, today],
    )) as {
      indicator_id: string;
      indicator_key: string;
      indicator_title: string;
      result_key: string;
      period_start: string;
      period_end: string;
      actual_id: string | null;
      actual_status: ActualStatus | null;
    }[];
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
          row.actual_id && canSeeActual(user, row.actual_status as ActualStatus)
            ? { id: row.actual_id, status: row.actual_status as ActualStatus }
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
      await loadProposalAccess(manager, user, proposalId, 'FOR SHARE');
      const before = await this.view(manager, actualId, true);
      const to = actualTransition(before.status, action);
      await manager.query(
        `UPDATE indicator_actuals SET status = $2, reviewed_at = now(), reviewed_by = $3, review_comment = $4,
           updated_at = now()
         WHERE id = $1`,
        [actualId, to, user.id, comment],
      );
      return this.recordStatus(manager, user, `actual.${action}`, before, comment);
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
    const programme = await loadProposalAccess(manager, user, proposalId, 'FOR SHARE');
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
    const rows = (await manager.query(`SELECT proposal_id FROM indicator_actuals WHERE id = $1`, [
      actualId,
    ])) as {
      proposal_id: string;
    }[];
    if (!rows.length) throw new NotFoundError('Actual', actualId);
    return rows[0].proposal_id;
  }

  private async indicator(
    manager: EntityManager,
    indicatorId: string,
  ): Promise<{ proposal_id: string; measure: IndicatorMeasure }> {
    const rows = (await manager.query(`SELECT proposal_id, measure FROM indicators WHERE id = $1`, [
      indicatorId,
    ])) as {
      proposal_id: string;
      measure: IndicatorMeasure;
    }[];
    if (!rows.length) throw new NotFoundError('Indicator', indicatorId);
    return rows[0];
  }

  /** The period must be one of the indicator's target periods and must have started. */
  private async periodViolations(
    manager: EntityManager,
    indicatorId: string,
    periodStart: string,
    periodEnd: string,
  ): Promise<ErrorDetail[]> {
    const periods = (await manager.query(
      `SELECT period_start::text AS start, period_end::text AS end FROM indicator_targets
       WHERE indicator_id = $1 ORDER BY period_start`,
      [indicatorId],
    )) as { start: string; end: string }[];
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

  private async writeDisaggregation(
    manager: EntityManager,
    actualId: string,
    parts: DisaggregationPart[],
  ): Promise<void> {
    if (!parts.length) return;
    await manager.query(
      `INSERT INTO actual_disaggregations (actual_id, dimension, category, value, position)
       SELECT $1, d, c, v, ordinality - 1
       FROM unnest($2::text[], $3::text[], $4::numeric[]) WITH ORDINALITY AS u(d, c, v, ordinality)`,
      [actualId, parts.map((p) => p.dimension), parts.map((p) => p.category), parts.map((p) => p.value)],
    );
  }

  private async view(manager: EntityManager, actualId: string, lock = false): Promise<ActualView> {
    const rows = (await manager.query(`${ACTUAL_SELECT} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`, [
      actualId,
    ])) as ActualRow[];
    if (!rows.length) throw new NotFoundError('Actual', actualId);
    return toView(rows[0]);
  }
}
