import { FundStatus } from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import { groupThousands } from '../../document/format';
import { ReportSection, TableBlock } from '../../document/report-document';
import { shareOfAll } from '../sections/rollup-tables';
import {
  cutoffLabel,
  deadlineLabel,
  fundDelivery,
  programmeCount,
  rateCell,
  yearCells,
  yearColumns,
} from './annual-figures';
import { AnnualReportData } from './annual-report.data';

type AaKey = keyof FundStatus['withAdministrativeAgent'];
type PunoKey = keyof FundStatus['withParticipatingOrganizations'];

/** The AA's flows, in the order the MPTF Office reports them. */
const AA_ROWS: { key: AaKey; label: string }[] = [
  { key: 'contributions', label: 'Contributions from donors' },
  { key: 'interest', label: 'Interest income' },
  { key: 'otherIncome', label: 'Other income' },
  { key: 'totalSources', label: 'Total source of funds' },
  { key: 'transfers', label: 'Transfers to participating UN organizations' },
  { key: 'refunds', label: 'Less: refunds received from participating UN organizations' },
  { key: 'aaFees', label: 'Administrative Agent fees' },
  { key: 'directCosts', label: 'Direct costs' },
  { key: 'bankCharges', label: 'Bank charges' },
  { key: 'totalUses', label: 'Total use of funds' },
];

const PUNO_ROWS: { key: PunoKey; label: string }[] = [
  { key: 'transfers', label: 'Transfers received (total resources)' },
  { key: 'expenditure', label: 'Expenditure reported' },
  { key: 'refunds', label: 'Refunds to the Administrative Agent' },
];

/** Leads the report: what a reader needs on one page, each figure with its scope. */
export function executiveSummarySection(data: AnnualReportData): ReportSection {
  const { cutYear, columns } = data;
  const cutoff = cutoffLabel(data);
  const year = `in ${cutYear}`;
  const cumulative = `to ${cutoff}`;
  const total = columns.total;
  const current = columns.current;
  const donors = data.pledges.donors.filter((d) => parseMoney(d.deposited) !== 0n).length;
  // The year's reporting periods (all to date since inception): none after the cut-off.
  const onTrack = shareOfAll(data.resultsByArea);
  return {
    heading: 'Executive summary',
    blocks: [
      {
        kind: 'keyFigures',
        items: [
          {
            label: `Deposits received ${year} (US$)`,
            value: current.withAdministrativeAgent.contributions,
            type: 'money',
          },
          { label: `Net funded to PUNOs ${year} (US$)`, value: netTransfers(current), type: 'money' },
          {
            label: `Expenditure reported for ${cutYear} (US$)`,
            value: current.withParticipatingOrganizations.expenditure,
            type: 'money',
          },
          {
            label: `Balance with the AA at ${cutoff} (US$)`,
            value: total.withAdministrativeAgent.balance,
            type: 'money',
          },
          {
            label: `Deposits received ${cumulative} (US$)`,
            value: total.withAdministrativeAgent.contributions,
            type: 'money',
          },
          { label: `Net funded to PUNOs ${cumulative} (US$)`, value: netTransfers(total), type: 'money' },
          {
            label: `Delivery rate, cumulative ${cumulative}`,
            value: rateCell(fundDelivery(data)),
            type: 'percent',
          },
          { label: `Outstanding pledges at ${cutoff} (US$)`, value: sumOutstanding(data), type: 'money' },
          { label: `Joint programmes approved ${cumulative}`, value: programmeCount(data), type: 'number' },
          { label: `Contributors with deposits ${cumulative}`, value: donors, type: 'number' },
          { label: `Unfunded pipeline proposals at ${cutoff}`, value: data.pipeline.length, type: 'number' },
          {
            label: `Indicators on track, ${data.year === undefined ? `cumulative ${cumulative}` : `periods ending in ${cutYear}`}`,
            value: onTrack,
            type: 'percent',
          },
        ],
      },
      { kind: 'paragraph', text: summaryText(data) },
      {
        kind: 'paragraph',
        text:
          data.year === undefined
            ? `This report covers the Migration MPTF from its inception to ${cutoff} (the as-of date on the cover), with the current year ${cutYear} shown beside the prior years.`
            : `This report covers the reporting year ${cutYear} (1 January to 31 December) beside the prior years and the total since inception, every figure cut at ${cutoff}. Annual expenditure is due by ${deadlineLabel(data.settings.expenditureDeadline)} ${cutYear + 1}; expenditure is that reported for ${cutYear} by the date on the cover.`,
      },
    ],
  };
}

function netTransfers(status: FundStatus): string {
  const aa = status.withAdministrativeAgent;
  return formatMoney(parseMoney(aa.transfers) - parseMoney(aa.refunds));
}

function sumOutstanding(data: AnnualReportData): string {
  return formatMoney(data.pledges.donors.reduce((sum, d) => sum + parseMoney(d.outstanding), 0n));
}

/** Two sentences of the year in words, from the same figures as the tables. */
function summaryText(data: AnnualReportData): string {
  const { current, total } = data.columns;
  const money = (value: string) => `US$ ${groupThousands(value)}`;
  return (
    `In ${data.cutYear} the fund received ${money(current.withAdministrativeAgent.contributions)} in deposits and transferred ` +
    `${money(netTransfers(current))} net of refunds to participating UN organizations, which reported ` +
    `${money(current.withParticipatingOrganizations.expenditure)} of expenditure for the year. At ${cutoffLabel(data)} the ` +
    `Administrative Agent held ${money(total.withAdministrativeAgent.balance)} and the organizations ` +
    `${money(total.withParticipatingOrganizations.balance)} not yet spent.`
  );
}

export function sourcesAndUsesSection(data: AnnualReportData): ReportSection {
  return {
    heading: 'Sources and uses of funds',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'paragraph',
        text: `Prior years run from inception to 31 December ${data.cutYear - 1}; the current year is ${data.cutYear}; the total is to ${cutoffLabel(data)}. In each column the opening balance plus the net change is the closing balance; the current year opens with the prior years' closing balance.`,
      },
      aaTable(data),
      punoTable(data),
      balanceTable(data),
    ],
  };
}

/** Opening balance, the column's net change, closing balance: the current year opens at the prior years' close. */
function balanceRows(data: AnnualReportData, balance: (status: FundStatus) => string, what: string) {
  const { prior, current, total } = data.columns;
  const zero = '0.00';
  return {
    change: { item: `Net change in the balance ${what}`, ...yearCells(data, balance) },
    opening: { item: 'Opening balance', prior: zero, current: balance(prior), total: zero },
    closing: {
      item: `Closing balance ${what}`,
      prior: balance(prior),
      current: formatMoney(parseMoney(balance(prior)) + parseMoney(balance(current))),
      total: balance(total),
    },
  };
}

function aaTable(data: AnnualReportData): TableBlock {
  const rows = balanceRows(data, (s) => s.withAdministrativeAgent.balance, 'with the Administrative Agent');
  return {
    kind: 'table',
    title: 'Funds with the Administrative Agent (US$)',
    columns: yearColumns(data, { key: 'item', label: 'US$', type: 'text', weight: 3 }),
    rows: [
      ...AA_ROWS.map((row) => ({
        item: row.label,
        ...yearCells(data, (s) => s.withAdministrativeAgent[row.key]),
      })),
      rows.change,
      rows.opening,
    ],
    totals: rows.closing,
    note: 'Sources: deposits (not commitments), interest and other income. Uses: transfers to PUNOs net of refunds, AA fees (1 % of deposits), direct costs and bank charges.',
  };
}

function punoTable(data: AnnualReportData): TableBlock {
  const rows = balanceRows(
    data,
    (s) => s.withParticipatingOrganizations.balance,
    'with participating UN organizations',
  );
  return {
    kind: 'table',
    title: 'Funds with participating UN organizations (US$)',
    columns: yearColumns(data, { key: 'item', label: 'US$', type: 'text', weight: 3 }),
    rows: [
      ...PUNO_ROWS.map((row) => ({
        item: row.label,
        ...yearCells(data, (s) => s.withParticipatingOrganizations[row.key]),
      })),
      rows.change,
      rows.opening,
    ],
    totals: rows.closing,
  };
}

function balanceTable(data: AnnualReportData): TableBlock {
  const aa = balanceRows(data, (s) => s.withAdministrativeAgent.balance, 'with the Administrative Agent');
  const puno = balanceRows(
    data,
    (s) => s.withParticipatingOrganizations.balance,
    'with participating UN organizations',
  );
  const sum = (a: string, b: string) => formatMoney(parseMoney(a) + parseMoney(b));
  return {
    kind: 'table',
    title: 'Total balance of the fund (US$)',
    columns: yearColumns(data, { key: 'item', label: 'US$', type: 'text', weight: 3 }),
    rows: [aa.closing, puno.closing],
    totals: {
      item: 'Total closing balance',
      prior: sum(String(aa.closing.prior), String(puno.closing.prior)),
      current: sum(String(aa.closing.current), String(puno.closing.current)),
      total: sum(String(aa.closing.total), String(puno.closing.total)),
    },
  };
}
