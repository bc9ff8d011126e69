import { ratio } from '@mptf/platform';
import { compareDecimal } from './decimal';

/**
 * THE ON-TRACK RULE (refresh_indicator_standings of migration IndicatorStandings implements it in
 * SQL for the roll-up; keep them in step):
 * a period is on track when its approved actual meets the period's target in the indicator's
 * direction — ascending (higher is better): actual ≥ target; descending: actual ≤ target.
 *
 * An indicator is judged on its latest assessed period in the window (the period with both a
 * target value and an approved actual that ends last). The share on track of a group is
 * on-track indicators ÷ indicators with both a target and an approved actual in the window.
 *
 * The window is a reporting year (periods ending 1 January – 31 December) or, without a year,
 * every period since inception. Sums of unit indicators add the values of the periods in the
 * window, so period values are what was achieved in that period (not running totals).
 */
export function isOnTrack(ascending: boolean, actual: string, target: string): boolean {
  const comparison = compareDecimal(actual, target);
  return ascending ? comparison >= 0 : comparison <= 0;
}

export interface PeriodAssessment {
  periodEnd: string;
  target: string | null;
  approvedActual: string | null;
}

/** The latest period with both a target and an approved actual, judged by `isOnTrack`; null if none. */
export function indicatorOnTrack(ascending: boolean, periods: readonly PeriodAssessment[]): boolean | null {
  const assessed = periods
    .filter((p) => p.target !== null && p.approvedActual !== null)
    .sort((a, b) => (a.periodEnd < b.periodEnd ? 1 : a.periodEnd > b.periodEnd ? -1 : 0));
  if (assessed.length === 0) return null;
  return isOnTrack(ascending, assessed[0].approvedActual as string, assessed[0].target as string);
}

/** on-track ÷ assessed as a decimal string with four places ("0.6667"); null when nothing is assessed. */
export function shareOnTrack(onTrack: number, assessed: number): string | null {
  if (assessed === 0) return null;
  return ratio(BigInt(onTrack), BigInt(assessed), 4);
}
