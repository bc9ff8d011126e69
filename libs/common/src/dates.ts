/** Dates travel as ISO calendar dates (YYYY-MM-DD) in UTC, on the server and in the browser. */
const MS_PER_DAY = 86_400_000;

/** The UTC calendar date of `now` as YYYY-MM-DD. */
export function isoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return isoDate(moved);
}

/**
 * The one way people read a date, on every screen and in server-made text: "3 Dec 2026" (UTC).
 * DATE_FORMAT is the same pattern in dayjs' terms, for the web's date inputs. Month names are fixed
 * here, not taken from a locale's data (which spells September "Sept" in some versions).
 */
export const DATE_FORMAT = 'D MMM YYYY';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
const parse = (value: string) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value);

/** A calendar date or a timestamp as "3 Dec 2026"; "—" for none; what it cannot read, unchanged. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : parse(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** A timestamp as "3 Dec 2026, 14:05 UTC". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : parse(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${formatDate(date)}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}
