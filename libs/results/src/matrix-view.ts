import { dueState, DueState } from './actual-rules';
import { fromDb } from './decimal';
import { IndicatorRow, ResultRow, TargetRow } from './matrix.repository';
import {
  ActualStatus,
  IndicatorAggregation,
  IndicatorMeasure,
  PeriodWindow,
  ResultType,
} from './results.types';
import { shareOnTrack } from './rollup-rules';

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
  /** How its period values add up (INCREMENTAL, CUMULATIVE, LATEST). */
  aggregation: IndicatorAggregation;
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

/** What the matrix is built from: the proposal, its rows, and the reader's view of actuals. */
export interface MatrixSource {
  proposal: { id: string; reference: string; status: string; window: PeriodWindow };
  results: ResultRow[];
  indicators: IndicatorRow[];
  targets: TargetRow[];
  today: string;
  /** Which actuals the reader sees (canSeeActual); the others read as not reported. */
  shows: (status: ActualStatus) => boolean;
}

/** The matrix with each period's actual, due state and judgement, and the progress counts. */
export function buildMatrixView({
  proposal,
  results,
  indicators,
  targets,
  today,
  shows,
}: MatrixSource): MatrixView {
  for (const target of targets)
    if (target.actual_status && !shows(target.actual_status))
      Object.assign(target, { actual_id: null, actual_status: null, actual_value: null, on_track: null });

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
        onTrack: t.on_track,
        due: dueState(t.period_end, today, approved),
      };
    });
    const approved = periods.filter((p) => p.actual?.status === ActualStatus.APPROVED);
    const latest = approved[approved.length - 1];
    const onTrack = row.on_track;
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
      aggregation: row.aggregation,
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
