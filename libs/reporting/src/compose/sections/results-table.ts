import { IndicatorProgress } from '../extension-points';
import { TableBlock } from '../../document/report-document';

const AGGREGATION_NOTE: Record<string, string> = {
  INCREMENTAL: 'summed over periods',
  CUMULATIVE: 'cumulative',
  LATEST: 'latest level',
};

/**
 * A results table (issue 17): per indicator its unit, baseline, end target and the target of the
 * year, the latest approved actual with its period, progress and whether it is on track or
 * overdue. Targets and actuals follow the indicator's aggregation (summed for INCREMENTAL, the
 * latest period's for CUMULATIVE and LATEST), never a sum of running totals.
 */
export function resultsTable<Indicator extends IndicatorProgress>(
  title: string,
  indicators: Indicator[],
  first: (indicator: Indicator) => string,
  firstLabel = 'Result',
): TableBlock {
  const year = indicators[0]?.year;
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'first', label: firstLabel, type: 'text', weight: 1.1 },
      { key: 'indicator', label: 'Indicator', type: 'text', weight: 3.2 },
      { key: 'unit', label: 'Unit', type: 'text', weight: 1 },
      { key: 'baseline', label: 'Baseline', type: 'number', weight: 0.9 },
      { key: 'target', label: 'End target', type: 'number', weight: 0.9 },
      {
        key: 'targetForYear',
        label: year ? `Target ${year}` : 'Target of the year',
        type: 'number',
        weight: 0.9,
      },
      { key: 'actual', label: 'Approved actual', type: 'number', weight: 1 },
      { key: 'period', label: 'Latest approved period', type: 'text', weight: 1.3 },
      { key: 'progress', label: 'Progress', type: 'percent', weight: 0.8 },
      { key: 'standing', label: 'Standing', type: 'text', weight: 1.2 },
    ],
    rows: indicators.map((i) => ({
      first: first(i),
      indicator: `${i.indicatorTitle} (${AGGREGATION_NOTE[i.aggregation] ?? i.aggregation})`,
      unit: i.unit ?? (i.measure === 'PERCENTAGE' ? '%' : i.measure.toLowerCase()),
      baseline: i.baseline,
      target: i.target,
      targetForYear: i.targetForYear,
      actual: i.actual,
      period: i.latestPeriod ?? 'none approved',
      progress: i.progress,
      standing: i.standing,
    })),
    note: 'Approved actual: for summed indicators the sum of their approved actuals to date (targets summed likewise); for cumulative and level indicators the latest approved value (targets: the latest period’s). Progress: the share of the way from the baseline to the end target. Overdue: a period ended more than the grace days ago without an approved actual.',
  };
}
