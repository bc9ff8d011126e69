import { ReportFormat, ReportType } from '../runs/report-types';
import type { ScheduledRunRequest } from '../runs/reports.service';

/**
 * Which scheduled runs are due on `now` (UTC):
 * - the previous year's annual consolidated report, once the expenditure deadline of this year
 *   (fund setting, "MM-DD", the day annual expenditure is due) has passed;
 * - the portfolio factsheet of the current month, from its first day.
 * Each has a schedule key, so asking again (every day, from several workers) creates nothing twice
 * and a worker that was down on the day catches up on the next run of the schedule.
 */
export function scheduledReportsDue(
  now: Date,
  settings: { expenditureDeadline: string },
): ScheduledRunRequest[] {
  const year = now.getUTCFullYear();
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  const today = now.toISOString().slice(0, 10);
  const due: ScheduledRunRequest[] = [];
  if (today > `${year}-${settings.expenditureDeadline}`) {
    due.push({
      scheduleKey: `${ReportType.ANNUAL_CONSOLIDATED}:${year - 1}`,
      type: ReportType.ANNUAL_CONSOLIDATED,
      format: ReportFormat.PDF,
      parameters: { year: year - 1 },
    });
  }
  due.push({
    scheduleKey: `PORTFOLIO_FACTSHEET:${year}-${month}`,
    type: ReportType.PROGRAMME_FACTSHEET,
    format: ReportFormat.PDF,
    parameters: {},
  });
  return due;
}
