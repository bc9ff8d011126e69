import { addDays, daysBetween, formatDate, formatDateTime, isoDate } from './dates';

describe('dates', () => {
  it('gives the UTC calendar date, whatever the hour', () => {
    expect(isoDate(new Date('2026-03-31T23:59:59Z'))).toBe('2026-03-31');
    expect(isoDate(new Date('2026-04-01T00:00:00+02:00'))).toBe('2026-03-31');
  });

  it('counts whole days between two dates, across month ends and leap days', () => {
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(0);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-01')).toBe(-30);
  });

  it('moves a date by calendar days', () => {
    expect(addDays('2026-02-27', 14)).toBe('2026-03-13');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('formatDate / formatDateTime', () => {
  it('reads a calendar date and a timestamp one way, in UTC', () => {
    expect(formatDate('2026-12-03')).toBe('3 Dec 2026');
    expect(formatDate('2026-09-30T23:30:00Z')).toBe('30 Sep 2026');
    expect(formatDateTime('2026-12-03T14:05:09Z')).toBe('3 Dec 2026, 14:05 UTC');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
