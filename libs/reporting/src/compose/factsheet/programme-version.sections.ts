import { formatDate } from '@mptf/common';
import { parseMoney } from '@mptf/platform';
import type { ProgrammeProfile } from '@mptf/proposals';
import type { ReportBlock, ReportSection } from '../../document/report-document';
import type { IndicatorProgress } from '../extension-points';

/** The programme version in force on the factsheet's date (programmes lib, `inForceOn`). */
export interface FactsheetVersion {
  version: number;
  /** How many approved revisions the programme has at the snapshot. */
  of: number;
  kind: string | null;
  revisionNumber: number | null;
  inForceFrom: string | null;
  content: {
    endDate: string;
    budgetLines: { orgCode: string; categoryCode: number; amount: string }[];
    additionalFunding: { orgCode: string; amount: string }[];
    results: {
      key: string;
      type: 'OUTCOME' | 'OUTPUT';
      title: string;
      indicators: { key: string; title: string }[];
    }[];
  };
}

/** An accepted narrative progress report, with the content the fund unit accepted. */
export interface FactsheetNarrative {
  kind: string;
  year: number | null;
  periodStart: string;
  periodEnd: string;
  acceptedOn: string | null;
  sections: {
    resultKey: string;
    orgCode: string;
    progress: string;
    challenges: string;
    adjustments?: string;
    genderHumanRights: string;
    story: string;
  }[];
}

/** The profile with the budget of the version in force (its direct lines replace the proposal's). */
export function profileInForce(
  programme: ProgrammeProfile,
  version: FactsheetVersion | null,
): ProgrammeProfile {
  if (!version || !version.content.budgetLines.length) return programme;
  return {
    ...programme,
    budgetLines: version.content.budgetLines.map((line) => ({
      orgCode: line.orgCode,
      categoryCode: line.categoryCode,
      amount: parseMoney(line.amount),
    })),
  };
}

/**
 * The results table as the version in force shapes it: its results and indicators (by key, with
 * their titles then), with the figures of the live matrix; an indicator a later revision removed
 * is listed without figures.
 */
export function indicatorsInForce(
  indicators: IndicatorProgress[] | null,
  version: FactsheetVersion | null,
): IndicatorProgress[] | null {
  if (!indicators || !version?.content.results.length) return indicators;
  const year = indicators[0]?.year ?? new Date().getUTCFullYear();
  return version.content.results.flatMap((result) =>
    result.indicators.map((indicator) => {
      const live = indicators.find((i) => i.indicatorKey === indicator.key);
      return {
        ...(live ?? {
          measure: '',
          unit: null,
          baseline: null,
          target: null,
          actual: null,
          progress: null,
          aggregation: '',
          targetForYear: null,
          year,
          latestPeriod: null,
          standing: 'Not in the current matrix',
        }),
        indicatorKey: indicator.key,
        resultKey: result.key,
        resultType: result.type,
        resultTitle: result.title,
        indicatorTitle: indicator.title,
      };
    }),
  );
}

const KIND_LABEL: Record<string, string> = {
  NO_COST_EXTENSION: 'no-cost extension',
  BUDGET_REVISION: 'budget revision',
  COST_EXTENSION: 'cost extension',
};

export const VERSION_HEADING = 'Programme version in force';

/** Which version the factsheet shows, and its dates. */
export function versionSection(version: FactsheetVersion | null, date: string): ReportSection | null {
  if (!version) return null;
  const { content } = version;
  return {
    heading: VERSION_HEADING,
    blocks: [
      {
        kind: 'facts',
        items: [
          { label: 'Factsheet date', value: formatDate(date) },
          {
            label: 'Version',
            value:
              version.version === 0
                ? 'The approved programme document (no revision in force)'
                : `Version ${version.version}: ${KIND_LABEL[version.kind ?? ''] ?? 'revision'} no. ${version.revisionNumber}, in force from ${formatDate(version.inForceFrom)}`,
          },
          { label: 'Approved revisions', value: String(version.of) },
          {
            label: 'End date in force',
            value: content.endDate ? formatDate(content.endDate) : 'Not started',
          },
          ...content.additionalFunding.map((f) => ({
            label: `Added by cost extension (${f.orgCode})`,
            value: `US$ ${f.amount}`,
          })),
        ],
      },
    ],
  };
}

export const PROGRESS_HEADING = 'Progress reported';

/** The accepted narrative progress reports, newest first, each by outcome and agency. */
export function progressSection(narratives: FactsheetNarrative[] | null): ReportSection | null {
  if (!narratives) return null;
  if (!narratives.length)
    return {
      heading: PROGRESS_HEADING,
      blocks: [{ kind: 'paragraph', text: 'No progress report accepted yet.' }],
    };
  const blocks: ReportBlock[] = [...narratives]
    .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))
    .flatMap((report) => [
      {
        kind: 'paragraph',
        text: `${report.kind === 'FINAL_NARRATIVE' ? 'Final' : `Annual ${report.year ?? ''}`.trim()} progress report, ${formatDate(report.periodStart)} to ${formatDate(report.periodEnd)}, accepted on ${report.acceptedOn ? formatDate(report.acceptedOn) : 'n/a'}.`,
      } as ReportBlock,
      {
        kind: 'table',
        title: 'By outcome and participating organization',
        columns: [
          { key: 'outcome', label: 'Outcome', type: 'text', weight: 0.8 },
          { key: 'org', label: 'Agency', type: 'text', weight: 0.8 },
          { key: 'progress', label: 'Progress', type: 'text', weight: 3 },
          { key: 'challenges', label: 'Challenges', type: 'text', weight: 2 },
          { key: 'gender', label: 'Gender and human rights', type: 'text', weight: 2 },
          { key: 'story', label: 'Story', type: 'text', weight: 2 },
        ],
        rows: report.sections.map((s) => ({
          outcome: s.resultKey,
          org: s.orgCode,
          progress: s.progress,
          challenges: s.challenges,
          gender: s.genderHumanRights,
          story: s.story,
        })),
      } as ReportBlock,
    ]);
  return { heading: PROGRESS_HEADING, blocks };
}
