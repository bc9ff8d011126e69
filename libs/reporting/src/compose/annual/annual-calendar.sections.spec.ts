import { lateReportsSection, programmeNarrativesSection } from './annual-calendar.sections';
import { AnnualReportData } from './annual-report.data';

const late = {
  id: 'o1',
  programmeId: 'p1',
  reference: 'MIG-2026-0001',
  title: 'Corridors',
  kind: 'ANNUAL_FINANCIAL',
  year: 2026,
  orgCode: 'IOM',
  convenerCode: 'IOM',
  periodStart: '2026-02-01',
  periodEnd: '2026-12-31',
  dueDate: '2027-04-30',
  status: 'OVERDUE',
  daysOverdue: 10,
  submittedOn: null,
  lateByDays: null,
  progressReportId: null,
} as const;

describe('the annual report’s reporting calendar sections', () => {
  it('lists late reports of the year with their days late, and only with a year', () => {
    const section = lateReportsSection({ year: 2026, lateReports: [late] } as unknown as AnnualReportData);
    expect(section?.heading).toBe('Late reports');
    const table = section?.blocks[0];
    expect(table?.kind === 'table' && table.rows).toEqual([
      {
        reference: 'MIG-2026-0001',
        report: 'Annual financial',
        agency: 'IOM',
        due: '2027-04-30',
        submitted: 'not yet',
        late: 10,
      },
    ]);
    expect(lateReportsSection({ lateReports: [late] } as unknown as AnnualReportData)).toBeNull();
  });

  it('writes the accepted narratives outcome by outcome', () => {
    const section = programmeNarrativesSection({
      year: 2026,
      narratives: [
        {
          reference: 'MIG-2026-0001',
          title: 'Corridors',
          periodStart: '2026-02-01',
          periodEnd: '2026-12-31',
          sections: [
            {
              resultKey: 'OC1',
              orgCode: 'UNICEF',
              progress: 'Enrolled',
              challenges: '',
              genderHumanRights: '',
              story: 'Asha',
            },
          ],
        },
      ],
    } as unknown as AnnualReportData);
    expect(section?.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([
      'MIG-2026-0001: Corridors (2026-02-01 to 2026-12-31)',
      'OC1 (UNICEF): Enrolled Story: Asha',
    ]);
  });
});
