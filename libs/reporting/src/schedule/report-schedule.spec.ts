import { scheduledReportsDue } from './report-schedule';

const keys = (iso: string, deadline = '04-30') =>
  scheduledReportsDue(new Date(iso), { expenditureDeadline: deadline }).map((entry) => entry.scheduleKey);

describe('report schedule', () => {
  it('creates the monthly portfolio factsheet from the first of each month', () => {
    expect(keys('2027-01-01T00:00:00Z')).toEqual(['PORTFOLIO_FACTSHEET:2027-01']);
    expect(keys('2027-12-31T23:59:59Z')).toContain('PORTFOLIO_FACTSHEET:2027-12');
  });

  it('creates the previous year’s annual report only after the expenditure deadline', () => {
    expect(keys('2027-04-30T23:00:00Z')).not.toContain('ANNUAL_CONSOLIDATED:2026');
    expect(keys('2027-05-01T00:00:00Z')).toContain('ANNUAL_CONSOLIDATED:2026');
    expect(keys('2027-11-30T03:00:00Z')).toContain('ANNUAL_CONSOLIDATED:2026');
    // The deadline is a fund setting.
    expect(keys('2027-03-01T03:00:00Z', '02-28')).toContain('ANNUAL_CONSOLIDATED:2026');
    expect(keys('2027-03-01T03:00:00Z')).not.toContain('ANNUAL_CONSOLIDATED:2026');
  });

  it('asks for the annual report with its year, as a PDF', () => {
    const annual = scheduledReportsDue(new Date('2027-06-01T03:00:00Z'), { expenditureDeadline: '04-30' })[0];
    expect(annual).toEqual({
      scheduleKey: 'ANNUAL_CONSOLIDATED:2026',
      type: 'ANNUAL_CONSOLIDATED',
      format: 'pdf',
      parameters: { year: 2026 },
    });
  });
});
