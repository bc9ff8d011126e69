import { element, narrative } from './iati-xml-base';
import { ActualStatus, IndicatorMeasure, ResultType } from './results.types';

/** A programme's results in IATI 2.03: indicators with baselines, targets and approved actuals. */

/** IATI IndicatorMeasure 1–5, in the order of the enum. */
export const MEASURE_CODE: Record<IndicatorMeasure, string> = {
  [IndicatorMeasure.UNIT]: '1',
  [IndicatorMeasure.PERCENTAGE]: '2',
  [IndicatorMeasure.NOMINAL]: '3',
  [IndicatorMeasure.ORDINAL]: '4',
  [IndicatorMeasure.QUALITATIVE]: '5',
};

/** IATI ResultType: 1 output, 2 outcome. */
export const RESULT_TYPE_CODE: Record<ResultType, string> = {
  [ResultType.OUTPUT]: '1',
  [ResultType.OUTCOME]: '2',
};

export interface IatiPeriod {
  periodStart: string;
  periodEnd: string;
  target: string | null;
  /** The approved actual, if any (only approved actuals are published). */
  actual: {
    status: ActualStatus;
    value: string | null;
    narrative: string;
    disaggregation: { dimension: string; category: string; value: string }[];
  } | null;
}

export interface IatiIndicator {
  title: string;
  measure: IndicatorMeasure;
  ascending: boolean;
  fundIndicatorCode: string | null;
  gcmObjectiveCodes: number[];
  baseline: { year: number; value: string | null };
  periods: IatiPeriod[];
}

export interface IatiResult {
  type: ResultType;
  title: string;
  indicators: IatiIndicator[];
}

function periodXml(indicator: IatiIndicator, period: IatiPeriod): string {
  const qualitative = indicator.measure === IndicatorMeasure.QUALITATIVE;
  const children = [
    element('period-start', { 'iso-date': period.periodStart }),
    element('period-end', { 'iso-date': period.periodEnd }),
  ];
  if (period.target !== null || qualitative) {
    children.push(element('target', { value: qualitative ? undefined : period.target }));
  }
  const actual = period.actual;
  if (actual && actual.status === ActualStatus.APPROVED) {
    children.push(
      element('actual', { value: qualitative ? undefined : actual.value }, [
        actual.narrative ? element('comment', {}, narrative(actual.narrative)) : '',
      ]),
    );
    // One actual per disaggregated part, each tagged with its dimension (IATI's way).
    for (const part of actual.disaggregation) {
      children.push(
        element('actual', { value: part.value }, [
          element('dimension', { name: part.dimension, value: part.category }),
        ]),
      );
    }
  }
  return element('period', {}, children);
}

function indicatorXml(indicator: IatiIndicator): string {
  const references = [
    ...(indicator.fundIndicatorCode ? [indicator.fundIndicatorCode] : []),
    ...indicator.gcmObjectiveCodes.map((code) => `GCM-${code}`),
  ];
  return element(
    'indicator',
    { measure: MEASURE_CODE[indicator.measure], ascending: indicator.ascending ? '1' : '0' },
    [
      element('title', {}, narrative(indicator.title)),
      // Vocabulary 99: the reporting organisation's own codes (fund indicators, GCM objectives).
      ...references.map((code) => element('reference', { vocabulary: '99', code })),
      element('baseline', {
        year: indicator.baseline.year,
        value: indicator.measure === IndicatorMeasure.QUALITATIVE ? undefined : indicator.baseline.value,
      }),
      ...indicator.periods.map((period) => periodXml(indicator, period)),
    ],
  );
}

/** The `result` elements of an activity (results without indicators are left out). */
export function resultsXml(results: readonly IatiResult[]): string[] {
  return results
    .filter((result) => result.indicators.length > 0)
    .map((result) =>
      element('result', { type: RESULT_TYPE_CODE[result.type] }, [
        element('title', {}, narrative(result.title)),
        ...result.indicators.map(indicatorXml),
      ]),
    );
}
