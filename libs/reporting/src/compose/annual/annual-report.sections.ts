import { FundStatus } from '@mptf/finance';
import { parseMoney, ratio } from '@mptf/platform';
import { CellValue, ReportBlock, ReportSection } from '../../document/report-document';
import { byAmountDesc, contributionKindLabel, periodLabel, sumMoney } from '../compose-helpers';
import { CONTRIBUTION_AMOUNT_COLUMNS, contributionAmounts } from '../sections/contribution-columns';
import { shareOfAll } from '../sections/rollup-tables';
import { deadlineLabel, netFunded, programmeCount, windowStatus } from './annual-figures';
import { AnnualReportData } from './annual-report.data';

/** The rows of the Administrative Agent's ledger, in the order the MPTF Office reports them. */
const AA_ROWS: { key: keyof FundStatus['withAdministrativeAgent']; label: string }[] = [
  { key: 'contributions', label: 'Contributions from donors' },
  { key: 'interest', label: 'Interest income' },
  { key: 'otherIncome', label: 'Other income' },
  { key: 'totalSources', label: 'Total source of funds' },
  { key: 'transfers', label: 'Transfers to participating UN organizations' },
  { key: 'refunds', label: 'Less: refunds received from participating UN organizations' },
  { key: 'aaFees', label: 'Administrative Agent fees (1% of deposits)' },
  { key: 'directCosts', label: 'Direct costs' },
  { key: 'bankCharges', label: 'Bank charges' },
  { key: 'totalUses', label: 'Total use of funds' },
];

const PUNO_ROWS: { key: keyof FundStatus['withParticipatingOrganizations']; label: string }[] = [
  { key: 'transfers', label: 'Transfers received (total resources)' },
  { key: 'expenditure', label: 'Expenditure reported' },
  { key: 'refunds', label: 'Refunds to the Administrative Agent' },
];

export function highlightsSection(data: AnnualReportData): ReportSection {
  const { year, inception } = data;
  const window = windowStatus(data);
  const span = (inYear: string) => (year === undefined ? 'since inception' : inYear);
  return {
    heading: 'Highlights',
    blocks: [
      {
        kind: 'keyFigures',
        items: [
          {
            label: `Contributions received ${span(`in ${year}`)} (US$)`,
            value: window.withAdministrativeAgent.contributions,
            type: 'money',
          },
          {
            label: `Transferred to PUNOs ${span(`in ${year}`)} (US$)`,
            value: window.withAdministrativeAgent.transfers,
            type: 'money',
          },
          {
            label: `Expenditure ${span(`reported for ${year}`)} (US$)`,
            value: window.withParticipatingOrganizations.expenditure,
            type: 'money',
          },
          {
            label: 'Delivery rate since inception',
            value: ratio(
              parseMoney(inception.withParticipatingOrganizations.expenditure),
              netFunded(data),
              4,
            ),
            type: 'percent',
          },
          {
            label: 'Balance with the Administrative Agent (US$)',
            value: inception.withAdministrativeAgent.balance,
            type: 'money',
          },
          { label: 'Joint programmes', value: programmeCount(data), type: 'number' },
          { label: 'Contributors', value: data.donors.length, type: 'number' },
          {
            label: 'Assessed indicators on track (all periods)',
            value: shareOfAll(data.resultsAllPeriods),
            type: 'percent',
          },
        ],
      },
      {
        kind: 'paragraph',
        text:
          year === undefined
            ? 'This report covers the Migration MPTF from its inception to the date on the cover (data as of).'
            : `This report covers the reporting year ${year} (1 January to 31 December), with cumulative figures since the fund's inception for comparison. Annual expenditure is due by ${deadlineLabel(data.settings.expenditureDeadline)} ${year + 1}; figures reflect what was reported by the date on the cover.`,
      },
    ],
  };
}

export function sourcesAndUsesSection(data: AnnualReportData): ReportSection {
  return { heading: 'Sources and uses of funds', pageBreakBefore: true, blocks: fundStatusBlocks(data) };
}

/** The AA's and the PUNOs' ledgers and the fund's balance: the year's column (if any), then since inception. */
function fundStatusBlocks(data: AnnualReportData): ReportBlock[] {
  const { inception, ofYear, year } = data;
  const columns = [
    { key: 'item', label: 'US$', type: 'text' as const, weight: 4 },
    ...(ofYear && year !== undefined ? [{ key: 'year', label: String(year), type: 'money' as const }] : []),
    { key: 'inception', label: 'Since inception', type: 'money' as const },
  ];
  const aa = (key: keyof FundStatus['withAdministrativeAgent']) => ({
    year: ofYear?.withAdministrativeAgent[key] ?? null,
    inception: inception.withAdministrativeAgent[key],
  });
  const puno = (key: keyof FundStatus['withParticipatingOrganizations']) => ({
    year: ofYear?.withParticipatingOrganizations[key] ?? null,
    inception: inception.withParticipatingOrganizations[key],
  });
  const pick = (row: Record<string, CellValue>) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => columns.some((c) => c.key === key)));
  const window = windowStatus(data);
  return [
    {
      kind: 'table',
      title: 'Funds with the Administrative Agent',
      columns,
      rows: AA_ROWS.map((row) => pick({ item: row.label, ...aa(row.key) })),
      totals: pick({ item: 'Balance with the Administrative Agent', ...aa('balance') }),
      note: 'Sources: deposits (not commitments), interest and other income. Uses: transfers to PUNOs net of refunds, AA fees, direct costs and bank charges.',
    },
    {
      kind: 'table',
      title: 'Funds with participating UN organizations',
      columns,
      rows: PUNO_ROWS.map((row) => pick({ item: row.label, ...puno(row.key) })),
      totals: pick({ item: 'Balance with participating UN organizations', ...puno('balance') }),
    },
    {
      kind: 'table',
      title: 'Total balance of the fund',
      columns,
      rows: [
        pick({ item: 'Balance with the Administrative Agent', ...aa('balance') }),
        pick({ item: 'Balance with participating UN organizations', ...puno('balance') }),
      ],
      totals: pick({
        item: 'Total balance',
        year: ofYear?.totalBalance ?? null,
        inception: inception.totalBalance,
      }),
    },
    {
      kind: 'barChart',
      title: `Sources and uses, ${periodLabel(year)} (US$)`,
      valueType: 'money',
      bars: [
        { label: 'Contributions', value: window.withAdministrativeAgent.contributions },
        { label: 'Transfers to PUNOs', value: window.withAdministrativeAgent.transfers },
        { label: 'Expenditure', value: window.withParticipatingOrganizations.expenditure },
        { label: 'AA fees', value: window.withAdministrativeAgent.aaFees },
      ],
    },
  ];
}

export function contributionsByDonorSection(data: AnnualReportData): ReportSection {
  const { donors } = data;
  const period = periodLabel(data.year);
  return {
    heading: 'Contributions by donor',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'table',
        title: `Commitments, deposits and fees by donor, ${period} (US$)`,
        columns: [
          { key: 'donor', label: 'Contributor', type: 'text', weight: 3 },
          { key: 'commitments', label: 'Commitments', type: 'money' },
          { key: 'deposits', label: 'Deposits', type: 'money' },
          { key: 'aaFees', label: 'AA fees', type: 'money' },
          { key: 'outstanding', label: 'Outstanding commitments', type: 'money' },
        ],
        rows: donors.map((donor) => ({
          donor: `${donor.donorName} (${donor.donorCode})`,
          commitments: donor.commitments,
          deposits: donor.deposits,
          aaFees: donor.aaFees,
          outstanding: donor.outstandingCommitments,
        })),
        totals: {
          donor: 'Total',
          commitments: sumMoney(donors.map((d) => d.commitments)),
          deposits: sumMoney(donors.map((d) => d.deposits)),
          aaFees: sumMoney(donors.map((d) => d.aaFees)),
          outstanding: sumMoney(donors.map((d) => d.outstandingCommitments)),
        },
        note: 'Deposits are the cash received by the Administrative Agent, net of any reversal; the AA fee is 1 % of each deposit. Outstanding commitments are commitments not yet deposited (never below zero).',
      },
      {
        kind: 'donutChart',
        title: `Deposits by donor, ${period} (US$)`,
        valueType: 'money',
        slices: [...donors]
          .sort(
            byAmountDesc(
              (d) => d.deposits,
              (d) => d.donorCode,
            ),
          )
          .map((donor) => ({ label: donor.donorName, value: donor.deposits })),
      },
      {
        kind: 'table',
        title: `Contributions in original currency and US$, ${period}`,
        columns: [
          { key: 'date', label: 'Date', type: 'text', weight: 1.1 },
          { key: 'donor', label: 'Contributor', type: 'text', weight: 1 },
          { key: 'kind', label: 'Kind', type: 'text', weight: 1.2 },
          ...CONTRIBUTION_AMOUNT_COLUMNS,
        ],
        rows: data.contributions.map((c) => ({
          date: c.date,
          donor: c.donorCode,
          kind: contributionKindLabel(c),
          ...contributionAmounts(c),
        })),
        note: 'Each contribution keeps its original currency and amount; the US$ value is what the Administrative Agent received, and the rate is the one it implies. A reversed contribution is corrected by an entry of the opposite sign, listed on the day it was recorded and netted in the totals.',
      },
    ],
  };
}
