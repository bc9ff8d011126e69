import { formatMoney, parseMoney, ratio } from '@mptf/platform';
import { ReportSection, TableBlock } from '../../document/report-document';
import { byAmountDesc, sumMoney } from '../compose-helpers';
import { moneyTable, moneyTotals, sumCents } from '../sections/portfolio-tables';
import { deliveryOf } from './annual-figures';
import { AnnualReportData, CategoryRow } from './annual-report.data';

const STATUS_LABELS: Record<string, string> = {
  SUBMITTED: 'Submitted',
  RETURNED: 'Returned for revision (FMU)',
  UNDER_REVIEW: 'Under review',
  REVISION_REQUESTED: 'Revision requested (SC)',
  PIPELINE: 'Pipeline (endorsed, awaiting funds)',
  APPROVED: 'Approved (not yet started)',
  ACTIVE: 'Active',
  OPERATIONALLY_CLOSED: 'Operationally closed',
  FINANCIALLY_CLOSED: 'Financially closed',
  REJECTED: 'Rejected',
  INELIGIBLE: 'Ineligible',
  WITHDRAWN: 'Withdrawn',
};

export function allocationsSection(data: AnnualReportData): ReportSection {
  const { byArea, byOrganization, byRegion, categories } = data;
  return {
    heading: 'Allocations, transfers and expenditure',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'paragraph',
        text: `Cumulative since inception, as of the date on the cover. Delivery rate = expenditure ÷ net funded amount (transfers − refunds).`,
      },
      moneyTable(
        'By thematic area (US$)',
        byArea,
        { key: 'area', label: 'Thematic area' },
        (g) => `${g.key}. ${g.label}`,
        deliveryOf(data, byArea),
      ),
      {
        kind: 'barChart',
        title: 'Transfers by thematic area (US$)',
        valueType: 'money',
        bars: byArea.map((group) => ({
          label: `${group.key}. ${group.label}`,
          value: group.transferred,
        })),
      },
      {
        kind: 'donutChart',
        title: 'Allocations by thematic area (US$)',
        valueType: 'money',
        slices: byArea
          .filter((group) => parseMoney(group.allocated) > 0n)
          .map((group) => ({ label: `${group.key}. ${group.label}`, value: group.allocated })),
      },
      {
        ...moneyTable(
          'By participating UN organization (US$)',
          [...byOrganization].sort(
            byAmountDesc(
              (g) => g.transferred,
              (g) => String(g.key),
            ),
          ),
          { key: 'organization', label: 'Organization', weight: 3.4 },
          (g) => `${g.label} (${g.key})`,
          deliveryOf(data, byOrganization),
        ),
        // A programme has several PUNOs: their programme counts overlap, their own amounts do not.
        totals: {
          ...moneyTotals(byOrganization, 'organization', deliveryOf(data, byOrganization)),
          programmes: null,
        },
        note: 'Each organization with its own allocations, transfers and expenditure; Programmes counts the programmes it takes part in.',
      },
      {
        kind: 'barChart',
        title: 'Expenditure by participating UN organization (US$)',
        valueType: 'money',
        bars: [...byOrganization]
          .sort(
            byAmountDesc(
              (g) => g.expenditure,
              (g) => String(g.key),
            ),
          )
          .map((group) => ({ label: String(group.key), value: group.expenditure })),
      },
      {
        kind: 'barChart',
        title: 'Delivery rate by participating UN organization',
        valueType: 'percent',
        bars: [...byOrganization]
          .sort(
            (a, b) =>
              Number(b.deliveryRate) - Number(a.deliveryRate) || String(a.key).localeCompare(String(b.key)),
          )
          .map((group) => ({ label: String(group.key), value: group.deliveryRate })),
      },
      {
        ...moneyTable('By region (US$)', byRegion, { key: 'region', label: 'Region' }, (g) => g.label, null),
        totals: undefined,
        note: 'A programme working in several regions counts with its full amounts in each of them, so the regions overlap and their sum can exceed the fund totals. Programmes without countries are global.',
      },
      {
        kind: 'barChart',
        title: 'Transfers by region (US$)',
        valueType: 'money',
        bars: byRegion.map((group) => ({ label: group.label, value: group.transferred })),
      },
      categoryTable(categories, data.year),
      {
        kind: 'barChart',
        title: 'Expenditure by budget category since inception (US$)',
        valueType: 'money',
        bars: categories.map((c) => ({ label: `${c.code}. ${c.title}`, value: c.expenditure })),
      },
    ],
  };
}

function categoryTable(categories: CategoryRow[], year?: number): TableBlock {
  const totalSpent = sumCents(categories.map((c) => c.expenditure));
  return {
    kind: 'table',
    title: 'By UNSDG budget category (US$)',
    columns: [
      { key: 'category', label: 'Budget category', type: 'text', weight: 4 },
      { key: 'budget', label: 'Approved budgets', type: 'money' },
      ...(year === undefined
        ? []
        : [{ key: 'inYear', label: `Expenditure ${year}`, type: 'money' as const }]),
      { key: 'expenditure', label: 'Expenditure since inception', type: 'money' },
      { key: 'share', label: 'Share of expenditure', type: 'percent', weight: 0.8 },
    ],
    rows: categories.map((c) => ({
      category: `${c.code}. ${c.title}`,
      budget: c.budget,
      inYear: c.inYear,
      expenditure: c.expenditure,
      share: ratio(parseMoney(c.expenditure), totalSpent, 4),
    })),
    totals: {
      category: 'Total',
      budget: sumMoney(categories.map((c) => c.budget)),
      inYear: year === undefined ? null : sumMoney(categories.map((c) => c.inYear ?? '0.00')),
      expenditure: formatMoney(totalSpent),
      share: totalSpent > 0n ? '1.0000' : null,
    },
    note: 'Approved budgets of the joint programmes (indirect support costs, category 8, at the fund rate per organization); expenditure as reported by the organizations, the latest version of each year.',
  };
}

export function portfolioStatusSection(data: AnnualReportData): ReportSection {
  const { byStatus, proposalCounts } = data;
  return {
    heading: 'Portfolio status',
    pageBreakBefore: true,
    blocks: [
      moneyTable(
        'Joint programmes by status (US$)',
        byStatus,
        { key: 'status', label: 'Status' },
        (g) => g.label,
        deliveryOf(data, byStatus),
      ),
      {
        kind: 'donutChart',
        title: 'Joint programmes by status',
        valueType: 'number',
        slices: byStatus
          .filter((group) => group.programmes > 0)
          .map((group) => ({ label: group.label, value: group.programmes })),
      },
      {
        kind: 'table',
        title: 'All proposals by lifecycle status',
        columns: [
          { key: 'status', label: 'Status', type: 'text', weight: 4 },
          { key: 'count', label: 'Proposals', type: 'number', weight: 1 },
        ],
        rows: proposalCounts.map((row) => ({
          status: STATUS_LABELS[row.status] ?? row.status,
          count: row.count,
        })),
        totals: { status: 'Total', count: proposalCounts.reduce((sum, row) => sum + row.count, 0) },
        note: 'Proposals submitted to the fund, as they stand at the time of the report, from submission to closure (drafts stay with the agencies).',
      },
    ],
  };
}
