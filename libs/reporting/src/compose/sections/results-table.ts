import { IndicatorProgress } from '../extension-points';
import { TableBlock } from '../../document/report-document';

const unitOf = (i: IndicatorProgress) =>
  i.unit ?? (i.measure === 'PERCENTAGE' ? '%' : i.measure.toLowerCase());

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
  compact = false,
): TableBlock {
  const year = indicators[0]?.year;
  if (compact) return compactResultsTable(title, indicators, first, firstLabel);
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
      unit: unitOf(i),
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

const AGGREGATION_SHORT: Record<string, string> = {
  INCREMENTAL: 'summed',
  CUMULATIVE: 'cumulative',
  LATEST: 'latest',
};

/**
 * The same figures in a row that mostly fits one line (an annex of thousands of indicators): how
 * the periods add up goes with the unit, the latest approved period by its end date, and an
 * overdue period by the date it ended.
 */
function compactResultsTable<Indicator extends IndicatorProgress>(
  title: string,
  indicators: Indicator[],
  first: (indicator: Indicator) => string,
  firstLabel: string,
): TableBlock {
  const year = indicators[0]?.year;
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'first', label: firstLabel, type: 'text', weight: 1 },
      { key: 'indicator', label: 'Indicator', type: 'text', weight: 3.2 },
      { key: 'unit', label: 'Unit, periods', type: 'text', weight: 1.3 },
      { key: 'baseline', label: 'Baseline', type: 'number', weight: 0.8 },
      { key: 'target', label: 'End target', type: 'number', weight: 0.8 },
      {
        key: 'targetForYear',
        label: year ? `Target ${year}` : 'Target of the year',
        type: 'number',
        weight: 0.8,
      },
      { key: 'actual', label: 'Approved actual', type: 'number', weight: 0.9 },
      { key: 'period', label: 'Period ending', type: 'text', weight: 1 },
      { key: 'progress', label: 'Progress', type: 'percent', weight: 0.8 },
      { key: 'standing', label: 'Standing', type: 'text', weight: 1.2 },
    ],
    rows: indicators.map((i) => ({
      first: first(i),
      indicator: i.indicatorTitle,
      unit: `${unitOf(i)}, ${AGGREGATION_SHORT[i.aggregation] ?? i.aggregation.toLowerCase()}`,
      baseline: i.baseline,
      target: i.target,
      targetForYear: i.targetForYear,
      actual: i.actual,
      period: i.latestPeriod ? i.latestPeriod.slice(-10) : 'none',
      progress: i.progress,
      standing: i.standing.replace(/^Overdue \(period ending (.+)\)$/, 'Overdue ($1)'),
    })),
    note: 'Periods: summed (targets and approved actuals added over the periods to date), cumulative or latest (the latest period’s target and approved value). Period ending: the end of the latest period with an approved actual. Progress: the share of the way from the baseline to the end target. Overdue (date): the period ending on that date has no approved actual past the grace days.',
  };
}
