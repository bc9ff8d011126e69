import { addMonths, isIsoDate, periodsOverlap, programmeWindow } from './period-window';

describe('programme window', () => {
  it('runs from the start date for the duration', () => {
    expect(
      programmeWindow({ startDate: '2025-03-15', createdAt: new Date('2024-01-01'), durationMonths: 24 }),
    ).toEqual({
      start: '2025-03-15',
      end: '2027-03-14',
    });
  });

  it('starts on the first day of the creation month while there is no start date', () => {
    expect(
      programmeWindow({ startDate: null, createdAt: new Date('2026-05-20T10:00:00Z'), durationMonths: 12 }),
    ).toEqual({ start: '2026-05-01', end: '2027-04-30' });
  });

  it('adds months clamping to the end of shorter months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('knows real dates and overlapping periods', () => {
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
    const a = { periodStart: '2025-01-01', periodEnd: '2025-06-30' };
    expect(periodsOverlap(a, { periodStart: '2025-06-30', periodEnd: '2025-12-31' })).toBe(true);
    expect(periodsOverlap(a, { periodStart: '2025-07-01', periodEnd: '2025-12-31' })).toBe(false);
  });
});
