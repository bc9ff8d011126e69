import { Inject, Injectable } from '@nestjs/common';
import { ratio } from '@mptf/platform';
import { ReportSection, TableBlock } from '../../document/report-document';
import { IndicatorProgress, PROGRAMME_RESULTS_READER } from '../extension-points';
import type { ProgrammeResultsReader, StandingCounts } from '../extension-points';
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

/** Per thematic area, its programmes' indicators counted by standing (the results annex). */
export interface AreaStandings {
  code: number;
  title: string;
  /** In reference order, each with its title. */
  programmes: { reference: string; title: string; counts: StandingCounts }[];
}

export interface AnnualResultsTables {
  /** Every format: the annex's counts (read by the database, not from every target period). */
  standings: AreaStandings[];
  /** The spreadsheet and CSV editions only: every indicator's row (absent when not asked for). */
  indicators?: AreaResults[];
}

const MATRICES_PER_READ = 100;

/** Reads the annual report's results tables in the run's snapshot. */
@Injectable()
export class AnnualResultsTablesLoader {
  constructor(
    private readonly programmes: ProgrammeFactsheetDataProvider,
    @Inject(PROGRAMME_RESULTS_READER) private readonly results: ProgrammeResultsReader,
  ) {}

  /**
   * `year`: the report's year, or the snapshot's for a report since inception. `loaded`: the
   * programmes the report has already read in this snapshot (read here without them).
   * `indicatorRows`: also every programme's matrix (the spreadsheet-only section's rows); a PDF
   * does not show them, and reading them (every target period: 160,000 rows at a thousand
   * programmes) was most of what an annual PDF run allocated.
   */
  async load(
    context: ComposeContext,
    year: number | undefined,
    loaded: Pick<ProgrammeFactsheetData, 'programmes' | 'snapshotAt'> | undefined,
    options: { indicatorRows: boolean },
  ): Promise<AnnualResultsTables> {
    const data = loaded ?? (await this.programmes.load(context.manager, null));
    const programmes = [...data.programmes].sort((a, b) => a.reference.localeCompare(b.reference));
    const counts = await this.results.standingCounts(
      context.manager,
      programmes.map((programme) => programme.id),
    );
    const standings = new Map<number, AreaStandings>();
    for (const programme of programmes) {
      const programmeCounts = counts.get(programme.id);
      if (!programmeCounts) continue;
      const area = standings.get(programme.thematicArea.code) ?? {
        code: programme.thematicArea.code,
        title: programme.thematicArea.shortTitle,
        programmes: [],
      };
      area.programmes.push({
        reference: programme.reference,
        title: programme.title,
        counts: programmeCounts,
      });
      standings.set(area.code, area);
    }
    return {
      standings: [...standings.values()].sort((a, b) => a.code - b.code),
      ...(options.indicatorRows
        ? {
            indicators: await this.indicatorRows(
              context,
              year ?? Number(data.snapshotAt.slice(0, 4)),
              programmes,
            ),
          }
        : {}),
    };
  }

  /** Every programme's matrix rows by thematic area (`programmes` in reference order). */
  private async indicatorRows(
    context: ComposeContext,
    forYear: number,
    programmes: ProgrammeFactsheetData['programmes'],
  ): Promise<AreaResults[]> {
    const areas = new Map<number, AreaResults>();
    // A hundred programmes per read, in reference order, each chunk's rows put into their area
    // as it comes: a few statements per hundred programmes, and never every matrix's rows and
    // views at once (the worker's memory: the matrices' rows are most of what a run allocates).
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

/**
 * Annex: per thematic area, one row per programme with its indicators by standing (issue 17's
 * results per programme), as the MPTF Office's consolidated report keeps programme detail in
 * annexes. Each indicator's own row (baseline, targets, latest approved actual with its period,
 * progress, standing) is in the report's spreadsheet and CSV editions: at a thousand programmes
 * that is twenty thousand rows, a reference table rather than pages a donor reads.
 */
export function resultsTablesSection(data: { resultStandings?: AreaStandings[] }): ReportSection | null {
  if (!data.resultStandings) return null;
  return {
    heading: RESULTS_ANNEX_HEADING,
    pageBreakBefore: true,
    blocks: data.resultStandings.length
      ? [
          {
            kind: 'paragraph',
            text: 'Per thematic area, each programme’s indicators by standing, as in the results tables: on track or off track by the latest approved actual, overdue when a period ended more than the grace days ago without an approved actual. Each indicator with its baseline, targets, latest approved actual with its period and progress is listed in this report’s spreadsheet (XLSX) and CSV editions.',
          },
          ...data.resultStandings.map((area) => programmeStandingsTable(area)),
        ]
      : [{ kind: 'paragraph', text: 'No programme has a results matrix yet.' }],
  };
}

function programmeStandingsTable(area: AreaStandings): TableBlock {
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
    rows: area.programmes.map(({ reference, title, counts }) => {
      const assessed = counts.onTrack + counts.offTrack;
      return {
        programme: `${reference} ${title}`.trim(),
        indicators: counts.onTrack + counts.offTrack + counts.overdue + counts.notAssessed,
        onTrack: counts.onTrack,
        offTrack: counts.offTrack,
        overdue: counts.overdue,
        notAssessed: counts.notAssessed,
        share: assessed ? ratio(BigInt(counts.onTrack), BigInt(assessed), 4) : null,
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
