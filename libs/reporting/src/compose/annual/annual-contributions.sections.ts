import { DonorPledges, Pledges } from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import { ReportSection, TableBlock } from '../../document/report-document';
import { byAmountDesc, contributionKindLabel, sumMoney } from '../compose-helpers';
import { CONTRIBUTION_AMOUNT_COLUMNS, contributionAmounts } from '../sections/contribution-columns';
import { cutoffLabel, shortDate, yearCells, yearColumns } from './annual-figures';
import { AnnualReportData } from './annual-report.data';

/** The sentence under every table of pledges: how the unpaid part is converted, and at what rates. */
export function pledgeRateNote(pledges: Pledges, cutoff: string): string {
  const rates = pledges.rates.map((r) => `1 ${r.currency} = ${r.rate} US$ (${shortDate(r.date)})`);
  return (
    `Commitments are never below deposits: a deposit beyond the commitments recorded in its currency counts as committed. ` +
    `Outstanding = committed − deposited, in the pledge's currency; in US$, deposits are at the rates they were received ` +
    `and the unpaid part at the rate of the report date (${cutoff}): the rate of the fund's latest contribution in that currency on or before it` +
    (rates.length ? `: ${rates.join('; ')}.` : '.')
  );
}

/** One row per donor and pledge currency, with the donor's US$ totals in the currency-free rows. */
export function pledgeTable(title: string, donors: DonorPledges[], note: string): TableBlock {
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'donor', label: 'Contributor', type: 'text', weight: 2.4 },
      { key: 'currency', label: 'Currency', type: 'text', weight: 0.7 },
      { key: 'committedOriginal', label: 'Committed (currency)', type: 'money' },
      { key: 'depositedOriginal', label: 'Deposited (currency)', type: 'money' },
      { key: 'outstandingOriginal', label: 'Outstanding (currency)', type: 'money' },
      { key: 'committedUsd', label: 'Committed (US$)', type: 'money' },
      { key: 'depositedUsd', label: 'Deposited (US$)', type: 'money' },
      { key: 'outstandingUsd', label: 'Outstanding (US$)', type: 'money' },
    ],
    rows: donors.flatMap((donor) =>
      donor.lines.map((line) => ({
        donor: `${donor.donorName} (${donor.donorCode})`,
        currency: line.currency,
        committedOriginal: line.committedOriginal,
        depositedOriginal: line.depositedOriginal,
        outstandingOriginal: line.outstandingOriginal,
        committedUsd: line.committedUsd,
        depositedUsd: line.depositedUsd,
        outstandingUsd: line.outstandingUsd,
      })),
    ),
    totals: {
      donor: 'Total (US$)',
      currency: null,
      committedOriginal: null,
      depositedOriginal: null,
      outstandingOriginal: null,
      committedUsd: sumMoney(donors.map((d) => d.committed)),
      depositedUsd: sumMoney(donors.map((d) => d.deposited)),
      outstandingUsd: sumMoney(donors.map((d) => d.outstanding)),
    },
    note,
  };
}

export function contributionsByDonorSection(data: AnnualReportData): ReportSection {
  const { pledges, cutYear } = data;
  const cutoff = cutoffLabel(data);
  const donors = pledges.donors;
  const priorOf = (d: DonorPledges) => formatMoney(parseMoney(d.deposited) - parseMoney(d.depositedInYear));
  return {
    heading: 'Contributions by donor',
    pageBreakBefore: true,
    blocks: [
      pledgeTable(
        `Commitments, deposits and outstanding pledges at ${cutoff}`,
        donors,
        pledgeRateNote(pledges, cutoff),
      ),
      {
        kind: 'table',
        title: `Deposits and AA fees by donor (US$)`,
        columns: [
          ...yearColumns(data, { key: 'donor', label: 'Contributor (deposits)', type: 'text', weight: 2.6 }),
          { key: 'aaFees', label: `AA fees (to ${cutoff})`, type: 'money' },
        ],
        rows: donors.map((d) => ({
          donor: `${d.donorName} (${d.donorCode})`,
          prior: priorOf(d),
          current: d.depositedInYear,
          total: d.deposited,
          aaFees: d.aaFees,
        })),
        totals: {
          donor: 'Total',
          prior: sumMoney(donors.map(priorOf)),
          current: sumMoney(donors.map((d) => d.depositedInYear)),
          total: sumMoney(donors.map((d) => d.deposited)),
          aaFees: sumMoney(donors.map((d) => d.aaFees)),
        },
        note: 'Deposits are the cash received by the Administrative Agent, net of any reversal (booked in the year it is recorded); the AA fee is 1 % of each deposit.',
      },
      {
        kind: 'donutChart',
        title: `Deposits by donor to ${cutoff} (US$)`,
        valueType: 'money',
        slices: [...donors]
          .filter((d) => parseMoney(d.deposited) > 0n)
          .sort(
            byAmountDesc(
              (d) => d.deposited,
              (d) => d.donorCode,
            ),
          )
          .map((donor) => ({ label: donor.donorName, value: donor.deposited })),
      },
      {
        kind: 'table',
        title:
          data.year === undefined ? `Contributions to ${cutoff}` : `Contributions recorded in ${cutYear}`,
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
        note: 'Each contribution keeps its original currency and amount; the US$ value is what the Administrative Agent received (for a commitment, its value when signed), and the rate is the one it implies. A reversal is an entry of the opposite sign, listed on the day it was recorded.',
      },
    ],
  };
}

/** Deposits by the thematic area donors earmarked them for (unearmarked last). */
export function earmarksSection(data: AnnualReportData): ReportSection {
  const titles = new Map(data.thematicAreas.map((area) => [area.code, area.shortTitle]));
  const rows = data.earmarks.map((row) => ({
    area:
      row.thematicAreaCode === null
        ? 'Unearmarked (pooled)'
        : `${row.thematicAreaCode}. ${titles.get(row.thematicAreaCode) ?? ''}`,
    prior: formatMoney(parseMoney(row.deposits) - parseMoney(row.depositsInYear)),
    current: row.depositsInYear,
    total: row.deposits,
  }));
  return {
    heading: 'Earmarked contributions',
    blocks: [
      {
        kind: 'table',
        title: 'Deposits by earmarked thematic area (US$)',
        columns: yearColumns(data, { key: 'area', label: 'Earmark', type: 'text', weight: 3.4 }),
        rows,
        totals: {
          area: 'Total deposits',
          prior: sumMoney(rows.map((r) => r.prior)),
          current: sumMoney(rows.map((r) => r.current)),
          total: sumMoney(rows.map((r) => r.total)),
        },
        note: 'A donor may earmark a deposit for one thematic area; earmarked money is allocated only to programmes of that area.',
      },
    ],
  };
}

/** What the fund's administration costs: the AA fee, indirect support costs and direct costs. */
export function costRecoverySection(data: AnnualReportData): ReportSection {
  const indirect = data.categories.find((c) => c.code === 8);
  const indirectTotal = indirect?.expenditure ?? '0.00';
  const indirectYear = indirect?.inYear ?? '0.00';
  const indirectRow = {
    item: `Indirect support costs of the PUNOs (category 8, ${(Number(data.settings.indirectRate) * 100).toFixed(0)} % of direct costs)`,
    prior: formatMoney(parseMoney(indirectTotal) - parseMoney(indirectYear)),
    current: indirectYear,
    total: indirectTotal,
  };
  const rows = [
    {
      item: `Administrative Agent fees (${(Number(data.settings.aaFeeRate) * 100).toFixed(0)} % of deposits)`,
      ...yearCells(data, (s) => s.withAdministrativeAgent.aaFees),
    },
    indirectRow,
    {
      item: 'Direct costs of the fund secretariat',
      ...yearCells(data, (s) => s.withAdministrativeAgent.directCosts),
    },
  ];
  return {
    heading: 'Cost recovery',
    blocks: [
      {
        kind: 'table',
        title: 'Cost recovery (US$)',
        columns: yearColumns(data, { key: 'item', label: 'US$', type: 'text', weight: 3 }),
        rows,
        totals: {
          item: 'Total cost recovery',
          prior: sumMoney(rows.map((r) => r.prior)),
          current: sumMoney(rows.map((r) => r.current)),
          total: sumMoney(rows.map((r) => r.total)),
        },
        note: 'AA fees as charged on deposits; indirect support costs as reported by the organizations in their expenditure (category 8); direct costs as recorded by the Administrative Agent.',
      },
    ],
  };
}
