import { Cents, divideRounded, formatMoney, parseMoney, ratio } from '@mptf/platform';
import { ReportSection } from '../../document/report-document';
import { byAmountDesc, contributionKindLabel, periodLabel, sumMoney } from '../compose-helpers';
import { SectionBuilder } from '../report-composer';
import { CONTRIBUTION_AMOUNT_COLUMNS, contributionAmounts } from '../sections/contribution-columns';
import { ContributorStatementData } from './contributor-statement.data';

/** How a donor's part of the fund's uses is stated (also written into the report). */
export const PRO_RATA_RULE =
  'Contributions are pooled: the fund does not trace a donor’s dollars to a programme. Your share is your deposits net of the AA fee since inception ÷ all donors’ deposits net of the AA fee since inception; each of the fund’s figures is multiplied by it and rounded to the cent per line. Earmarks are honoured when money is allocated but are not traced per donor here.';

/** part × numerator ÷ denominator, rounded to the cent half away from zero; 0 when nothing is pooled. */
export function proRata(amount: Cents, numerator: Cents, denominator: Cents): Cents {
  return denominator === 0n ? 0n : divideRounded(amount * numerator, denominator);
}

/** The donor's share of the pooled money: deposits net of AA fees since inception, its and everyone's. */
export function poolShare(data: ContributorStatementData) {
  const net = (d: { deposits: string; aaFees: string }) => parseMoney(d.deposits) - parseMoney(d.aaFees);
  const own = data.everyDonor.find((d) => d.donorCode === data.donor.code);
  const ownNet = own ? net(own) : 0n;
  const allNet = data.everyDonor.reduce((sum, d) => sum + net(d), 0n);
  return {
    ownNet,
    allNet,
    /** Four decimals ("0.2500"). */
    share: ratio(ownNet, allNet, 4),
    /** The donor's part of one of the fund's amounts, to the cent. */
    part: (amount: string) => formatMoney(proRata(parseMoney(amount), ownNet, allNet)),
  };
}

export function yourContributionsSection(data: ContributorStatementData): ReportSection {
  const period = periodLabel(data.year);
  const zero = '0.00';
  const figures = {
    commitments: data.summary?.commitments ?? zero,
    deposits: data.summary?.deposits ?? zero,
    aaFees: data.summary?.aaFees ?? zero,
    outstanding: data.summary?.outstandingCommitments ?? zero,
  };
  return {
    heading: 'Your contributions',
    blocks: [
      {
        kind: 'keyFigures',
        items: [
          { label: `Commitments ${period} (US$)`, value: figures.commitments, type: 'money' },
          { label: `Deposits ${period} (US$)`, value: figures.deposits, type: 'money' },
          { label: `AA fees ${period} (US$)`, value: figures.aaFees, type: 'money' },
          { label: 'Outstanding commitments (US$)', value: figures.outstanding, type: 'money' },
        ],
      },
      {
        kind: 'table',
        title: `Commitments and deposits, ${period}`,
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
        note: 'The US$ value is what the Administrative Agent received; the rate is the one the two amounts imply. The AA fee is 1 % of each deposit. A reversal is booked as an entry of the opposite sign and is netted in the totals above.',
      },
      {
        kind: 'table',
        title: `Summary, ${period} (US$)`,
        columns: [
          { key: 'item', label: 'Item', type: 'text', weight: 3 },
          { key: 'amount', label: 'US$', type: 'money' },
        ],
        rows: [
          { item: 'Commitments signed', amount: figures.commitments },
          { item: 'Deposits received', amount: figures.deposits },
          { item: 'Administrative Agent fees', amount: figures.aaFees },
          {
            item: 'Deposits net of AA fees',
            amount: formatMoney(parseMoney(figures.deposits) - parseMoney(figures.aaFees)),
          },
          { item: 'Commitments not yet deposited', amount: figures.outstanding },
        ],
      },
    ],
  };
}

export function usesOfFundsSection(data: ContributorStatementData): ReportSection {
  const { ownNet, allNet, share, part } = poolShare(data);
  const { byArea } = data;
  const funded = data.programmes.filter((p) => parseMoney(p.transferred) > 0n);
  const aa = data.fund.withAdministrativeAgent;
  const puno = data.fund.withParticipatingOrganizations;
  const netTransfers = formatMoney(parseMoney(aa.transfers) - parseMoney(aa.refunds));
  return {
    heading: 'What the fund did with the money',
    pageBreakBefore: true,
    blocks: [
      { kind: 'paragraph', text: PRO_RATA_RULE },
      {
        kind: 'keyFigures',
        items: [
          {
            label: 'Your deposits net of AA fees since inception (US$)',
            value: formatMoney(ownNet),
            type: 'money',
          },
          { label: 'All donors’ deposits net of AA fees (US$)', value: formatMoney(allNet), type: 'money' },
          { label: 'Your share of the fund', value: share, type: 'percent' },
        ],
      },
      {
        kind: 'table',
        title: 'Uses of the fund since inception (US$)',
        columns: [
          { key: 'item', label: 'Item', type: 'text', weight: 4 },
          { key: 'fund', label: 'Whole fund', type: 'money' },
          { key: 'share', label: 'Your share', type: 'money' },
        ],
        rows: [
          {
            item: 'Transferred to participating UN organizations, net of refunds',
            fund: netTransfers,
            share: part(netTransfers),
          },
          {
            item: 'Of which spent by the organizations (expenditure reported)',
            fund: puno.expenditure,
            share: part(puno.expenditure),
          },
          { item: 'Of which still held by the organizations', fund: puno.balance, share: part(puno.balance) },
          { item: 'Direct costs', fund: aa.directCosts, share: part(aa.directCosts) },
          { item: 'Bank charges', fund: aa.bankCharges, share: part(aa.bankCharges) },
          { item: 'Balance with the Administrative Agent', fund: aa.balance, share: part(aa.balance) },
        ],
        note: 'Whole-fund figures as GET /fund/status shows them. The balance with the AA also holds interest and other income.',
      },
      {
        kind: 'table',
        title: 'Transfers and expenditure by thematic area, since inception (US$)',
        columns: [
          { key: 'area', label: 'Thematic area', type: 'text', weight: 3 },
          { key: 'transferred', label: 'Transferred', type: 'money' },
          { key: 'expenditure', label: 'Expenditure', type: 'money' },
          { key: 'shareTransferred', label: 'Your share of transfers', type: 'money' },
          { key: 'shareExpenditure', label: 'Your share of expenditure', type: 'money' },
        ],
        rows: byArea.map((group) => ({
          area: `${group.key}. ${group.label}`,
          transferred: group.transferred,
          expenditure: group.expenditure,
          shareTransferred: part(group.transferred),
          shareExpenditure: part(group.expenditure),
        })),
        totals: {
          area: 'Total',
          transferred: sumMoney(byArea.map((g) => g.transferred)),
          expenditure: sumMoney(byArea.map((g) => g.expenditure)),
          shareTransferred: sumMoney(byArea.map((g) => part(g.transferred))),
          shareExpenditure: sumMoney(byArea.map((g) => part(g.expenditure))),
        },
      },
      {
        kind: 'donutChart',
        title: 'Your share of transfers by thematic area (US$)',
        valueType: 'money',
        slices: byArea
          .filter((group) => parseMoney(group.transferred) > 0n)
          .map((group) => ({ label: `${group.key}. ${group.label}`, value: part(group.transferred) })),
      },
      {
        kind: 'table',
        title: 'Programmes funded, since inception (US$)',
        columns: [
          { key: 'reference', label: 'Reference', type: 'text', weight: 1.4 },
          { key: 'title', label: 'Programme', type: 'text', weight: 4 },
          { key: 'area', label: 'TA', type: 'number', weight: 0.4 },
          { key: 'netFunded', label: 'Net funded', type: 'money' },
          { key: 'expenditure', label: 'Expenditure', type: 'money' },
          { key: 'deliveryRate', label: 'Delivery', type: 'percent', weight: 0.7 },
          { key: 'share', label: 'Your share of funding', type: 'money' },
        ],
        rows: [...funded]
          .sort(
            byAmountDesc(
              (p) => p.netFunded,
              (p) => p.reference,
            ),
          )
          .map((p) => ({
            reference: p.reference,
            title: p.title,
            area: p.thematicAreaCode,
            netFunded: p.netFunded,
            expenditure: p.expenditure,
            deliveryRate: p.deliveryRate,
            share: part(p.netFunded),
          })),
        totals: {
          reference: 'Total',
          title: `${funded.length} programmes`,
          area: null,
          netFunded: sumMoney(funded.map((p) => p.netFunded)),
          expenditure: sumMoney(funded.map((p) => p.expenditure)),
          deliveryRate: null,
          share: sumMoney(funded.map((p) => part(p.netFunded))),
        },
      },
    ],
  };
}

/** A contributor statement's sections in order: a new section is a builder added here. */
export const CONTRIBUTOR_STATEMENT_SECTIONS: readonly SectionBuilder<ContributorStatementData>[] = [
  yourContributionsSection,
  usesOfFundsSection,
];
