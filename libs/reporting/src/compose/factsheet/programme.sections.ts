import { resultsTable } from '../sections/results-table';
import { ProposalStage } from '@mptf/proposals';
import type { ProgrammeProfile } from '@mptf/proposals';
import { CellValue, ReportBlock, ReportSection } from '../../document/report-document';
import type { IndicatorProgress, ProgrammeMoney } from '../extension-points';
import { SectionBuilder } from '../report-composer';
import { ProgrammeBudget } from './programme-budget';
import { ProgrammeFactsheetData } from './programme-factsheet.data';
import { markerLabel, money, percentOf, statusLabel } from './programme-labels';
import {
  FactsheetNarrative,
  FactsheetVersion,
  progressSection,
  versionSection,
} from './programme-version.sections';

/** What one programme's factsheet shows: its profile and budget, and money and results when connected. */
export interface ProgrammeSheet {
  data: ProgrammeFactsheetData;
  programme: ProgrammeProfile;
  budget: ProgrammeBudget;
  /** Null while no finance reader is connected (the section is then omitted). */
  money: ProgrammeMoney | null;
  /** Null while no results reader is connected (the section is then omitted). */
  indicators: IndicatorProgress[] | null;
  /** The factsheet's date: the version in force and the reports accepted by then. */
  date?: string;
  version?: FactsheetVersion | null;
  narratives?: FactsheetNarrative[] | null;
}

export function summarySection({ programme, budget }: ProgrammeSheet): ReportSection {
  return {
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
          { label: 'Status', value: statusLabel(programme.status) },
          {
            label: 'Stage',
            value:
              programme.stage === ProposalStage.FULL_PROPOSAL ? 'Full programme document' : 'Concept note',
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
          { label: 'Gender marker', value: markerLabel(programme.markers.gender) },
          { label: 'Human rights marker', value: markerLabel(programme.markers.humanRights) },
          { label: 'Child-sensitivity marker', value: markerLabel(programme.markers.childSensitivity) },
        ],
      },
    ],
  };
}

export function organizationsSection({ data, programme, budget }: ProgrammeSheet): ReportSection {
  const rateLabel = percentOf(data.indirectRate);
  return {
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
  };
}

export function whereAndWhatSection({ programme }: ProgrammeSheet): ReportSection {
  return {
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
  };
}

export function budgetByCategorySection({ programme, budget }: ProgrammeSheet): ReportSection {
  return {
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
            programme.punos.map((p) => [`org:${p.code}`, money(category.byOrganization.get(p.code) ?? 0n)]),
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
  };
}

export const FUNDING_HEADING = 'Funding and delivery';

export function fundingSection({ money: m }: ProgrammeSheet): ReportSection | null {
  if (!m) return null;
  return {
    heading: FUNDING_HEADING,
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
  };
}

export const RESULTS_HEADING = 'Results';

export function resultsSection({ indicators }: ProgrammeSheet): ReportSection | null {
  if (!indicators) return null;
  return {
    heading: RESULTS_HEADING,
    blocks: [
      resultsTable(
        'Results table',
        indicators,
        (i) => `${i.resultType === 'OUTCOME' ? 'Outcome' : 'Output'} ${i.resultKey}`,
      ),
    ],
  };
}

/** A programme's factsheet sections in order: a new section is a builder added here. */
export const PROGRAMME_SECTIONS: readonly SectionBuilder<ProgrammeSheet>[] = [
  summarySection,
  (sheet) => versionSection(sheet.version ?? null, sheet.date ?? ''),
  organizationsSection,
  whereAndWhatSection,
  budgetByCategorySection,
  fundingSection,
  resultsSection,
  (sheet) => progressSection(sheet.narratives ?? null),
];
