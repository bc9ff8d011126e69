import { PeriodWindow } from './results.types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function toDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

function toText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(text: string, months: number): string {
  const date = toDate(text);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toText(new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay))));
}

export function addDays(text: string, days: number): string {
  const date = toDate(text);
  date.setUTCDate(date.getUTCDate() + days);
  return toText(date);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

/**
 * The window reporting periods must fall in: from the programme's start date (set by the first
 * transfer) or, while there is none yet, the first day of the month the proposal was created,
 * for `durationMonths` months: [start, start + durationMonths − 1 day].
 */
export function programmeWindow(input: {
  startDate: string | null;
  createdAt: Date | string;
  durationMonths: number;
}): PeriodWindow {
  const created = typeof input.createdAt === 'string' ? new Date(input.createdAt) : input.createdAt;
  const start = input.startDate ?? `${toText(created).slice(0, 7)}-01`;
  return { start, end: addDays(addMonths(start, input.durationMonths), -1) };
}

/** Inclusive date ranges overlap when each starts on or before the other ends. */
export function periodsOverlap(
  a: { periodStart: string; periodEnd: string },
  b: { periodStart: string; periodEnd: string },
): boolean {
  return a.periodStart <= b.periodEnd && b.periodStart <= a.periodEnd;
}
