import { Injectable } from '@nestjs/common';
import {
  ContributionsService,
  FinanceReadService,
  PortfolioDimension,
  ProgrammeSummary,
} from '@mptf/finance';
import { Cents, divideRounded, formatMoney, NotFoundError, parseMoney, ratio } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { ReportSection } from '../document/report-document';
import { ReportType } from '../runs/report-types';
import { asOfLabel, byAmountDesc, contributionKindLabel, snapshotTime, sumMoney } from './compose-helpers';
import { ComposeContext, ComposedReport, ReportComposer } from './report-composer';

/** How a donor's part of the fund's uses is stated (also written into the report). */
export const PRO_RATA_RULE =
  'Contributions are pooled: the fund does not trace a donor’s dollars to a programme. Your share is your deposits net of the AA fee since inception ÷ all donors’ deposits net of the AA fee since inception; each of the fund’s figures is multiplied by it and rounded to the cent per line. Earmarks are honoured when money is allocated but are not traced per donor here.';

/** part × numerator ÷ denominator, rounded to the cent half away from zero; 0 when nothing is pooled. */
export function proRata(amount: Cents, numerator: Cents, denominator: Cents): Cents {
  return denominator === 0n ? 0n : divideRounded(amount * numerator, denominator);
}

/**
 * CONTRIBUTOR_STATEMENT: one donor's commitments, deposits (original currency, rate, US$) and AA
 * fees, for a year or since inception, and what the fund did with the pooled money (transfers by
 * thematic area and programme, expenditure, balances) with the donor's pro-rata share. Reads the
 * finance read models of `/contributions`, `/fund/status`, `/portfolio` and `/programmes`.
 */
@Injectable()
export class ContributorStatementComposer implements ReportComposer {
  readonly type = ReportType.CONTRIBUTOR_STATEMENT;

  constructor(
    private readonly finance: FinanceReadService,
    private readonly contributions: ContributionsService,
  ) {}

  async compose(context: ComposeContext): Promise<ComposedReport> {
    const { manager } = context;
    const donorCode = context.parameters.donorCode as string;
    const year = context.parameters.year;
    const snapshotAt = await snapshotTime(manager);
    const [donor] = (await manager.query('SELECT code, name FROM organizations WHERE code = $1', [
      donorCode,
    ])) as { code: string; name: string }[];
    if (!donor) throw new NotFoundError('Organization', donorCode);

    const [summary] = await this.contributions.donorSummary(manager, { donorCode, year });
    const entries = await this.contributions.contributions(manager, { donor: donorCode, year });
    const everyDonor = await this.contributions.donorSummary(manager, {});
    await context.progress(30);
    const fund = await this.finance.fundStatus(manager, {});
    const byArea = await this.finance.portfolio(manager, PortfolioDimension.THEMATIC_AREA);
    const programmes = await this.allProgrammes(manager);
    await context.progress(80);

    const net = (d: { deposits: string; aaFees: string }) => parseMoney(d.deposits) - parseMoney(d.aaFees);
    const own = everyDonor.find((d) => d.donorCode === donorCode);
    const ownNet = own ? net(own) : 0n;
    const allNet = everyDonor.reduce((sum, d) => sum + net(d), 0n);
    const share = ratio(ownNet, allNet, 4);
    const part = (amount: string) => formatMoney(proRata(parseMoney(amount), ownNet, allNet));
    const funded = programmes.filter((p) => parseMoney(p.transferred) > 0n);
    const period = year === undefined ? 'since inception' : String(year);
    const zero = '0.00';
    const figures = {
      commitments: summary?.commitments ?? zero,
      deposits: summary?.deposits ?? zero,
      aaFees: summary?.aaFees ?? zero,
      outstanding: summary?.outstandingCommitments ?? zero,
    };
    const aa = fund.withAdministrativeAgent;
    const puno = fund.withParticipatingOrganizations;
    const netTransfers = formatMoney(parseMoney(aa.transfers) - parseMoney(aa.refunds));

    const sections: ReportSection[] = [
      {
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
              { key: 'currency', label: 'Currency', type: 'text', weight: 0.7 },
              { key: 'amount', label: 'Amount (original currency)', type: 'money' },
              { key: 'rate', label: 'US$ per unit', type: 'number', weight: 0.8 },
              { key: 'usd', label: 'US$', type: 'money' },
              { key: 'fee', label: 'AA fee (US$)', type: 'money' },
            ],
            rows: entries.map((c) => ({
              date: c.date,
              kind: contributionKindLabel(c),
              reference: c.reference,
              currency: c.currency,
              amount: c.amount,
              rate: c.exchangeRate,
              usd: c.usdAmount,
              fee: c.aaFee,
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
      },
      {
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
              {
                label: 'All donors’ deposits net of AA fees (US$)',
                value: formatMoney(allNet),
                type: 'money',
              },
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
              {
                item: 'Of which still held by the organizations',
                fund: puno.balance,
                share: part(puno.balance),
              },
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
      },
    ];

    return {
      document: {
        title: 'Contributor statement',
        subtitle: `${donor.name} (${donor.code}) · ${year === undefined ? 'since inception' : year}`,
        subject: `Contributor statement of ${donor.name} to the Migration MPTF`,
        keywords: [
          'Migration MPTF',
          'contributor statement',
          donor.code,
          ...(year === undefined ? [] : [String(year)]),
        ],
        metadata: [
          { label: 'Contributor', value: `${donor.name} (${donor.code})` },
          {
            label: 'Period',
            value: year === undefined ? 'Since inception' : `1 January – 31 December ${year}`,
          },
          {
            label: 'Share of pooled contributions',
            value: `${(Number(share) * 100).toFixed(2)} % (since inception)`,
          },
          { label: 'Data as of', value: asOfLabel(snapshotAt) },
        ],
        sections,
      },
      snapshotAt,
      rowCounts: { contributions: entries.length, donors: everyDonor.length, programmes: programmes.length },
      inputs: {
        donorCode,
        year: year ?? null,
        share,
        shareRule: 'donor deposits net of AA fees ÷ all deposits net of AA fees, since inception',
        ownNetDeposits: formatMoney(ownNet),
        allNetDeposits: formatMoney(allNet),
      },
      omittedSections: [],
      fileStem: `contributor-statement-${donor.code}${year === undefined ? '' : `-${year}`}`,
    };
  }

  private async allProgrammes(manager: EntityManager): Promise<ProgrammeSummary[]> {
    const all: ProgrammeSummary[] = [];
    for (let page = 1; ; page++) {
      const result = await this.finance.programmes(manager, { page, pageSize: 1000 });
      all.push(...result.items);
      if (all.length >= result.total || !result.items.length) return all;
    }
  }
}
