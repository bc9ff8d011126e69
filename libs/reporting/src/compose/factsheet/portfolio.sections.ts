import { Cents, ratio } from '@mptf/platform';
import type { ProgrammeProfile } from '@mptf/proposals';
import { ReportSection } from '../../document/report-document';
import { SectionBuilder } from '../report-composer';
import { ProgrammeBudget, programmeBudget } from './programme-budget';
import { ProgrammeFactsheetData } from './programme-factsheet.data';
import { money, statusLabel } from './programme-labels';

/** The portfolio factsheet's figures: every programme's budget and the portfolio's breakdowns. */
export interface PortfolioSheet {
  data: ProgrammeFactsheetData;
  budgets: { programme: ProgrammeProfile; budget: ProgrammeBudget }[];
  total: Cents;
  /** By PUNO code, largest budget first. */
  organizations: [string, { name: string; programmes: number; total: Cents }][];
  areas: Map<number, { title: string; programmes: number; total: Cents }>;
  statuses: Map<string, number>;
  regions: Map<string, number>;
  countryCodes: Set<string>;
}

export function portfolioSheet(data: ProgrammeFactsheetData): PortfolioSheet {
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
  const byBudget = [...organizations.entries()].sort((a, b) =>
    b[1].total > a[1].total ? 1 : b[1].total < a[1].total ? -1 : a[0].localeCompare(b[0]),
  );
  return { data, budgets, total, organizations: byBudget, areas, statuses, regions, countryCodes };
}

export function atAGlanceSection(sheet: PortfolioSheet): ReportSection {
  const { data, total, areas, statuses, regions } = sheet;
  return {
    heading: 'Portfolio at a glance',
    blocks: [
      {
        kind: 'keyFigures',
        items: [
          { label: 'Joint programmes', value: data.programmes.length, type: 'number' },
          { label: 'Total budget (US$)', value: money(total), type: 'money' },
          { label: 'Participating UN organizations', value: sheet.organizations.length, type: 'number' },
          { label: 'Countries', value: sheet.countryCodes.size, type: 'number' },
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
          label: statusLabel(status),
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
  };
}

export function programmesSection({ data, budgets, total }: PortfolioSheet): ReportSection {
  return {
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
          status: statusLabel(programme.status),
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
  };
}

export function organizationsSection({ organizations, total }: PortfolioSheet): ReportSection {
  return {
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
        rows: organizations.map(([code, org]) => ({
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
        bars: organizations.map(([code, org]) => ({
          label: `${code} – ${org.name}`,
          value: money(org.total),
        })),
      },
    ],
  };
}

/** The portfolio factsheet's sections in order: a new section is a builder added here. */
export const PORTFOLIO_SECTIONS: readonly SectionBuilder<PortfolioSheet>[] = [
  atAGlanceSection,
  programmesSection,
  organizationsSection,
];
