import { ReportSection } from '../../document/report-document';
import { rollupTable } from '../sections/rollup-tables';
import { AnnualReportData } from './annual-report.data';

export function resultsSection(data: AnnualReportData): ReportSection {
  const { year, resultsByArea, resultsAllPeriods } = data;
  return {
    heading: 'Results',
    pageBreakBefore: true,
    blocks: [
      {
        kind: 'paragraph',
        text: `Programme indicators rolled up ${year === undefined ? 'over all reporting periods' : `over the reporting periods ending in ${year}`}. An indicator is assessed when a period has both a target and an approved actual; it is on track when the latest such actual meets its target in the indicator's direction. Per programme: see the last annex.`,
      },
      rollupTable('By thematic area', resultsByArea, 'Thematic area', (g) => `${g.key}. ${g.label}`),
      ...(year === undefined
        ? []
        : [
            rollupTable(
              `By thematic area, all reporting periods to 31 December ${year}`,
              resultsAllPeriods,
              'Thematic area',
              (g) => `${g.key}. ${g.label}`,
            ),
          ]),
      {
        kind: 'barChart',
        title: `Share of assessed indicators on track by thematic area, all periods ${year === undefined ? 'since inception' : `to 31 December ${year}`}`,
        valueType: 'percent',
        bars: resultsAllPeriods.map((group) => ({
          label: `${group.key}. ${group.label}`,
          value: group.shareOnTrack,
        })),
      },
      {
        ...rollupTable(
          'By objective of the Global Compact for Migration',
          data.resultsByObjective.filter((group) => group.indicators > 0),
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
        rows: data.resultsByIndicator.map((group) => ({
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
  };
}
