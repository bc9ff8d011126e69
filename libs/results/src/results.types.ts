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
