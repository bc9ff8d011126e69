import { deliveryRateOrNull, PortfolioMoneyGroup } from '@mptf/finance';
import { formatMoney, parseMoney, ratio } from '@mptf/platform';
import { ReportSection, TableBlock, TableColumn } from '../../document/report-document';
import { sumMoney } from '../compose-helpers';
import { sumCents } from '../sections/portfolio-tables';
import { cutoffLabel, DELIVERY_NOTE, groupTotals, punoTotals, PunoTotals, rateCell } from './annual-figures';
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

/** The money columns of the portfolio breakdowns: net funded is the basis of delivery. */
function netFundedColumns(first: TableColumn): TableColumn[] {
  return [
    first,
    { key: 'programmes', label: 'Programmes', type: 'number', weight: 0.8 },
    { key: 'allocated', label: 'Allocated', type: 'money' },
    { key: 'netFunded', label: 'Net funded', type: 'money' },
    { key: 'expenditure', label: 'Expenditure', type: 'money' },
    { key: 'deliveryRate', label: 'Delivery rate', type: 'percent', weight: 0.8 },
  ];
}

function groupTable(
  title: string,
  groups: PortfolioMoneyGroup[],
  first: TableColumn,
  label: (group: PortfolioMoneyGroup) => string,
): TableBlock {
  return {
    kind: 'table',
    title,
    columns: netFundedColumns(first),
    rows: groups.map((group) => ({
      [first.key]: label(group),
      programmes: group.programmes,
      allocated: group.allocated,
      netFunded: group.netFunded,
      expenditure: group.expenditure,
      deliveryRate: rateCell(group.deliveryRate),
    })),
    totals: {
      ...groupTotals(groups, first.key),
      deliveryRate: rateCell(groupTotals(groups, first.key).deliveryRate as string | null),
    },
    note: DELIVERY_NOTE,
  };
}

/** The PUNOs' money: transfers, refunds, net funded, expenditure and delivery, to the cut-off. */
export function participatingOrganizationsSection(data: AnnualReportData): ReportSection {
  const cutoff = cutoffLabel(data);
  const totals = punoTotals(data.punoMoney);
  const prior = new Map(punoTotals(data.punoMoneyPrior).map((row) => [row.orgCode, row]));
  const sum = (pick: (row: PunoTotals) => bigint) =>
    formatMoney(totals.reduce((acc, row) => acc + pick(row), 0n));
  const net = totals.reduce((acc, row) => acc + row.netFunded, 0n);
  const spent = totals.reduce((acc, row) => acc + row.expenditure, 0n);
  const interest = new Map(data.agencyInterest.map((row) => [row.orgCode, row.total]));
  return {
    heading: 'Participating UN organizations',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'table',
        title: `Transfers, refunds and expenditure by organization, to ${cutoff} (US$)`,
        columns: [
          { key: 'organization', label: 'Organization', type: 'text', weight: 2.6 },
          { key: 'transferred', label: 'Transfers', type: 'money' },
          { key: 'refunded', label: 'Refunds', type: 'money' },
          { key: 'netFunded', label: 'Net funded amount', type: 'money' },
          { key: 'expenditureYear', label: `Expenditure ${data.cutYear}`, type: 'money' },
          { key: 'expenditure', label: 'Expenditure (cumulative)', type: 'money' },
          { key: 'deliveryRate', label: 'Delivery rate', type: 'percent', weight: 0.8 },
          { key: 'interest', label: 'Interest earned by the agency', type: 'money' },
        ],
        rows: totals.map((row) => ({
          organization: `${row.orgName} (${row.orgCode})`,
          transferred: formatMoney(row.transferred),
          refunded: formatMoney(row.refunded),
          netFunded: formatMoney(row.netFunded),
          expenditureYear: formatMoney(row.expenditure - (prior.get(row.orgCode)?.expenditure ?? 0n)),
          expenditure: formatMoney(row.expenditure),
          deliveryRate: rateCell(deliveryRateOrNull(row.expenditure, row.netFunded)),
          interest: interest.get(row.orgCode) ?? '0.00',
        })),
        totals: {
          organization: 'Total',
          transferred: sum((row) => row.transferred),
          refunded: sum((row) => row.refunded),
          netFunded: formatMoney(net),
          expenditureYear: formatMoney(
            spent - [...prior.values()].reduce((acc, row) => acc + row.expenditure, 0n),
          ),
          expenditure: formatMoney(spent),
          deliveryRate: rateCell(deliveryRateOrNull(spent, net)),
          interest: sumMoney(totals.map((row) => interest.get(row.orgCode) ?? '0.00')),
        },
        note: `${DELIVERY_NOTE} Interest earned by the organizations on the funds they hold, as they reported it to the Administrative Agent (recorded to ${cutoff}), is shown separately: it is not part of the fund's balances.`,
      },
      {
        kind: 'barChart',
        title: `Net funded amount by organization, to ${cutoff} (US$)`,
        valueType: 'money',
        bars: totals.map((row) => ({ label: row.orgCode, value: formatMoney(row.netFunded) })),
      },
    ],
  };
}

export function allocationsSection(data: AnnualReportData): ReportSection {
  const { byArea, byRegion, categories } = data;
  const cutoff = cutoffLabel(data);
  return {
    heading: 'Allocations, transfers and expenditure',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'paragraph',
        text: `Cumulative to ${cutoff}: programmes approved by then, with the money booked by then.`,
      },
      groupTable(
        'By thematic area (US$)',
        byArea,
        { key: 'area', label: 'Thematic area', type: 'text', weight: 3 },
        (g) => `${g.key}. ${g.label}`,
      ),
      {
        kind: 'donutChart',
        title: `Allocations by thematic area, to ${cutoff} (US$)`,
        valueType: 'money',
        slices: byArea
          .filter((group) => parseMoney(group.allocated) > 0n)
          .map((group) => ({ label: `${group.key}. ${group.label}`, value: group.allocated })),
      },
      {
        ...groupTable(
          'By region (US$)',
          byRegion,
          { key: 'region', label: 'Region', type: 'text', weight: 3 },
          (g) => g.label,
        ),
        totals: undefined,
        note: `A programme working in several regions counts with its full amounts in each of them, so the regions overlap and their sum can exceed the fund totals. Programmes without countries are global. ${DELIVERY_NOTE}`,
      },
      genderMarkerTable(data),
      categoryTable(categories, data.cutYear),
      {
        kind: 'barChart',
        title: `Expenditure by budget category, to ${cutoff} (US$)`,
        valueType: 'money',
        bars: categories.map((c) => ({ label: `${c.code}. ${c.title}`, value: c.expenditure })),
      },
    ],
  };
}

const GENDER_LABELS = [
  '0 – no contribution',
  '1 – limited contribution',
  '2 – significant contribution',
  '3 – principal objective',
];

/** Allocations by the UN gender marker of each programme (its proposal's marker, 0–3). */
function genderMarkerTable(data: AnnualReportData): TableBlock {
  const marker = new Map(data.programmes.map((p) => [p.id, p.markers.gender]));
  const allocated = [0n, 0n, 0n, 0n];
  const programmes = [new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>()];
  for (const row of data.punoMoney) {
    const score = marker.get(row.programmeId);
    if (score === undefined || parseMoney(row.allocated) === 0n) continue;
    allocated[score] += parseMoney(row.allocated);
    programmes[score].add(row.programmeId);
  }
  const total = allocated.reduce((a, b) => a + b, 0n);
  return {
    kind: 'table',
    title: `Allocations by gender marker, to ${cutoffLabel(data)} (US$)`,
    columns: [
      { key: 'marker', label: 'Gender marker', type: 'text', weight: 3 },
      { key: 'programmes', label: 'Programmes', type: 'number', weight: 0.8 },
      { key: 'allocated', label: 'Allocated', type: 'money' },
      { key: 'share', label: 'Share of allocations', type: 'percent', weight: 0.9 },
    ],
    rows: GENDER_LABELS.map((label, score) => ({
      marker: label,
      programmes: programmes[score].size,
      allocated: formatMoney(allocated[score]),
      share: ratio(allocated[score], total, 4),
    })),
    totals: {
      marker: 'Total',
      programmes: programmes.reduce((sum, set) => sum + set.size, 0),
      allocated: formatMoney(total),
      share: total > 0n ? '1.0000' : null,
    },
    note: 'The UN gender equality marker the proposal carried when approved (0–3).',
  };
}

/** Endorsed by the Steering Committee, waiting for money: what it would take to fund them. */
export function pipelineSection(data: AnnualReportData): ReportSection | null {
  const titles = new Map(data.thematicAreas.map((area) => [area.code, area.shortTitle]));
  return {
    heading: 'Unfunded pipeline',
    blocks: [
      {
        kind: 'table',
        title: `Proposals in the pipeline at ${cutoffLabel(data)} (US$)`,
        columns: [
          { key: 'reference', label: 'Reference', type: 'text', weight: 1.3 },
          { key: 'title', label: 'Proposal', type: 'text', weight: 4 },
          { key: 'area', label: 'Thematic area', type: 'text', weight: 2 },
          { key: 'requested', label: 'Requested', type: 'money' },
        ],
        rows: data.pipeline.map((p) => ({
          reference: p.reference,
          title: p.title,
          area: `${p.thematicAreaCode}. ${titles.get(p.thematicAreaCode) ?? ''}`,
          requested: p.requested,
        })),
        totals: {
          reference: 'Total',
          title: `${data.pipeline.length} proposal${data.pipeline.length === 1 ? '' : 's'}`,
          area: null,
          requested: sumMoney(data.pipeline.map((p) => p.requested)),
        },
        note: `Proposals the Steering Committee endorsed and keeps in rank order until money arrives, as they stood at ${cutoffLabel(data)}.`,
      },
    ],
  };
}

function categoryTable(categories: CategoryRow[], year: number): TableBlock {
  const totalSpent = sumCents(categories.map((c) => c.expenditure));
  return {
    kind: 'table',
    title: 'By UNSDG budget category (US$)',
    columns: [
      { key: 'category', label: 'Budget category', type: 'text', weight: 4 },
      { key: 'budget', label: 'Approved budgets', type: 'money' },
      { key: 'inYear', label: `Expenditure ${year}`, type: 'money' },
      { key: 'expenditure', label: 'Expenditure (cumulative)', type: 'money' },
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
      inYear: sumMoney(categories.map((c) => c.inYear ?? '0.00')),
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
      groupTable(
        `Joint programmes by status, to ${cutoffLabel(data)} (US$)`,
        byStatus,
        { key: 'status', label: `Status at ${cutoffLabel(data)}`, type: 'text', weight: 3 },
        (g) => g.label,
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
        title: `All proposals by lifecycle status at ${cutoffLabel(data)}`,
        columns: [
          { key: 'status', label: 'Status', type: 'text', weight: 4 },
          { key: 'count', label: 'Proposals', type: 'number', weight: 1 },
        ],
        rows: proposalCounts.map((row) => ({
          status: STATUS_LABELS[row.status] ?? row.status,
          count: row.count,
        })),
        totals: { status: 'Total', count: proposalCounts.reduce((sum, row) => sum + row.count, 0) },
        note: `Proposals submitted to the fund by ${cutoffLabel(data)}, each with its status then, from submission to closure (drafts stay with the agencies).`,
      },
    ],
  };
}
