import { deliveryRateOrNull, FundStatus, PortfolioMoneyGroup, PunoProgrammeMoney } from '@mptf/finance';
import { Cents, formatMoney, parseMoney } from '@mptf/platform';
import { CellValue, TableColumn } from '../../document/report-document';
import { sumCents } from '../sections/portfolio-tables';
import { AnnualReportData } from './annual-report.data';

/** Figures the annual report derives from its data in more than one place. */

const MONTHS = [
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

/** "2026-12-03…" → "3 Dec 2026". */
export function shortDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[month - 1].slice(0, 3)} ${year}`;
}

/** The report's cut-off in words: "31 Dec 2025", or the as-of date in the current year. */
export function cutoffLabel(data: AnnualReportData): string {
  return data.currentYear ? shortDate(data.snapshotAt) : `31 Dec ${data.cutYear}`;
}

/** The three year columns' headings: prior years, the year, the total to the cut-off. */
export function yearColumnLabels(data: AnnualReportData): { prior: string; current: string; total: string } {
  return {
    prior: `Prior years (to 31 Dec ${data.cutYear - 1})`,
    current: data.currentYear ? `${data.cutYear} (to ${cutoffLabel(data)})` : `Current year ${data.cutYear}`,
    total: `Total (to ${cutoffLabel(data)})`,
  };
}

/** Money columns for prior years, the year and the total, after a first text column. */
export function yearColumns(data: AnnualReportData, first: TableColumn): TableColumn[] {
  const labels = yearColumnLabels(data);
  return [
    first,
    { key: 'prior', label: labels.prior, type: 'money', weight: 1.25 },
    { key: 'current', label: labels.current, type: 'money', weight: 1.25 },
    { key: 'total', label: labels.total, type: 'money', weight: 1.25 },
  ];
}

/** A ledger line in the three columns. */
export function yearCells(
  data: AnnualReportData,
  pick: (status: FundStatus) => string,
): { prior: string; current: string; total: string } {
  const { prior, current, total } = data.columns;
  return { prior: pick(prior), current: pick(current), total: pick(total) };
}

/** Programmes' PUNO money summed per PUNO: the net funded basis of every delivery rate. */
export interface PunoTotals {
  orgCode: string;
  orgName: string;
  programmes: number;
  allocated: Cents;
  transferred: Cents;
  refunded: Cents;
  netFunded: Cents;
  expenditure: Cents;
}

export function punoTotals(rows: PunoProgrammeMoney[]): PunoTotals[] {
  const byOrg = new Map<string, PunoTotals>();
  for (const row of rows) {
    const totals = byOrg.get(row.orgCode) ?? {
      orgCode: row.orgCode,
      orgName: row.orgName,
      programmes: 0,
      allocated: 0n,
      transferred: 0n,
      refunded: 0n,
      netFunded: 0n,
      expenditure: 0n,
    };
    totals.programmes += 1;
    totals.allocated += parseMoney(row.allocated);
    totals.transferred += parseMoney(row.transferred);
    totals.refunded += parseMoney(row.refunded);
    totals.netFunded += parseMoney(row.netFunded);
    totals.expenditure += parseMoney(row.expenditure);
    byOrg.set(row.orgCode, totals);
  }
  return [...byOrg.values()].sort((a, b) =>
    b.netFunded > a.netFunded ? 1 : b.netFunded < a.netFunded ? -1 : a.orgCode.localeCompare(b.orgCode),
  );
}

/** The fund's net funded amount to the cut-off: transfers − refunds. */
export function netFunded(data: AnnualReportData): Cents {
  const puno = data.columns.total.withParticipatingOrganizations;
  return parseMoney(puno.transfers) - parseMoney(puno.refunds);
}

/** The fund's delivery rate to the cut-off, or null (n/a) when nothing is net funded. */
export function fundDelivery(data: AnnualReportData): string | null {
  return deliveryRateOrNull(
    parseMoney(data.columns.total.withParticipatingOrganizations.expenditure),
    netFunded(data),
  );
}

/** A breakdown's totals with the delivery rate on its own net funded amount. */
export function groupTotals(groups: PortfolioMoneyGroup[], key: string): Record<string, CellValue> {
  const net = sumCents(groups.map((g) => g.netFunded));
  const spent = sumCents(groups.map((g) => g.expenditure));
  return {
    [key]: 'Total',
    programmes: groups.reduce((sum, group) => sum + group.programmes, 0),
    allocated: formatMoney(sumCents(groups.map((g) => g.allocated))),
    transferred: formatMoney(sumCents(groups.map((g) => g.transferred))),
    refunded: formatMoney(sumCents(groups.map((g) => g.refunded))),
    netFunded: formatMoney(net),
    expenditure: formatMoney(spent),
    deliveryRate: deliveryRateOrNull(spent, net),
  };
}

export function programmeCount(data: AnnualReportData): number {
  return data.byStatus.reduce((sum, group) => sum + group.programmes, 0);
}

/** "04-30" → "30 April". */
export function deadlineLabel(monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number);
  return `${day} ${MONTHS[month - 1] ?? monthDay}`;
}

/** The note every table with delivery rates carries. */
export const DELIVERY_NOTE =
  'Delivery rate = expenditure ÷ net funded amount (transfers − refunds); n/a where nothing is net funded (e.g. after a full refund).';

/** A delivery rate's cell: the rate, or "n/a" where nothing is net funded. */
export function rateCell(rate: string | null): CellValue {
  return rate ?? 'n/a';
}
