import { Injectable } from '@nestjs/common';
import {
  ContributionsService,
  FinanceReadService,
  FundStatus,
  PortfolioDimension,
  PortfolioGroup,
} from '@mptf/finance';
import { formatMoney, parseMoney, ratio } from '@mptf/platform';
import { ProposalStatus, submittedProposalSql } from '@mptf/proposals';
import { ReferenceService } from '@mptf/reference';
import { RollupGroup, RollupService } from '@mptf/results';
import { EntityManager } from 'typeorm';
import { CellValue, ReportBlock, ReportSection, TableBlock } from '../document/report-document';
import { ReportType } from '../runs/report-types';
import { asOfLabel, byAmountDesc, contributionKindLabel, snapshotTime, sumMoney } from './compose-helpers';
import { ProgrammeFactsheetDataProvider, programmeBudget } from './programme-factsheet.data';
import { ComposeContext, ComposedReport, ReportComposer } from './report-composer';

/** Statuses of proposals once submitted: drafts are the agencies' own and never in donor reports. */
const STATUS_ORDER: ProposalStatus[] = [
  ProposalStatus.SUBMITTED,
  ProposalStatus.RETURNED,
  ProposalStatus.UNDER_REVIEW,
  ProposalStatus.REVISION_REQUESTED,
  ProposalStatus.PIPELINE,
  ProposalStatus.APPROVED,
  ProposalStatus.ACTIVE,
  ProposalStatus.OPERATIONALLY_CLOSED,
  ProposalStatus.FINANCIALLY_CLOSED,
  ProposalStatus.REJECTED,
  ProposalStatus.INELIGIBLE,
  ProposalStatus.WITHDRAWN,
];

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

const MONEY_COLUMNS = (first: { key: string; label: string; weight?: number }) => [
  { key: first.key, label: first.label, type: 'text' as const, weight: first.weight ?? 3 },
  { key: 'programmes', label: 'Programmes', type: 'number' as const, weight: 0.8 },
  { key: 'allocated', label: 'Allocated', type: 'money' as const },
  { key: 'transferred', label: 'Transferred', type: 'money' as const },
  { key: 'expenditure', label: 'Expenditure', type: 'money' as const },
  { key: 'deliveryRate', label: 'Delivery rate', type: 'percent' as const, weight: 0.8 },
];

/**
 * ANNUAL_CONSOLIDATED: the fund's year (or, without a year, its whole life) for donors. Every
 * figure comes from the finance and results read models the HTTP API serves (`/fund/status`,
 * `/portfolio`, `/contributions`, `/results/rollup`), read in the run's one snapshot, so the PDF,
 * CSV and XLSX carry exactly the numbers the API shows for the same data.
 */
@Injectable()
export class AnnualReportComposer implements ReportComposer {
  readonly type = ReportType.ANNUAL_CONSOLIDATED;

  constructor(
    private readonly finance: FinanceReadService,
    private readonly contributions: ContributionsService,
    private readonly rollups: RollupService,
    private readonly reference: ReferenceService,
    private readonly programmes: ProgrammeFactsheetDataProvider,
  ) {}

  async compose(context: ComposeContext): Promise<ComposedReport> {
    const { manager } = context;
    const year = context.parameters.year;
    const snapshotAt = await snapshotTime(manager);
    const settings = await this.reference.fundSettings(manager);

    const inception = await this.finance.fundStatus(manager, {});
    const ofYear = year === undefined ? null : await this.finance.fundStatus(manager, { year });
    const donors = await this.contributions.donorSummary(manager, { year });
    const contributions = await this.contributions.contributions(manager, { year });
    await context.progress(25);
    const byArea = await this.finance.portfolio(manager, PortfolioDimension.THEMATIC_AREA);
    const byOrganization = await this.finance.portfolio(manager, PortfolioDimension.ORGANIZATION);
    const byRegion = await this.finance.portfolio(manager, PortfolioDimension.REGION);
    const byStatus = await this.finance.portfolio(manager, PortfolioDimension.STATUS);
    const proposalCounts = await this.proposalCounts(manager);
    const categories = await this.categories(manager, year);
    await context.progress(60);
    const resultsByArea = await this.rollups.rollup('thematicArea', year, manager);
    const resultsByObjective = await this.rollups.rollup('gcmObjective', year, manager);
    const resultsByIndicator = await this.rollups.rollup('fundIndicator', year, manager);
    const resultsAllPeriods =
      year === undefined ? resultsByArea : await this.rollups.rollup('thematicArea', undefined, manager);
    await context.progress(90);

    const netFunded =
      parseMoney(inception.withParticipatingOrganizations.transfers) -
      parseMoney(inception.withParticipatingOrganizations.refunds);
    const deliveryOf = (groups: PortfolioGroup[]) =>
      ratio(sumCents(groups.map((group) => group.expenditure)), netFunded, 4);
    const period = year === undefined ? 'since inception' : String(year);
    const asOf = asOfLabel(snapshotAt);

    const sections: ReportSection[] = [
      {
        heading: 'Highlights',
        blocks: [
          {
            kind: 'keyFigures',
            items: [
              {
                label: `Contributions received ${year === undefined ? 'since inception' : `in ${year}`} (US$)`,
                value: (ofYear ?? inception).withAdministrativeAgent.contributions,
                type: 'money',
              },
              {
                label: `Transferred to PUNOs ${year === undefined ? 'since inception' : `in ${year}`} (US$)`,
                value: (ofYear ?? inception).withAdministrativeAgent.transfers,
                type: 'money',
              },
              {
                label: `Expenditure ${year === undefined ? 'since inception' : `reported for ${year}`} (US$)`,
                value: (ofYear ?? inception).withParticipatingOrganizations.expenditure,
                type: 'money',
              },
              {
                label: 'Delivery rate since inception',
                value: ratio(parseMoney(inception.withParticipatingOrganizations.expenditure), netFunded, 4),
                type: 'percent',
              },
              {
                label: 'Balance with the Administrative Agent (US$)',
                value: inception.withAdministrativeAgent.balance,
                type: 'money',
              },
              {
                label: 'Joint programmes',
                value: byStatus.reduce((sum, group) => sum + group.programmes, 0),
                type: 'number',
              },
              { label: 'Contributors', value: donors.length, type: 'number' },
              {
                label: 'Assessed indicators on track (all periods)',
                value: shareOfAll(resultsAllPeriods),
                type: 'percent',
              },
            ],
          },
          {
            kind: 'paragraph',
            text:
              year === undefined
                ? 'This report covers the Migration MPTF from its inception to the date on the cover (data as of).'
                : `This report covers the reporting year ${year} (1 January to 31 December), with cumulative figures since the fund's inception for comparison. Annual expenditure is due by ${deadline(settings.expenditureDeadline)} ${year + 1}; figures reflect what was reported by the date on the cover.`,
          },
        ],
      },
      {
        heading: 'Sources and uses of funds',
        pageBreakBefore: true,
        blocks: this.fundStatusBlocks(inception, ofYear, year),
      },
      {
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
              { key: 'currency', label: 'Currency', type: 'text', weight: 0.7 },
              { key: 'amount', label: 'Amount (original currency)', type: 'money' },
              { key: 'rate', label: 'US$ per unit', type: 'number', weight: 0.8 },
              { key: 'usd', label: 'US$', type: 'money' },
              { key: 'fee', label: 'AA fee (US$)', type: 'money' },
            ],
            rows: contributions.map((c) => ({
              date: c.date,
              donor: c.donorCode,
              kind: contributionKindLabel(c),
              currency: c.currency,
              amount: c.amount,
              rate: c.exchangeRate,
              usd: c.usdAmount,
              fee: c.aaFee,
            })),
            note: 'Each contribution keeps its original currency and amount; the US$ value is what the Administrative Agent received, and the rate is the one it implies. A reversed contribution is corrected by an entry of the opposite sign, listed on the day it was recorded and netted in the totals.',
          },
        ],
      },
      {
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
            deliveryOf(byArea),
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
              deliveryOf(byOrganization),
            ),
            // A programme has several PUNOs: their programme counts overlap, their own amounts do not.
            totals: {
              ...moneyTotals(byOrganization, 'organization', deliveryOf(byOrganization)),
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
                  Number(b.deliveryRate) - Number(a.deliveryRate) ||
                  String(a.key).localeCompare(String(b.key)),
              )
              .map((group) => ({ label: String(group.key), value: group.deliveryRate })),
          },
          {
            ...moneyTable(
              'By region (US$)',
              byRegion,
              { key: 'region', label: 'Region' },
              (g) => g.label,
              null,
            ),
            totals: undefined,
            note: 'A programme working in several regions counts with its full amounts in each of them, so the regions overlap and their sum can exceed the fund totals. Programmes without countries are global.',
          },
          {
            kind: 'barChart',
            title: 'Transfers by region (US$)',
            valueType: 'money',
            bars: byRegion.map((group) => ({ label: group.label, value: group.transferred })),
          },
          categoryTable(categories, year),
          {
            kind: 'barChart',
            title: 'Expenditure by budget category since inception (US$)',
            valueType: 'money',
            bars: categories.map((c) => ({ label: `${c.code}. ${c.title}`, value: c.expenditure })),
          },
        ],
      },
      {
        heading: 'Portfolio status',
        pageBreakBefore: true,
        blocks: [
          moneyTable(
            'Joint programmes by status (US$)',
            byStatus,
            { key: 'status', label: 'Status' },
            (g) => g.label,
            deliveryOf(byStatus),
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
      },
      {
        heading: 'Results',
        pageBreakBefore: true,
        blocks: [
          {
            kind: 'paragraph',
            text: `Programme indicators rolled up ${year === undefined ? 'over all reporting periods' : `over the reporting periods ending in ${year}`}. An indicator is assessed when a period has both a target and an approved actual; it is on track when the latest such actual meets its target in the indicator's direction.`,
          },
          rollupTable('By thematic area', resultsByArea, 'Thematic area', (g) => `${g.key}. ${g.label}`),
          ...(year === undefined
            ? []
            : [
                rollupTable(
                  'By thematic area, all reporting periods since inception',
                  resultsAllPeriods,
                  'Thematic area',
                  (g) => `${g.key}. ${g.label}`,
                ),
              ]),
          {
            kind: 'barChart',
            title: 'Share of assessed indicators on track by thematic area, all periods since inception',
            valueType: 'percent',
            bars: resultsAllPeriods.map((group) => ({
              label: `${group.key}. ${group.label}`,
              value: group.shareOnTrack,
            })),
          },
          {
            ...rollupTable(
              'By objective of the Global Compact for Migration',
              resultsByObjective.filter((group) => group.indicators > 0),
              'GCM objective',
              (g) => `${g.key}. ${g.label}`,
            ),
            totals: undefined,
            note: 'Objectives without indicators are left out. An indicator counts under each objective it names, or under its programme’s objectives when it names none, so objectives overlap.',
          },
          {
            kind: 'table',
            title: 'By fund indicator',
            columns: [
              { key: 'code', label: 'Code', type: 'text', weight: 0.8 },
              { key: 'title', label: 'Fund indicator', type: 'text', weight: 4 },
              { key: 'unit', label: 'Unit', type: 'text', weight: 1 },
              { key: 'indicators', label: 'Indicators', type: 'number', weight: 0.8 },
              { key: 'targetSum', label: 'Targets (sum)', type: 'number', weight: 1 },
              { key: 'actualSum', label: 'Approved actuals (sum)', type: 'number', weight: 1 },
              { key: 'shareOnTrack', label: 'On track', type: 'percent', weight: 0.8 },
            ],
            rows: resultsByIndicator.map((group) => ({
              code: group.key,
              title: group.label,
              unit: group.unit,
              indicators: group.indicators,
              targetSum: group.targetSum,
              actualSum: group.approvedActualSum,
              shareOnTrack: group.shareOnTrack,
            })),
            note: 'Sums count the unit indicators linked to each fund indicator, for the periods in the window.',
          },
        ],
      },
    ];

    return {
      document: {
        title:
          year === undefined ? 'Consolidated report since inception' : `Annual consolidated report ${year}`,
        subtitle: 'Migration Multi-Partner Trust Fund · sources and uses of funds, portfolio and results',
        subject:
          year === undefined
            ? 'Consolidated report of the Migration MPTF since inception'
            : `Annual consolidated report of the Migration MPTF for ${year}`,
        keywords: ['Migration MPTF', 'annual report', ...(year === undefined ? [] : [String(year)])],
        metadata: [
          {
            label: 'Reporting period',
            value: year === undefined ? 'Since inception' : `1 January – 31 December ${year}`,
          },
          { label: 'Administrative Agent', value: 'UNDP Multi-Partner Trust Fund Office' },
          { label: 'Secretariat', value: 'Fund Management Unit, Geneva' },
          { label: 'Data as of', value: asOf },
        ],
        sections,
      },
      snapshotAt,
      rowCounts: {
        contributions: contributions.length,
        donors: donors.length,
        programmes: byStatus.reduce((sum, group) => sum + group.programmes, 0),
        organizations: byOrganization.length,
        proposals: proposalCounts.reduce((sum, row) => sum + row.count, 0),
        indicators: resultsByArea.reduce((sum, group) => sum + group.indicators, 0),
      },
      inputs: {
        year: year ?? null,
        aaFeeRate: settings.aaFeeRate,
        indirectRate: settings.indirectRate,
        expenditureDeadline: settings.expenditureDeadline,
        sources: [
          `/fund/status${year === undefined ? '' : `?year=${year}`}`,
          '/fund/status',
          '/portfolio?groupBy=thematicArea|organization|region|status',
          `/contributions${year === undefined ? '' : `?year=${year}`}`,
          `/results/rollup?by=thematicArea|gcmObjective|fundIndicator${year === undefined ? '' : `&year=${year}`}`,
        ],
      },
      omittedSections: [],
      fileStem: year === undefined ? 'annual-report-inception' : `annual-report-${year}`,
    };
  }

  private fundStatusBlocks(inception: FundStatus, ofYear: FundStatus | null, year?: number): ReportBlock[] {
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
        title: `Sources and uses, ${year === undefined ? 'since inception' : year} (US$)`,
        valueType: 'money',
        bars: [
          { label: 'Contributions', value: (ofYear ?? inception).withAdministrativeAgent.contributions },
          { label: 'Transfers to PUNOs', value: (ofYear ?? inception).withAdministrativeAgent.transfers },
          { label: 'Expenditure', value: (ofYear ?? inception).withParticipatingOrganizations.expenditure },
          { label: 'AA fees', value: (ofYear ?? inception).withAdministrativeAgent.aaFees },
        ],
      },
    ];
  }

  /** Proposals from submission on (a draft, withdrawn or not, is the agencies' own). */
  private async proposalCounts(manager: EntityManager): Promise<{ status: string; count: number }[]> {
    const rows = (await manager.query(
      `SELECT p.status, count(*)::int AS count FROM proposals p WHERE ${submittedProposalSql('p')} GROUP BY p.status`,
    )) as { status: string; count: number }[];
    const counts = new Map(rows.map((row) => [row.status, row.count]));
    return STATUS_ORDER.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }

  /**
   * Per UNSDG budget category: the approved budgets of the programmes (direct lines, indirect at
   * the fund rate per PUNO) and the expenditure reported (current versions: a resubmission
   * reverses the previous one in the ledger), since inception and for the year.
   */
  private async categories(manager: EntityManager, year?: number): Promise<CategoryRow[]> {
    const data = await this.programmes.load(manager, null);
    const budgets = new Map<number, bigint>();
    for (const programme of data.programmes)
      for (const category of programmeBudget(programme, data.categories, data.indirectRate).byCategory)
        budgets.set(category.code, (budgets.get(category.code) ?? 0n) + category.total);
    const spent = (await manager.query(
      `SELECT budget_category_code AS code, sum(amount)::text AS total,
              coalesce(sum(amount) FILTER (WHERE year = $1), 0)::text AS in_year
         FROM ledger_entries WHERE kind = 'EXPENDITURE' GROUP BY budget_category_code`,
      [year ?? null],
    )) as { code: number | null; total: string; in_year: string }[];
    return data.categories.map((category) => {
      const row = spent.find((candidate) => candidate.code === category.code);
      return {
        code: category.code,
        title: category.title,
        budget: formatMoney(budgets.get(category.code) ?? 0n),
        expenditure: formatMoney(row?.total ?? 0),
        inYear: year === undefined ? null : formatMoney(row?.in_year ?? 0),
      };
    });
  }
}

interface CategoryRow {
  code: number;
  title: string;
  budget: string;
  expenditure: string;
  inYear: string | null;
}

function sumCents(values: string[]): bigint {
  return values.reduce((sum, value) => sum + parseMoney(value), 0n);
}

function shareOfAll(groups: RollupGroup[]): string | null {
  const assessed = groups.reduce((sum, group) => sum + group.assessed, 0);
  const onTrack = groups.reduce((sum, group) => sum + group.onTrack, 0);
  return assessed ? ratio(BigInt(onTrack), BigInt(assessed), 4) : null;
}

/** "04-30" → "30 April". */
function deadline(monthDay: string): string {
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

function moneyTotals(
  groups: PortfolioGroup[],
  key: string,
  deliveryRate: string | null,
): Record<string, CellValue> {
  return {
    [key]: 'Total',
    programmes: groups.reduce((sum, group) => sum + group.programmes, 0),
    allocated: sumMoney(groups.map((g) => g.allocated)),
    transferred: sumMoney(groups.map((g) => g.transferred)),
    expenditure: sumMoney(groups.map((g) => g.expenditure)),
    deliveryRate,
  };
}

/** A `/portfolio` breakdown as a table, figures exactly as the API shows them. */
function moneyTable(
  title: string,
  groups: PortfolioGroup[],
  first: { key: string; label: string; weight?: number },
  label: (group: PortfolioGroup) => string,
  deliveryRate: string | null,
): TableBlock {
  return {
    kind: 'table',
    title,
    columns: MONEY_COLUMNS(first),
    rows: groups.map((group) => ({
      [first.key]: label(group),
      programmes: group.programmes,
      allocated: group.allocated,
      transferred: group.transferred,
      expenditure: group.expenditure,
      deliveryRate: group.deliveryRate,
    })),
    totals: moneyTotals(groups, first.key, deliveryRate),
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

function rollupTable(
  title: string,
  groups: RollupGroup[],
  firstLabel: string,
  label: (group: RollupGroup) => string,
): TableBlock {
  return {
    kind: 'table',
    title,
    columns: [
      { key: 'group', label: firstLabel, type: 'text', weight: 4 },
      { key: 'programmes', label: 'Programmes', type: 'number', weight: 0.9 },
      { key: 'indicators', label: 'Indicators', type: 'number', weight: 0.9 },
      { key: 'withTarget', label: 'With target', type: 'number', weight: 0.9 },
      { key: 'withActual', label: 'With approved actual', type: 'number', weight: 0.9 },
      { key: 'onTrack', label: 'On track of assessed', type: 'text', weight: 0.9 },
      { key: 'shareOnTrack', label: 'Share on track', type: 'percent', weight: 0.9 },
    ],
    rows: groups.map((group) => ({
      group: label(group),
      programmes: group.programmes,
      indicators: group.indicators,
      withTarget: group.withTarget,
      withActual: group.withActual,
      onTrack: `${group.onTrack} of ${group.assessed}`,
      shareOnTrack: group.shareOnTrack,
    })),
    totals: {
      group: 'Total',
      programmes: null,
      indicators: groups.reduce((sum, group) => sum + group.indicators, 0),
      withTarget: groups.reduce((sum, group) => sum + group.withTarget, 0),
      withActual: groups.reduce((sum, group) => sum + group.withActual, 0),
      onTrack: `${groups.reduce((sum, g) => sum + g.onTrack, 0)} of ${groups.reduce((sum, g) => sum + g.assessed, 0)}`,
      shareOnTrack: shareOfAll(groups),
    },
  };
}
