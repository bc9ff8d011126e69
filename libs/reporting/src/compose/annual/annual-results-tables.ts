import { Inject, Injectable } from '@nestjs/common';
import { ratio } from '@mptf/platform';
import { ReportSection, TableBlock } from '../../document/report-document';
import { IndicatorProgress, PROGRAMME_RESULTS_READER } from '../extension-points';
import type { ProgrammeResultsReader } from '../extension-points';
import {
  ProgrammeFactsheetData,
  ProgrammeFactsheetDataProvider,
} from '../factsheet/programme-factsheet.data';
import { ComposeContext } from '../report-composer';
import { resultsTable } from '../sections/results-table';

/** Per thematic area, its programmes' indicators as a results table shows them. */
export interface AreaResults {
  code: number;
  title: string;
  indicators: (IndicatorProgress & { programme: string })[];
  /** Each programme's title, by reference. */
  titles: Map<string, string>;
}

const MATRICES_PER_READ = 100;

/** Reads the annual report's results tables: every programme's matrix in the run's snapshot. */
@Injectable()
export class AnnualResultsTablesLoader {
  constructor(
    private readonly programmes: ProgrammeFactsheetDataProvider,
    @Inject(PROGRAMME_RESULTS_READER) private readonly results: ProgrammeResultsReader,
  ) {}

  /**
   * `year`: the report's year, or the snapshot's for a report since inception. `loaded`: the
   * programmes the report has already read in this snapshot (read here without them).
   */
  async load(
    context: ComposeContext,
    year: number | undefined,
    loaded?: Pick<ProgrammeFactsheetData, 'programmes' | 'snapshotAt'>,
  ): Promise<AreaResults[]> {
    const data = loaded ?? (await this.programmes.load(context.manager, null));
    const forYear = year ?? Number(data.snapshotAt.slice(0, 4));
    const areas = new Map<number, AreaResults>();
    // A hundred programmes per read, in reference order, each chunk's rows put into their area
    // as it comes: a few statements per hundred programmes, and never every matrix's rows and
    // views at once (the worker's memory: the matrices' rows are most of what a run allocates).
    const programmes = [...data.programmes].sort((a, b) => a.reference.localeCompare(b.reference));
    for (let start = 0; start < programmes.length; start += MATRICES_PER_READ) {
      const chunk = programmes.slice(start, start + MATRICES_PER_READ);
      const matrices = await this.results.resultsMatrices(
        context.manager,
        chunk.map((programme) => programme.id),
        forYear,
      );
      for (const programme of chunk) {
        const indicators = matrices.get(programme.id) ?? [];
        if (!indicators.length) continue;
        const area = areas.get(programme.thematicArea.code) ?? {
          code: programme.thematicArea.code,
          title: programme.thematicArea.shortTitle,
          indicators: [],
          titles: new Map<string, string>(),
        };
        area.titles.set(programme.reference, programme.title);
        for (const indicator of indicators)
          area.indicators.push({ ...indicator, programme: programme.reference });
        areas.set(area.code, area);
      }
    }
    return [...areas.values()].sort((a, b) => a.code - b.code);
  }
}

/** The annex of the PDF: each programme's indicators counted by standing. */
export const RESULTS_ANNEX_HEADING = 'Annex: results by programme';

const STANDINGS = ['On track', 'Off track', 'Overdue', 'Not yet assessed'] as const;

/**
 * Annex: per thematic area, one row per programme with its indicators by standing (issue 17's
 * results per programme), as the MPTF Office's consolidated report keeps programme detail in
 * annexes. Each indicator's own row (baseline, targets, latest approved actual with its period,
 * progress, standing) is in the report's spreadsheet and CSV editions: at a thousand programmes
 * that is twenty thousand rows, a reference table rather than pages a donor reads.
 */
export function resultsTablesSection(data: { resultTables?: AreaResults[] }): ReportSection | null {
  if (!data.resultTables) return null;
  return {
    heading: RESULTS_ANNEX_HEADING,
    pageBreakBefore: true,
    blocks: data.resultTables.length
      ? [
          {
            kind: 'paragraph',
            text: 'Per thematic area, each programme’s indicators by standing, as in the results tables: on track or off track by the latest approved actual, overdue when a period ended more than the grace days ago without an approved actual. Each indicator with its baseline, targets, latest approved actual with its period and progress is listed in this report’s spreadsheet (XLSX) and CSV editions.',
          },
          ...data.resultTables.map((area) => programmeStandingsTable(area)),
        ]
      : [{ kind: 'paragraph', text: 'No programme has a results matrix yet.' }],
  };
}

function programmeStandingsTable(area: AreaResults): TableBlock {
  const byProgramme = new Map<string, Record<(typeof STANDINGS)[number], number>>();
  for (const indicator of area.indicators) {
    const counts = byProgramme.get(indicator.programme) ?? {
      'On track': 0,
      'Off track': 0,
      Overdue: 0,
      'Not yet assessed': 0,
    };
    const standing = STANDINGS.find((name) => indicator.standing.startsWith(name)) ?? 'Not yet assessed';
    counts[standing] += 1;
    byProgramme.set(indicator.programme, counts);
  }
  return {
    kind: 'table',
    title: `${area.code}. ${area.title}`,
    columns: [
      { key: 'programme', label: 'Programme', type: 'text', weight: 4 },
      { key: 'indicators', label: 'Indicators', type: 'number', weight: 0.8 },
      { key: 'onTrack', label: 'On track', type: 'number', weight: 0.8 },
      { key: 'offTrack', label: 'Off track', type: 'number', weight: 0.8 },
      { key: 'overdue', label: 'Overdue', type: 'number', weight: 0.8 },
      { key: 'notAssessed', label: 'Not yet assessed', type: 'number', weight: 0.8 },
      { key: 'share', label: 'On track of assessed', type: 'percent', weight: 0.9 },
    ],
    rows: [...byProgramme].map(([reference, counts]) => {
      const assessed = counts['On track'] + counts['Off track'];
      return {
        programme: `${reference} ${area.titles.get(reference) ?? ''}`.trim(),
        indicators: STANDINGS.reduce((sum, name) => sum + counts[name], 0),
        onTrack: counts['On track'],
        offTrack: counts['Off track'],
        overdue: counts.Overdue,
        notAssessed: counts['Not yet assessed'],
        share: assessed ? ratio(BigInt(counts['On track']), BigInt(assessed), 4) : null,
      };
    }),
    dense: true,
  };
}

/** Every programme's indicators, one row each: in the spreadsheet and CSV editions only. */
export function indicatorResultsSection(data: { resultTables?: AreaResults[] }): ReportSection | null {
  if (!data.resultTables?.length) return null;
  return {
    heading: 'Results by programme and indicator',
    notInPdf: true,
    blocks: data.resultTables.map((area) =>
      resultsTable(`${area.code}. ${area.title}`, area.indicators, (i) => i.programme, 'Programme'),
    ),
  };
}
