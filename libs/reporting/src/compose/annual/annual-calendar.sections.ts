import { ReportSection } from '../../document/report-document';
import { AnnualReportData } from './annual-report.data';

const KIND_LABELS: Record<string, string> = {
  ANNUAL_NARRATIVE: 'Annual narrative',
  ANNUAL_FINANCIAL: 'Annual financial',
  FINAL_NARRATIVE: 'Final narrative',
  FINAL_FINANCIAL: 'Final financial',
};

/** Reports of the year that came (or are still missing) after their due date; left out without a year. */
export function lateReportsSection(data: AnnualReportData): ReportSection | null {
  if (data.year === undefined || !data.lateReports) return null;
  return {
    heading: 'Late reports',
    blocks: [
      {
        kind: 'table',
        title: `Progress and financial reports for ${data.year} submitted late or still overdue`,
        columns: [
          { key: 'reference', label: 'Programme', type: 'text', weight: 1.2 },
          { key: 'report', label: 'Report', type: 'text', weight: 1.3 },
          { key: 'agency', label: 'Agency', type: 'text', weight: 0.8 },
          { key: 'due', label: 'Due', type: 'text', weight: 1 },
          { key: 'submitted', label: 'Submitted', type: 'text', weight: 1 },
          { key: 'late', label: 'Days late', type: 'number', weight: 0.8 },
        ],
        rows: data.lateReports.map((o) => ({
          reference: o.reference,
          report: KIND_LABELS[o.kind] ?? o.kind,
          agency: o.orgCode ?? o.convenerCode,
          due: o.dueDate,
          submitted: o.submittedOn ?? 'not yet',
          late: o.lateByDays ?? o.daysOverdue ?? 0,
        })),
        note: 'Due dates follow the fund settings (MPTF Office calendar: annual narrative by 31 March, annual financial by 30 April of the next year, final reports 3 and 6 months after operational closure). Days late count to the submission, or to the date on the cover while still missing.',
      },
    ],
  };
}

/** The accepted narrative progress reports of the year, outcome by outcome (the consolidated narrative). */
export function programmeNarrativesSection(data: AnnualReportData): ReportSection | null {
  if (data.year === undefined || !data.narratives?.length) return null;
  return {
    heading: 'Programme progress (accepted narrative reports)',
    blocks: data.narratives.flatMap((report) => [
      {
        kind: 'paragraph' as const,
        text: `${report.reference}: ${report.title} (${report.periodStart} to ${report.periodEnd})`,
      },
      ...report.sections.map((section) => ({
        kind: 'paragraph' as const,
        text: [
          `${section.resultKey} (${section.orgCode}): ${section.progress}`,
          section.challenges && `Challenges: ${section.challenges}`,
          section.genderHumanRights && `Gender and human rights: ${section.genderHumanRights}`,
          section.story && `Story: ${section.story}`,
        ]
          .filter(Boolean)
          .join(' '),
      })),
    ]),
  };
}
