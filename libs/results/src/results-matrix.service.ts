import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { Clock, ConflictError, ErrorDetail, RuleViolationError, ValidationError } from '@mptf/platform';
import { DataSource, EntityManager } from 'typeorm';
import { dueState, DueState } from './actual-rules';
import { fromDb } from './decimal';
import { matrixRuleViolations, parseMatrixShape } from './matrix-validation';
import { assertMatrixEditable, canSeeActual, loadProposalAccess } from './results-access';
import { ActualStatus, IndicatorMeasure, MatrixInput, PeriodWindow, ResultType } from './results.types';
import { indicatorOnTrack, shareOnTrack } from './rollup-rules';

export interface TargetView {
  periodStart: string;
  periodEnd: string;
  value: string | null;
  /** The actual reported for this period, in whatever state. */
  actual: { id: string; status: ActualStatus; value: string | null } | null;
  /** Approved actual meets the target in the indicator's direction; null until both exist. */
  onTrack: boolean | null;
  /** DUE / OVERDUE once the period has ended without an approved actual. */
  due: DueState | null;
}

export interface IndicatorProgress {
  periods: number;
  approvedActuals: number;
  latestApproved: { periodStart: string; periodEnd: string; value: string | null } | null;
  /** Judged on the latest period with both a target and an approved actual. */
  onTrack: boolean | null;
}

export interface IndicatorView {
  id: string;
  key: string;
  title: string;
  measure: IndicatorMeasure;
  ascending: boolean;
  unit: string | null;
  fundIndicatorCode: string | null;
  gcmObjectiveCodes: number[];
  baseline: { year: number; value: string | null };
  targets: TargetView[];
  progress: IndicatorProgress;
}

export interface ResultView {
  id: string;
  key: string;
  type: ResultType;
  title: string;
  parentKey: string | null;
  indicators: IndicatorView[];
}

export interface MatrixProgress {
  indicators: number;
  withTarget: number;
  withActual: number;
  onTrack: number;
  shareOnTrack: string | null;
}

export interface MatrixView {
  proposalId: string;
  reference: string;
  status: string;
  /** Where reporting periods must fall: start date (or creation month) + duration. */
  window: PeriodWindow;
  results: ResultView[];
  progress: MatrixProgress;
}

interface IndicatorRow {
  id: string;
  result_id: string;
  key: string;
  title: string;
  measure: IndicatorMeasure;
  ascending: boolean;
  unit: string | null;
  fund_indicator_code: string | null;
  baseline_year: number;
  baseline_value: string | null;
  gcm_objective_codes: number[];
}

interface TargetRow {
  indicator_id: string;
  period_start: string;
  period_end: string;
  value: string | null;
  actual_id: string | null;
  actual_status: ActualStatus | null;
  actual_value: string | null;
}

@Injectable()
export class ResultsMatrixService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The matrix with ids and progress, for a user who may see the proposal. */
  async get(user: AuthUser, proposalId: string, manager?: EntityManager): Promise<MatrixView> {
    const db = manager ?? this.dataSource.manager;
    const proposal = await loadProposalAccess(db, user, proposalId);
    return this.build(db, proposal, (status) => canSeeActual(user, status));
  }

  /**
   * The matrix without a user check, for other modules (reporting, revisions snapshots) that
   * have already decided who may see it. Pass the manager of a REPEATABLE READ transaction to
   * read it in the same snapshot as the rest of a report.
   */
  async read(proposalId: string, manager?: EntityManager): Promise<MatrixView> {
    const db = manager ?? this.dataSource.manager;
    return this.build(db, await loadProposalAccess(db, null, proposalId));
  }

  /**
   * Replaces the whole matrix. Results and indicators are matched by key, so their ids (and the
   * actuals reported against them) survive; removing an indicator, or a period, that has an
   * approved actual is refused (409). Unapproved actuals of removed indicators or periods go
   * with them (counted in the audit event).
   */
  async replace(user: AuthUser, proposalId: string, body: unknown): Promise<MatrixView> {
    const shape = parseMatrixShape(body);
    if (!shape.ok) {
      throw new ValidationError(
        shape.details.map((d) => `${d.field} ${d.message}`).join('; '),
        shape.details,
      );
    }
    const matrix = shape.matrix;
    return this.dataSource.transaction(async (manager) => {
      const proposal = await loadProposalAccess(manager, user, proposalId, 'FOR NO KEY UPDATE');
      assertMatrixEditable(user, proposal);
      const fundCodes = (await manager.query(`SELECT code FROM fund_indicators WHERE active`)) as {
        code: string;
      }[];
      const violations = matrixRuleViolations(matrix, {
        window: proposal.window,
        fundIndicatorCodes: new Set(fundCodes.map((row) => row.code)),
      });
      if (violations.length) {
        throw new RuleViolationError(
          `The results matrix breaks ${violations.length} rule${violations.length > 1 ? 's' : ''}`,
          violations,
        );
      }
      const before = await this.summary(manager, proposalId);
      await this.assertApprovedActualsKept(manager, proposalId, matrix);
      const deletedActuals = await this.apply(manager, proposalId, matrix);
      const after = await this.summary(manager, proposalId);
      await this.audit.record(manager, {
        actor: user,
        action: 'results-matrix.replace',
        entityType: 'results-matrix',
        entityId: proposalId,
        before,
        after: { ...after, deletedActuals },
      });
      return this.build(manager, proposal, (status) => canSeeActual(user, status));
    });
  }

  private async summary(manager: EntityManager, proposalId: string) {
    const [row] = (await manager.query(
      `SELECT (SELECT coalesce(array_agg(key ORDER BY position), '{}') FROM matrix_results WHERE proposal_id = $1) AS results,
              (SELECT coalesce(array_agg(key ORDER BY key), '{}') FROM indicators WHERE proposal_id = $1) AS indicators,
              (SELECT count(*)::int FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id
                WHERE i.proposal_id = $1) AS targets`,
      [proposalId],
    )) as { results: string[]; indicators: string[]; targets: number }[];
    return row;
  }

  private async assertApprovedActualsKept(
    manager: EntityManager,
    proposalId: string,
    matrix: MatrixInput,
  ): Promise<void> {
    const approved = (await manager.query(
      `SELECT i.key, a.period_start::text AS period_start, a.period_end::text AS period_end
       FROM indicator_actuals a JOIN indicators i ON i.id = a.indicator_id
       WHERE a.proposal_id = $1 AND a.status = 'APPROVED'`,
      [proposalId],
    )) as { key: string; period_start: string; period_end: string }[];
    const indicators = new Map(matrix.results.flatMap((r) => r.indicators).map((i) => [i.key, i]));
    const problems: ErrorDetail[] = [];
    const removed = new Set<string>();
    for (const actual of approved) {
      const indicator = indicators.get(actual.key);
      if (!indicator) {
        if (!removed.has(actual.key)) {
          removed.add(actual.key);
          problems.push({
            rule: 'APPROVED_ACTUALS',
            indicatorKey: actual.key,
            message: `indicator "${actual.key}" has approved actuals and cannot be removed`,
          });
        }
      } else if (
        !indicator.targets.some(
          (t) => t.periodStart === actual.period_start && t.periodEnd === actual.period_end,
        )
      ) {
        problems.push({
          rule: 'APPROVED_ACTUALS',
          indicatorKey: actual.key,
          periodStart: actual.period_start,
          periodEnd: actual.period_end,
          message: `period ${actual.period_start}–${actual.period_end} of indicator "${actual.key}" has an approved actual and must stay`,
        });
      }
    }
    if (problems.length) {
      throw new ConflictError(problems.map((p) => p.message).join('; '), problems);
    }
  }

  /** Upserts by key, deletes what is gone; returns how many unapproved actuals went with it. */
  private async apply(manager: EntityManager, proposalId: string, matrix: MatrixInput): Promise<number> {
    const resultIds = new Map<string, string>();
    // Outcomes first, so outputs can point at their parent's id.
    const ordered = matrix.results
      .map((result, position) => ({ result, position }))
      .sort(
        (a, b) => Number(a.result.type === ResultType.OUTPUT) - Number(b.result.type === ResultType.OUTPUT),
      );
    for (const { result, position } of ordered) {
      const parentId = result.parentKey ? (resultIds.get(result.parentKey) ?? null) : null;
      const [row] = (await manager.query(
        `INSERT INTO matrix_results (proposal_id, key, type, title, parent_id, position)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (proposal_id, key) DO UPDATE SET type = EXCLUDED.type, title = EXCLUDED.title,
           parent_id = EXCLUDED.parent_id, position = EXCLUDED.position, updated_at = now()
         RETURNING id`,
        [proposalId, result.key, result.type, result.title, parentId, position],
      )) as { id: string }[];
      resultIds.set(result.key, row.id);
    }

    const indicatorIds: string[] = [];
    let position = 0;
    for (const result of matrix.results) {
      for (const indicator of result.indicators) {
        const [row] = (await manager.query(
          `INSERT INTO indicators (proposal_id, result_id, key, title, measure, ascending, unit, fund_indicator_code,
             baseline_year, baseline_value, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (proposal_id, key) DO UPDATE SET result_id = EXCLUDED.result_id, title = EXCLUDED.title,
             measure = EXCLUDED.measure, ascending = EXCLUDED.ascending, unit = EXCLUDED.unit,
             fund_indicator_code = EXCLUDED.fund_indicator_code, baseline_year = EXCLUDED.baseline_year,
             baseline_value = EXCLUDED.baseline_value, position = EXCLUDED.position, updated_at = now()
           RETURNING id`,
          [
            proposalId,
            resultIds.get(result.key),
            indicator.key,
            indicator.title,
            indicator.measure,
            indicator.ascending,
            indicator.unit,
            indicator.fundIndicatorCode,
            indicator.baseline.year,
            indicator.baseline.value,
            position++,
          ],
        )) as { id: string }[];
        indicatorIds.push(row.id);
        await manager.query(`DELETE FROM indicator_objectives WHERE indicator_id = $1`, [row.id]);
        if (indicator.gcmObjectiveCodes.length) {
          await manager.query(
            `INSERT INTO indicator_objectives (indicator_id, gcm_objective_code)
             SELECT $1, unnest($2::smallint[])`,
            [row.id, indicator.gcmObjectiveCodes],
          );
        }
        await manager.query(`DELETE FROM indicator_targets WHERE indicator_id = $1`, [row.id]);
        if (indicator.targets.length) {
          await manager.query(
            `INSERT INTO indicator_targets (indicator_id, period_start, period_end, value)
             SELECT $1, * FROM unnest($2::date[], $3::date[], $4::numeric[])`,
            [
              row.id,
              indicator.targets.map((t) => t.periodStart),
              indicator.targets.map((t) => t.periodEnd),
              indicator.targets.map((t) => t.value),
            ],
          );
        }
      }
    }

    // Unapproved actuals whose indicator or period is gone (approved ones were checked above).
    const [, deleted] = (await manager.query(
      `DELETE FROM indicator_actuals a
       WHERE a.proposal_id = $1 AND a.status <> 'APPROVED'
         AND NOT (a.indicator_id = ANY($2::uuid[]) AND EXISTS (
           SELECT 1 FROM indicator_targets t WHERE t.indicator_id = a.indicator_id
             AND t.period_start = a.period_start AND t.period_end = a.period_end))`,
      [proposalId, indicatorIds],
    )) as [unknown[], number];
    await manager.query(`DELETE FROM indicators WHERE proposal_id = $1 AND NOT (id = ANY($2::uuid[]))`, [
      proposalId,
      indicatorIds,
    ]);
    await manager.query(`DELETE FROM matrix_results WHERE proposal_id = $1 AND NOT (id = ANY($2::uuid[]))`, [
      proposalId,
      [...resultIds.values()],
    ]);
    return deleted;
  }

  /** `shows` says which actuals the reader sees (canSeeActual); the others read as not reported. */
  private async build(
    manager: EntityManager,
    proposal: { id: string; reference: string; status: string; window: PeriodWindow },
    shows: (status: ActualStatus) => boolean = () => true,
  ): Promise<MatrixView> {
    const results = (await manager.query(
      `SELECT r.id, r.key, r.type, r.title, parent.key AS parent_key
       FROM matrix_results r LEFT JOIN matrix_results parent ON parent.id = r.parent_id
       WHERE r.proposal_id = $1 ORDER BY r.position`,
      [proposal.id],
    )) as { id: string; key: string; type: ResultType; title: string; parent_key: string | null }[];
    const indicators = (await manager.query(
      `SELECT i.id, i.result_id, i.key, i.title, i.measure, i.ascending, i.unit, i.fund_indicator_code,
              i.baseline_year, i.baseline_value::text AS baseline_value,
              coalesce((SELECT array_agg(o.gcm_objective_code::int ORDER BY o.gcm_objective_code)
                        FROM indicator_objectives o WHERE o.indicator_id = i.id), '{}') AS gcm_objective_codes
       FROM indicators i WHERE i.proposal_id = $1 ORDER BY i.position`,
      [proposal.id],
    )) as IndicatorRow[];
    const targets = (await manager.query(
      `SELECT t.indicator_id, t.period_start::text AS period_start, t.period_end::text AS period_end,
              t.value::text AS value, a.id AS actual_id, a.status AS actual_status, a.value::text AS actual_value
       FROM indicator_targets t
       JOIN indicators i ON i.id = t.indicator_id
       LEFT JOIN indicator_actuals a ON a.indicator_id = t.indicator_id
         AND a.period_start = t.period_start AND a.period_end = t.period_end
       WHERE i.proposal_id = $1 ORDER BY t.period_start`,
      [proposal.id],
    )) as TargetRow[];
    for (const target of targets)
      if (target.actual_status && !shows(target.actual_status))
        Object.assign(target, { actual_id: null, actual_status: null, actual_value: null });

    const today = this.clock.today();
    const targetsOf = new Map<string, TargetRow[]>();
    for (const target of targets) {
      const list = targetsOf.get(target.indicator_id) ?? [];
      list.push(target);
      targetsOf.set(target.indicator_id, list);
    }
    const progress: MatrixProgress = {
      indicators: 0,
      withTarget: 0,
      withActual: 0,
      onTrack: 0,
      shareOnTrack: null,
    };
    let assessed = 0;

    const indicatorView = (row: IndicatorRow): IndicatorView => {
      const rows = targetsOf.get(row.id) ?? [];
      const periods = rows.map((t) => {
        const approved = t.actual_status === ActualStatus.APPROVED;
        const value = fromDb(t.value);
        const actualValue = fromDb(t.actual_value);
        return {
          periodStart: t.period_start,
          periodEnd: t.period_end,
          value,
          actual: t.actual_id
            ? { id: t.actual_id, status: t.actual_status as ActualStatus, value: actualValue }
            : null,
          onTrack:
            approved && value !== null && actualValue !== null
              ? indicatorOnTrack(row.ascending, [
                  { periodEnd: t.period_end, target: value, approvedActual: actualValue },
                ])
              : null,
          due: dueState(t.period_end, today, approved),
        };
      });
      const approved = periods.filter((p) => p.actual?.status === ActualStatus.APPROVED);
      const latest = approved[approved.length - 1];
      const onTrack = indicatorOnTrack(
        row.ascending,
        periods.map((p) => ({
          periodEnd: p.periodEnd,
          target: p.value,
          approvedActual: p.actual?.status === ActualStatus.APPROVED ? p.actual.value : null,
        })),
      );
      progress.indicators += 1;
      if (periods.some((p) => p.value !== null)) progress.withTarget += 1;
      if (approved.length) progress.withActual += 1;
      if (onTrack !== null) assessed += 1;
      if (onTrack) progress.onTrack += 1;
      return {
        id: row.id,
        key: row.key,
        title: row.title,
        measure: row.measure,
        ascending: row.ascending,
        unit: row.unit,
        fundIndicatorCode: row.fund_indicator_code,
        gcmObjectiveCodes: row.gcm_objective_codes,
        baseline: { year: row.baseline_year, value: fromDb(row.baseline_value) },
        targets: periods,
        progress: {
          periods: periods.length,
          approvedActuals: approved.length,
          latestApproved: latest
            ? {
                periodStart: latest.periodStart,
                periodEnd: latest.periodEnd,
                value: latest.actual?.value ?? null,
              }
            : null,
          onTrack,
        },
      };
    };

    const view: MatrixView = {
      proposalId: proposal.id,
      reference: proposal.reference,
      status: proposal.status,
      window: proposal.window,
      results: results.map((result) => ({
        id: result.id,
        key: result.key,
        type: result.type,
        title: result.title,
        parentKey: result.parent_key,
        indicators: indicators.filter((i) => i.result_id === result.id).map(indicatorView),
      })),
      progress,
    };
    progress.shareOnTrack = shareOnTrack(progress.onTrack, assessed);
    return view;
  }
}
