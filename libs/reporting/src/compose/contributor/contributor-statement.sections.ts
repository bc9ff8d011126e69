import { apportion, deliveryRateOrNull } from '@mptf/finance';
import { formatMoney, parseMoney } from '@mptf/platform';
import { ReportBlock, ReportSection, TableBlock } from '../../document/report-document';
import { byAmountDesc, contributionKindLabel, sumMoney } from '../compose-helpers';
import { SectionBuilder } from '../report-composer';
import { pledgeRateNote, pledgeTable } from '../annual/annual-contributions.sections';
import { CONTRIBUTION_AMOUNT_COLUMNS, contributionAmounts } from '../sections/contribution-columns';
import { ContributorStatementData } from './contributor-statement.data';
import { poolShare, PRO_RATA_RULE, ShareLine, shareCells, sharedSourcesAndUses } from './contributor-shares';

export { poolShare, PRO_RATA_RULE } from './contributor-shares';

/** The statement's cut-off in words: "31 Dec 2025", or the as-of date in the current year. */
export function statementCutoff(data: ContributorStatementData): string {
  if (!data.fund.currentYear) return `31 Dec ${data.fund.cutYear}`;
  const [year, month, day] = data.snapshotAt.slice(0, 10).split('-').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${day} ${months[month - 1]} ${year}`;
}

export function yourContributionsSection(data: ContributorStatementData): ReportSection {
  const cutoff = statementCutoff(data);
  const zero = '0.00';
  const own = data.pledges;
  const year = data.year;
  const deposits = year === undefined ? (own?.deposited ?? zero) : (own?.depositedInYear ?? zero);
  const fees = year === undefined ? (own?.aaFees ?? zero) : (own?.aaFeesInYear ?? zero);
  const scope = year === undefined ? `to ${cutoff}` : `in ${year}`;
  return {
    heading: 'Your contributions',
    blocks: [
      {
        kind: 'keyFigures',
        items: [
          { label: `Committed to ${cutoff} (US$)`, value: own?.committed ?? zero, type: 'money' },
          { label: `Deposited ${scope} (US$)`, value: deposits, type: 'money' },
          { label: `AA fees ${scope} (US$)`, value: fees, type: 'money' },
          { label: `Outstanding pledges at ${cutoff} (US$)`, value: own?.outstanding ?? zero, type: 'money' },
        ],
      },
      pledgeTable(
        `Your pledges at ${cutoff}`,
        own ? [own] : [],
        pledgeRateNote({ donors: own ? [own] : [], rates: usedRates(data) }, cutoff),
      ),
      {
        kind: 'table',
        title:
          year === undefined
            ? `Commitments and deposits to ${cutoff}`
            : `Commitments and deposits recorded in ${year}`,
        columns: [
          { key: 'date', label: 'Date', type: 'text', weight: 1.1 },
          { key: 'kind', label: 'Kind', type: 'text', weight: 1.4 },
          { key: 'reference', label: 'Reference', type: 'text', weight: 1.4 },
          ...CONTRIBUTION_AMOUNT_COLUMNS,
        ],
        rows: data.entries.map((c) => ({
          date: c.date,
          kind: contributionKindLabel(c),
          reference: c.reference,
          ...contributionAmounts(c),
        })),
        note: 'The US$ value of a deposit is what the Administrative Agent received (of a commitment, its value when signed); the rate is the one the two amounts imply. The AA fee is 1 % of each deposit. A reversal is an entry of the opposite sign, netted in the totals.',
      },
    ],
  };
}

/** The rates the donor's own unpaid pledges are stated at. */
function usedRates(data: ContributorStatementData) {
  const currencies = new Set(data.pledges?.lines.map((line) => line.currency) ?? []);
  return data.fund.pledges.rates.filter((rate) => currencies.has(rate.currency));
}

function sharesTable(title: string, sources: ShareLine[], uses: ShareLine[], spent: ShareLine[]): TableBlock {
  const total = (lines: ShareLine[], item: string) => ({
    item,
    fund: formatMoney(lines.reduce((sum, line) => sum + line.fund, 0n)),
    share: formatMoney(lines.reduce((sum, line) => sum + line.share, 0n)),
  });
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'item', label: 'US$', type: 'text', weight: 4 },
      { key: 'fund', label: 'Whole fund', type: 'money' },
      { key: 'share', label: 'Your share', type: 'money' },
    ],
    rows: [
      ...sources.map(shareCells),
      total(sources, 'Resources'),
      ...uses.slice(0, 1).map(shareCells),
      ...spent.map(shareCells),
      ...uses.slice(1).map(shareCells),
    ],
    totals: total(uses, 'Total uses (equals resources)'),
  };
}

export function usesOfFundsSection(data: ContributorStatementData): ReportSection {
  const { ownNet, allNet, share } = poolShare(data);
  const { columns, byArea, programmes } = data.fund;
  const cutoff = statementCutoff(data);
  const pool = { ownNet, allNet };
  const cumulative = sharedSourcesAndUses(
    columns.total,
    pool,
    ownNet,
    `Balance with the Administrative Agent at ${cutoff}`,
  );
  const netFundedShare = cumulative.uses[0].share;
  const spentShare = cumulative.spent[0].share;
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: PRO_RATA_RULE },
    {
      kind: 'keyFigures',
      items: [
        {
          label: `Your deposits net of AA fees to ${cutoff} (US$)`,
          value: formatMoney(ownNet),
          type: 'money',
        },
        { label: `All donors’ net deposits to ${cutoff} (US$)`, value: formatMoney(allNet), type: 'money' },
        { label: `Your share of the fund at ${cutoff}`, value: share, type: 'percent' },
      ],
    },
    sharesTable(
      `Sources and uses of the fund to ${cutoff} (US$)`,
      cumulative.sources,
      cumulative.uses,
      cumulative.spent,
    ),
  ];
  if (data.year !== undefined) {
    const year = sharedSourcesAndUses(
      columns.current,
      pool,
      null,
      `Change in the balance with the AA in ${data.year}`,
      data.year,
    );
    blocks.push(
      sharesTable(`Sources and uses of the fund in ${data.year} (US$)`, year.sources, year.uses, year.spent),
    );
  }
  const areaNet = apportion(
    netFundedShare,
    byArea.map((g) => parseMoney(g.netFunded)),
  );
  const areaSpent = apportion(
    spentShare,
    byArea.map((g) => parseMoney(g.expenditure)),
  );
  blocks.push({
    kind: 'table',
    title: `Net funded amount and expenditure by thematic area, to ${cutoff} (US$)`,
    columns: [
      { key: 'area', label: 'Thematic area', type: 'text', weight: 3 },
      { key: 'netFunded', label: 'Net funded', type: 'money' },
      { key: 'expenditure', label: 'Expenditure', type: 'money' },
      { key: 'shareNetFunded', label: 'Your share of net funded', type: 'money' },
      { key: 'shareExpenditure', label: 'Your share of expenditure', type: 'money' },
    ],
    rows: byArea.map((group, index) => ({
      area: `${group.key}. ${group.label}`,
      netFunded: group.netFunded,
      expenditure: group.expenditure,
      shareNetFunded: formatMoney(areaNet[index]),
      shareExpenditure: formatMoney(areaSpent[index]),
    })),
    totals: {
      area: 'Total',
      netFunded: sumMoney(byArea.map((g) => g.netFunded)),
      expenditure: sumMoney(byArea.map((g) => g.expenditure)),
      shareNetFunded: formatMoney(netFundedShare),
      shareExpenditure: formatMoney(spentShare),
    },
  });
  blocks.push({
    kind: 'donutChart',
    title: `Your share of the net funded amount by thematic area, to ${cutoff} (US$)`,
    valueType: 'money',
    slices: byArea
      .map((group, index) => ({ label: `${group.key}. ${group.label}`, value: formatMoney(areaNet[index]) }))
      .filter((slice) => parseMoney(slice.value) > 0n),
  });
  const funded = [...programmes].sort(
    byAmountDesc(
      (p) => p.netFunded,
      (p) => p.reference,
    ),
  );
  const programmeNet = apportion(
    netFundedShare,
    funded.map((p) => parseMoney(p.netFunded)),
  );
  blocks.push({
    kind: 'table',
    title: `Programmes funded, to ${cutoff} (US$)`,
    columns: [
      { key: 'reference', label: 'Reference', type: 'text', weight: 1.4 },
      { key: 'title', label: 'Programme', type: 'text', weight: 4 },
      { key: 'area', label: 'TA', type: 'number', weight: 0.4 },
      { key: 'netFunded', label: 'Net funded', type: 'money' },
      { key: 'expenditure', label: 'Expenditure', type: 'money' },
      { key: 'deliveryRate', label: 'Delivery', type: 'percent', weight: 0.7 },
      { key: 'share', label: 'Your share of net funded', type: 'money' },
    ],
    rows: funded.map((p, index) => ({
      reference: p.reference,
      title: p.title,
      area: p.thematicAreaCode,
      netFunded: p.netFunded,
      expenditure: p.expenditure,
      deliveryRate: deliveryCell(p.expenditure, p.netFunded),
      share: formatMoney(programmeNet[index]),
    })),
    totals: {
      reference: 'Total',
      title: `${funded.length} programme${funded.length === 1 ? '' : 's'}`,
      area: null,
      netFunded: sumMoney(funded.map((p) => p.netFunded)),
      expenditure: sumMoney(funded.map((p) => p.expenditure)),
      deliveryRate: null,
      share: formatMoney(netFundedShare),
    },
    note: 'Delivery rate = expenditure ÷ net funded amount; n/a where nothing is net funded (after a full refund). TA: thematic area.',
  });
  return { heading: 'What the fund did with the money', pageBreakBefore: true, blocks };
}

/** Expenditure ÷ net funded, or "n/a" where nothing is net funded. */
function deliveryCell(expenditure: string, netFunded: string): string {
  return deliveryRateOrNull(parseMoney(expenditure), parseMoney(netFunded)) ?? 'n/a';
}

/** A contributor statement's sections in order: a new section is a builder added here. */
export const CONTRIBUTOR_STATEMENT_SECTIONS: readonly SectionBuilder<ContributorStatementData>[] = [
  yourContributionsSection,
  usesOfFundsSection,
];
