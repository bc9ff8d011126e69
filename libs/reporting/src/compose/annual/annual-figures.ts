import { PortfolioGroup } from '@mptf/finance';
import { Cents, parseMoney, ratio } from '@mptf/platform';
import { sumCents } from '../sections/portfolio-tables';
import { AnnualReportData } from './annual-report.data';

/** Figures the annual report derives from its data in more than one place. */

/** Transfers net of refunds since inception: the denominator of every delivery rate. */
export function netFunded(data: AnnualReportData): Cents {
  const puno = data.inception.withParticipatingOrganizations;
  return parseMoney(puno.transfers) - parseMoney(puno.refunds);
}

/** A breakdown's delivery rate: its expenditure ÷ the fund's net funded amount. */
export function deliveryOf(data: AnnualReportData, groups: PortfolioGroup[]): string | null {
  return ratio(sumCents(groups.map((group) => group.expenditure)), netFunded(data), 4);
}

/** The fund's status for the report's window: the year's, or since inception. */
export function windowStatus(data: AnnualReportData) {
  return data.ofYear ?? data.inception;
}

export function programmeCount(data: AnnualReportData): number {
  return data.byStatus.reduce((sum, group) => sum + group.programmes, 0);
}

/** "04-30" → "30 April". */
export function deadlineLabel(monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number);
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${day} ${months[month - 1] ?? monthDay}`;
}
