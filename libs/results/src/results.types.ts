/** The vocabulary of the results matrix; it mirrors the IATI 2.03 `result` element. */
export enum ResultType {
  OUTCOME = 'OUTCOME',
  OUTPUT = 'OUTPUT',
}

/** IATI IndicatorMeasure 1–5. */
export enum IndicatorMeasure {
  UNIT = 'UNIT',
  PERCENTAGE = 'PERCENTAGE',
  NOMINAL = 'NOMINAL',
  ORDINAL = 'ORDINAL',
  QUALITATIVE = 'QUALITATIVE',
}

/**
 * How an indicator's period values add up over a window (issue 17):
 * - INCREMENTAL: each period's value is what was achieved in that period; they are summed;
 * - CUMULATIVE: each period's value is the running total to its end; the window's figure is the
 *   latest period's (the end-of-period target, the latest approved actual), never a sum;
 * - LATEST: a level (a rate, a score): the latest period's value, never a sum.
 * Default: INCREMENTAL for UNIT indicators, LATEST for the other measures.
 */
export enum IndicatorAggregation {
  INCREMENTAL = 'INCREMENTAL',
  CUMULATIVE = 'CUMULATIVE',
  LATEST = 'LATEST',
}

export function defaultAggregation(measure: IndicatorMeasure): IndicatorAggregation {
  return measure === IndicatorMeasure.UNIT ? IndicatorAggregation.INCREMENTAL : IndicatorAggregation.LATEST;
}

export enum ActualStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

export interface TargetInput {
  periodStart: string;
  periodEnd: string;
  /** Canonical decimal string, or null (qualitative indicators). */
  value: string | null;
}

export interface IndicatorInput {
  key: string;
  title: string;
  measure: IndicatorMeasure;
  aggregation: IndicatorAggregation;
  ascending: boolean;
  unit: string | null;
  fundIndicatorCode: string | null;
  gcmObjectiveCodes: number[];
  baseline: { year: number; value: string | null };
  targets: TargetInput[];
}

export interface ResultInput {
  key: string;
  type: ResultType;
  title: string;
  parentKey: string | null;
  indicators: IndicatorInput[];
}

/** The body of `PUT /proposals/:id/results-matrix`, after shape validation. */
export interface MatrixInput {
  results: ResultInput[];
}

export interface DisaggregationPart {
  dimension: string;
  category: string;
  value: string;
}

/** The first and last day a programme's reporting periods may cover (inclusive). */
export interface PeriodWindow {
  start: string;
  end: string;
}
