import type { ReportRun, ReportType } from '../../api/models';

export const REPORT_LABEL: Record<ReportType, string> = {
  ANNUAL_CONSOLIDATED: 'Annual consolidated report',
  CONTRIBUTOR_STATEMENT: 'Contributor statement',
  PROGRAMME_FACTSHEET: 'Programme factsheet',
  DECISION_PACK: 'Steering Committee decision pack',
};
export const REPORT_HINT: Record<ReportType, string> = {
  ANNUAL_CONSOLIDATED:
    'Sources and uses of funds, contributions by donor, transfers and expenditure by PUNO, area, region and category, delivery, results progress — with charts.',
  CONTRIBUTOR_STATEMENT: "One donor's commitments, deposits, fees and how the fund used them.",
  PROGRAMME_FACTSHEET: 'Summary, PUNOs, budget, transfers, expenditure and the results matrix with progress.',
  DECISION_PACK:
    'The agenda side by side with scores, recommendations, budgets, markers and the balance each approval gives.',
};
export const STATUS_COLOR: Record<string, string> = {
  QUEUED: 'gray',
  RUNNING: 'blue',
  SUCCEEDED: 'teal',
  FAILED: 'red',
};
export const isActive = (run: ReportRun) => run.status === 'QUEUED' || run.status === 'RUNNING';

export function size(bytes: number | null | undefined) {
  if (!bytes) return '';
  return bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
