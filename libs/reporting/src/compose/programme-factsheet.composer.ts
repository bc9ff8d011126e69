import { Inject, Injectable, Optional } from '@nestjs/common';
import { Cents, formatMoney, ratio } from '@mptf/platform';
import { CellValue, ReportBlock, ReportDocument, ReportSection } from '../document/report-document';
import { ReportType } from '../runs/report-types';
import { PROGRAMME_MONEY_READER, PROGRAMME_RESULTS_READER } from './extension-points';
import type { ProgrammeMoneyReader, ProgrammeResultsReader } from './extension-points';
import {
  ProgrammeFactsheetData,
  ProgrammeFactsheetDataProvider,
  ProgrammeProfile,
  programmeBudget,
} from './programme-factsheet.data';
import { ComposeContext, ComposedReport, ReportComposer } from './report-composer';

const money = (cents: Cents): string => formatMoney(cents);
const MARKER_SCALE = ['0 – none', '1 – limited', '2 – significant', '3 – principal'];
const STATUS_LABELS: Record<string, string> = {
  APPROVED: 'Approved',
  ACTIVE: 'Active',
  OPERATIONALLY_CLOSED: 'Operationally closed',
  FINANCIALLY_CLOSED: 'Financially closed',
};
const label = (status: string) => STATUS_LABELS[status] ?? status;
/** "0.07" → "7 %", "0.075" → "7.5 %" (a label, not a figure). */
const percentOf = (share: string) => `${Number((Number(share) * 100).toFixed(2))} %`;

/**
 * PROGRAMME_FACTSHEET: with `programmeId`, one joint programme (summary, PUNOs, where and what,
 * budget per PUNO × category); without it, the portfolio factsheet (every programme, budget by
 * thematic area, organization and status) that the monthly schedule produces. Money and results
 * sections come from the finance and results readers when those are connected.
 */
@Injectable()
export class ProgrammeFactsheetComposer implements ReportComposer {
  readonly type = ReportType.PROGRAMME_FACTSHEET;

  constructor(
    private readonly data: ProgrammeFactsheetDataProvider,
    @Optional() @Inject(PROGRAMME_MONEY_READER) private readonly moneyReader?: ProgrammeMoneyReader,
    @Optional() @Inject(PROGRAMME_RESULTS_READER) private readonly resultsReader?: ProgrammeResultsReader,
  ) {}

  async compose(context: ComposeContext): Promise<ComposedReport> {
    const programmeId = context.parameters.programmeId ?? null;
    const data = await this.data.load(context.manager, programmeId);
    await context.progress(50);
    const rowCounts = {
      programmes: data.programmes.length,
      organizations: new Set(data.programmes.flatMap((p) => p.punos.map((o) => o.code))).size,
      countries: data.programmes.reduce((sum, p) => sum + p.countries.length, 0),
      objectives: data.programmes.reduce((sum, p) => sum + p.objectives.length, 0),
      budgetLines: data.programmes.reduce((sum, p) => sum + p.budgetLines.length, 0),
    };
    const inputs = { indirectRate: data.indirectRate };
    if (programmeId) {
      const programme = data.programmes[0];
      const { sections, omitted } = await this.programmeSections(context, data, programme);
      await context.progress(100);
      return {
        document: this.programmeDocument(data, programme, sections),
        snapshotAt: data.snapshotAt,
        rowCounts,
        inputs,
        omittedSections: omitted,
        fileStem: `factsheet-${programme.reference}`,
      };
    }
    const document = this.portfolioDocument(data);
    await context.progress(100);
    return {
      document,
      snapshotAt: data.snapshotAt,
      rowCounts,
      inputs,
      omittedSections: [
        ...(this.moneyReader ? [] : ['Funding and delivery']),
        ...(this.resultsReader ? [] : ['Results']),
      ],
      fileStem: `portfolio-factsheet-${data.snapshotAt.slice(0, 10)}`,
    };
  }

  // ---- one programme ---------------------------------------------------------------------

  private programmeDocument(
    data: ProgrammeFactsheetData,
    programme: ProgrammeProfile,
    sections: ReportSection[],
  ): ReportDocument {
    return {
      title: 'Programme factsheet',
      subtitle: `${programme.reference} · ${programme.title}`,
      subject: `Factsheet of joint programme ${programme.reference}`,
      keywords: ['Migration MPTF', 'factsheet', programme.reference, programme.thematicArea.shortTitle],
      metadata: [
        { label: 'Programme', value: programme.title },
        { label: 'Reference', value: programme.reference },
        { label: 'Status', value: label(programme.status) },
        { label: 'Thematic area', value: `${programme.thematicArea.code}. ${programme.thematicArea.title}` },
        { label: 'Convening agency', value: `${programme.convener.name} (${programme.convener.code})` },
        { label: 'Data as of', value: `${data.snapshotAt.slice(0, 16).replace('T', ' ')} UTC` },
      ],
      sections,
    };
  }

  private async programmeSections(
    context: ComposeContext,
    data: ProgrammeFactsheetData,
    programme: ProgrammeProfile,
  ): Promise<{ sections: ReportSection[]; omitted: string[] }> {
    const budget = programmeBudget(programme, data.categories, data.indirectRate);
    const rateLabel = percentOf(data.indirectRate);
    const omitted: string[] = [];
    const sections: ReportSection[] = [
      {
        heading: 'Summary',
        blocks: [
          ...(programme.summary ? [{ kind: 'paragraph', text: programme.summary } as ReportBlock] : []),
          {
            kind: 'keyFigures',
            items: [
              { label: 'Total budget (US$)', value: money(budget.total), type: 'money' },
              { label: 'Duration (months)', value: programme.durationMonths, type: 'number' },
              { label: 'Participating UN organizations', value: programme.punos.length, type: 'number' },
              { label: 'Countries', value: programme.countries.length, type: 'number' },
            ],
          },
          {
            kind: 'facts',
            items: [
              { label: 'Reference', value: programme.reference },
              { label: 'Status', value: label(programme.status) },
              {
                label: 'Stage',
                value: programme.stage === 'FULL_PROPOSAL' ? 'Full programme document' : 'Concept note',
              },
              { label: 'Scope', value: programme.scope.charAt(0) + programme.scope.slice(1).toLowerCase() },
              {
                label: 'Thematic area',
                value: `${programme.thematicArea.code}. ${programme.thematicArea.title}`,
              },
              { label: 'Convening agency', value: `${programme.convener.name} (${programme.convener.code})` },
              { label: 'Start date', value: programme.startDate ?? 'Not started (no transfer yet)' },
              { label: 'Duration', value: `${programme.durationMonths} months` },
              {
                label: 'Government endorsement',
                value:
                  programme.governmentEndorsed === null
                    ? 'Not applicable'
                    : programme.governmentEndorsed
                      ? `Endorsed${programme.governmentEndorsementDate ? ` on ${programme.governmentEndorsementDate}` : ''}`
                      : 'Not endorsed',
              },
              {
                label: 'Gender marker',
                value: MARKER_SCALE[programme.markers.gender] ?? String(programme.markers.gender),
              },
              {
                label: 'Human rights marker',
                value: MARKER_SCALE[programme.markers.humanRights] ?? String(programme.markers.humanRights),
              },
              {
                label: 'Child-sensitivity marker',
                value:
                  MARKER_SCALE[programme.markers.childSensitivity] ??
                  String(programme.markers.childSensitivity),
              },
            ],
          },
        ],
      },
      {
        heading: 'Participating UN organizations',
        blocks: [
          {
            kind: 'table',
            title: 'Budget by participating UN organization (US$)',
            columns: [
              { key: 'organization', label: 'Organization', type: 'text', weight: 3 },
              { key: 'role', label: 'Role', type: 'text', weight: 1.2 },
              { key: 'direct', label: 'Direct costs', type: 'money', weight: 1.4 },
              { key: 'indirect', label: `Indirect (${rateLabel})`, type: 'money', weight: 1.4 },
              { key: 'total', label: 'Total', type: 'money', weight: 1.4 },
            ],
            rows: budget.byOrganization.map((org) => ({
              organization: `${programme.punos.find((p) => p.code === org.orgCode)?.name ?? org.orgCode} (${org.orgCode})`,
              role: org.orgCode === programme.convener.code ? 'Convening' : 'Participating',
              direct: money(org.direct),
              indirect: money(org.indirect),
              total: money(org.total),
            })),
            totals: {
              organization: 'Total',
              role: null,
              direct: money(budget.direct),
              indirect: money(budget.indirect),
              total: money(budget.total),
            },
            note: `Indirect support costs (budget category 8) are ${rateLabel} of each organization's direct costs, at the fund's rate.`,
          },
          {
            kind: 'donutChart',
            title: 'Share of the budget by organization',
            valueType: 'money',
            slices: budget.byOrganization.map((org) => ({ label: org.orgCode, value: money(org.total) })),
          },
        ],
      },
      {
        heading: 'Where and what',
        blocks: [
          {
            kind: 'table',
            title: 'Countries',
            columns: [
              { key: 'country', label: 'Country', type: 'text', weight: 3 },
              { key: 'code', label: 'ISO code', type: 'text', weight: 1 },
              { key: 'region', label: 'Region', type: 'text', weight: 2 },
            ],
            rows: programme.countries.map((c) => ({ country: c.name, code: c.code, region: c.region })),
          },
          {
            kind: 'table',
            title: 'Objectives of the Global Compact for Migration addressed',
            columns: [
              { key: 'code', label: 'No.', type: 'number', weight: 0.6 },
              { key: 'objective', label: 'GCM objective', type: 'text', weight: 8 },
            ],
            rows: programme.objectives.map((o) => ({ code: o.code, objective: o.title })),
          },
        ],
      },
      {
        heading: 'Budget by category',
        blocks: [
          {
            kind: 'table',
            title: 'Budget by UNSDG category and organization (US$)',
            columns: [
              { key: 'category', label: 'Category', type: 'text', weight: 3.2 },
              ...programme.punos.map((p) => ({
                key: `org:${p.code}`,
                label: p.code,
                type: 'money' as const,
                weight: 1.3,
              })),
              { key: 'total', label: 'Total', type: 'money', weight: 1.4 },
            ],
            rows: budget.byCategory.map((category) => ({
              category: `${category.code}. ${category.title}`,
              ...Object.fromEntries(
                programme.punos.map((p) => [
                  `org:${p.code}`,
                  money(category.byOrganization.get(p.code) ?? 0n),
                ]),
              ),
              total: money(category.total),
            })),
            totals: {
              category: 'Total',
              ...Object.fromEntries(
                budget.byOrganization.map(
                  (org) => [`org:${org.orgCode}`, money(org.total)] as [string, CellValue],
                ),
              ),
              total: money(budget.total),
            },
          },
          {
            kind: 'barChart',
            title: 'Budget by category (US$)',
            valueType: 'money',
            bars: budget.byCategory.map((category) => ({
              label: `${category.code}. ${category.title}`,
              value: money(category.total),
            })),
          },
        ],
      },
    ];
    await context.progress(70);

    if (this.moneyReader) {
      const m = await this.moneyReader.programmeMoney(context.manager, programme.id);
      sections.push({
        heading: 'Funding and delivery',
        blocks: [
          {
            kind: 'keyFigures',
            items: [
              { label: 'Allocated (US$)', value: m.allocated, type: 'money' },
              { label: 'Net funded (US$)', value: m.netFunded, type: 'money' },
              { label: 'Expenditure (US$)', value: m.expenditure, type: 'money' },
              { label: 'Delivery rate', value: m.deliveryRate, type: 'percent' },
            ],
          },
          {
            kind: 'table',
            title: 'Allocations, transfers and expenditure by organization (US$)',
            columns: [
              { key: 'org', label: 'Organization', type: 'text', weight: 1.2 },
              { key: 'allocated', label: 'Allocated', type: 'money' },
              { key: 'transferred', label: 'Transferred', type: 'money' },
              { key: 'refunded', label: 'Refunded', type: 'money' },
              { key: 'expenditure', label: 'Expenditure', type: 'money' },
              { key: 'deliveryRate', label: 'Delivery', type: 'percent', weight: 0.8 },
            ],
            rows: m.byOrganization.map((o) => ({ ...o, org: o.orgCode })),
            totals: {
              org: 'Total',
              allocated: m.allocated,
              transferred: m.transferred,
              refunded: m.refunded,
              expenditure: m.expenditure,
              deliveryRate: m.deliveryRate,
            },
          },
          {
            kind: 'table',
            title: 'Transfers (US$)',
            columns: [
              { key: 'date', label: 'Date', type: 'text' },
              { key: 'orgCode', label: 'Organization', type: 'text' },
              { key: 'amount', label: 'Amount', type: 'money' },
              { key: 'note', label: 'Correction', type: 'text' },
            ],
            rows: m.transfers,
            note: 'A transfer recorded by mistake is reversed by an entry of the opposite sign; both are listed and the totals net them.',
          },
        ],
      });
    } else omitted.push('Funding and delivery');

    if (this.resultsReader) {
      const indicators = await this.resultsReader.resultsMatrix(context.manager, programme.id);
      sections.push({
        heading: 'Results',
        blocks: [
          {
            kind: 'table',
            title: 'Results matrix with progress',
            columns: [
              { key: 'result', label: 'Result', type: 'text', weight: 3 },
              { key: 'indicator', label: 'Indicator', type: 'text', weight: 3 },
              { key: 'baseline', label: 'Baseline', type: 'text', weight: 1 },
              { key: 'target', label: 'Target', type: 'text', weight: 1 },
              { key: 'actual', label: 'Actual', type: 'text', weight: 1 },
              { key: 'progress', label: 'Progress', type: 'percent', weight: 1 },
            ],
            rows: indicators.map((i) => ({
              result: `${i.resultType === 'OUTCOME' ? 'Outcome' : 'Output'} ${i.resultKey}: ${i.resultTitle}`,
              indicator: i.unit ? `${i.indicatorTitle} (${i.unit})` : i.indicatorTitle,
              baseline: i.baseline,
              target: i.target,
              actual: i.actual,
              progress: i.progress,
            })),
          },
        ],
      });
    } else omitted.push('Results');
    return { sections, omitted };
  }

  // ---- the portfolio -------------------------------------------------------------------------

  private portfolioDocument(data: ProgrammeFactsheetData): ReportDocument {
    const budgets = data.programmes.map((programme) => ({
      programme,
      budget: programmeBudget(programme, data.categories, data.indirectRate),
    }));
    const total = budgets.reduce((sum, entry) => sum + entry.budget.total, 0n);
    const organizations = new Map<string, { name: string; programmes: number; total: Cents }>();
    const areas = new Map<number, { title: string; programmes: number; total: Cents }>();
    const statuses = new Map<string, number>();
    const regions = new Map<string, number>();
    const countryCodes = new Set<string>();
    for (const { programme, budget } of budgets) {
      for (const org of budget.byOrganization) {
        const name = programme.punos.find((p) => p.code === org.orgCode)?.name ?? org.orgCode;
        const entry = organizations.get(org.orgCode) ?? { name, programmes: 0, total: 0n };
        entry.programmes += 1;
        entry.total += org.total;
        organizations.set(org.orgCode, entry);
      }
      const area = areas.get(programme.thematicArea.code) ?? {
        title: programme.thematicArea.shortTitle,
        programmes: 0,
        total: 0n,
      };
      area.programmes += 1;
      area.total += budget.total;
      areas.set(programme.thematicArea.code, area);
      statuses.set(programme.status, (statuses.get(programme.status) ?? 0) + 1);
      for (const region of new Set(programme.countries.map((c) => c.region)))
        regions.set(region, (regions.get(region) ?? 0) + 1);
      if (!programme.countries.length) regions.set('Global', (regions.get('Global') ?? 0) + 1);
      for (const country of programme.countries) countryCodes.add(country.code);
    }
    const orgRows = [...organizations.entries()].sort((a, b) =>
      b[1].total > a[1].total ? 1 : b[1].total < a[1].total ? -1 : a[0].localeCompare(b[0]),
    );
    const asOf = `${data.snapshotAt.slice(0, 16).replace('T', ' ')} UTC`;

    return {
      title: 'Portfolio factsheet',
      subtitle: `Joint programmes of the fund as of ${data.snapshotAt.slice(0, 10)}`,
      subject: 'Portfolio factsheet of the Migration MPTF',
      keywords: ['Migration MPTF', 'portfolio', 'factsheet'],
      metadata: [
        { label: 'Coverage', value: 'All approved joint programmes (approved, active and closed)' },
        { label: 'Programmes', value: String(data.programmes.length) },
        { label: 'Data as of', value: asOf },
      ],
      sections: [
        {
          heading: 'Portfolio at a glance',
          blocks: [
            {
              kind: 'keyFigures',
              items: [
                { label: 'Joint programmes', value: data.programmes.length, type: 'number' },
                { label: 'Total budget (US$)', value: money(total), type: 'money' },
                { label: 'Participating UN organizations', value: organizations.size, type: 'number' },
                { label: 'Countries', value: countryCodes.size, type: 'number' },
              ],
            },
            {
              kind: 'barChart',
              title: 'Budget by thematic area (US$)',
              valueType: 'money',
              bars: [...areas.entries()]
                .sort((a, b) => a[0] - b[0])
                .map(([code, area]) => ({ label: `${code}. ${area.title}`, value: money(area.total) })),
            },
            {
              kind: 'donutChart',
              title: 'Programmes by status',
              valueType: 'number',
              slices: [...statuses.entries()].map(([status, count]) => ({
                label: label(status),
                value: count,
              })),
            },
            {
              kind: 'donutChart',
              title: 'Programmes by region',
              valueType: 'number',
              slices: [...regions.entries()]
                .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
                .map(([region, count]) => ({ label: region, value: count })),
            },
            {
              kind: 'paragraph',
              text: 'A programme working in several regions counts once in each of them. Budgets are the approved programme budgets including indirect support costs; allocations, transfers and expenditure are reported by the Administrative Agent.',
            },
          ],
        },
        {
          heading: 'Programmes',
          pageBreakBefore: true,
          blocks: [
            {
              kind: 'table',
              title: 'Joint programmes (US$)',
              columns: [
                { key: 'reference', label: 'Reference', type: 'text', weight: 1.5 },
                { key: 'title', label: 'Title', type: 'text', weight: 4 },
                { key: 'area', label: 'Area', type: 'number', weight: 0.6 },
                { key: 'status', label: 'Status', type: 'text', weight: 1.3 },
                { key: 'punos', label: 'PUNOs', type: 'text', weight: 1.6 },
                { key: 'countries', label: 'Countries', type: 'text', weight: 1.4 },
                { key: 'budget', label: 'Budget', type: 'money', weight: 1.6 },
              ],
              rows: budgets.map(({ programme, budget }) => ({
                reference: programme.reference,
                title: programme.title,
                area: programme.thematicArea.code,
                status: label(programme.status),
                punos: programme.punos.map((p) => p.code).join(', '),
                countries: programme.countries.map((c) => c.code).join(', ') || 'Global',
                budget: money(budget.total),
              })),
              totals: {
                reference: 'Total',
                title: `${data.programmes.length} programmes`,
                area: null,
                status: null,
                punos: null,
                countries: null,
                budget: money(total),
              },
            },
          ],
        },
        {
          heading: 'Participating UN organizations',
          blocks: [
            {
              kind: 'table',
              title: 'Budget by participating UN organization (US$)',
              columns: [
                { key: 'organization', label: 'Organization', type: 'text', weight: 4 },
                { key: 'programmes', label: 'Programmes', type: 'number', weight: 1.2 },
                { key: 'budget', label: 'Budget', type: 'money', weight: 1.6 },
                { key: 'share', label: 'Share', type: 'percent', weight: 1 },
              ],
              rows: orgRows.map(([code, org]) => ({
                organization: `${org.name} (${code})`,
                programmes: org.programmes,
                budget: money(org.total),
                share: ratio(org.total, total),
              })),
              totals: {
                organization: 'Total',
                programmes: null,
                budget: money(total),
                share: total > 0n ? '1.0000' : null,
              },
            },
            {
              kind: 'barChart',
              title: 'Budget by participating UN organization (US$)',
              valueType: 'money',
              bars: orgRows.map(([code, org]) => ({
                label: `${code} – ${org.name}`,
                value: money(org.total),
              })),
            },
          ],
        },
      ],
    };
  }
}
