import { ratio } from '@mptf/platform';

/**
 * THE ON-TRACK RULE lives in the database, once (migration ResultsOnTrackRule): a period is on
 * track when its approved actual meets the period's target in the indicator's direction —
 * ascending (higher is better): actual ≥ target; descending: actual ≤ target
 * (`results_period_on_track`). An indicator is judged on its latest assessed period in the window
 * (the period with both a target value and an approved actual that ends last), as the roll-up's
 * read model keeps it (`indicator_standings`); the results matrix reads both.
 *
 * The window is a reporting year (periods ending 1 January – 31 December) or, without a year,
 * every period since inception. Sums of unit indicators add the values of the periods in the
 * window, so period values are what was achieved in that period (not running totals).
 */

/** on-track ÷ assessed as a decimal string with four places ("0.6667"); null when nothing is assessed. */
export function shareOnTrack(onTrack: number, assessed: number): string | null {
  if (assessed === 0) return null;
  return ratio(BigInt(onTrack), BigInt(assessed), 4);
}
