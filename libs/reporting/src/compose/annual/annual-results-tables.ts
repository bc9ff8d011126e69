import { Inject, Injectable } from '@nestjs/common';
import { ReportSection } from '../../document/report-document';
import { IndicatorProgress, PROGRAMME_RESULTS_READER } from '../extension-points';
import type { ProgrammeResultsReader } from '../extension-points';
import { ProgrammeFactsheetData, ProgrammeFactsheetDataProvider } from '../factsheet/programme-factsheet.data';
import { ComposeContext } from '../report-composer';
import { resultsTable } from '../sections/results-table';

/** Per thematic area, its programmes' indicators as a results table shows them. */
export interface AreaResults {
  code: number;
  title: string;
  indicators: (IndicatorProgress & { programme: string })[];
}

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
    const matrices = await this.results.resultsMatrices(
      context.manager,
      data.programmes.map((programme) => programme.id),
      forYear,
    );
    for (const programme of [...data.programmes].sort((a, b) => a.reference.localeCompare(b.reference))) {
      const indicators = matrices.get(programme.id) ?? [];
      if (!indicators.length) continue;
      const area = areas.get(programme.thematicArea.code) ?? {
        code: programme.thematicArea.code,
        title: programme.thematicArea.shortTitle,
        indicators: [],
      };
      area.indicators.push(
        ...indicators.map((indicator) => ({ ...indicator, programme: programme.reference })),
      );
      areas.set(area.code, area);
    }
    return [...areas.values()].sort((a, b) => a.code - b.code);
  }
}

/** Where the body's results section sends the reader for each programme's indicators. */
export const RESULTS_ANNEX_HEADING = 'Annex: results by programme';

/**
 * Annex: each programme's indicators as a results table shows them (issue 17), one table per
 * thematic area and one row per indicator, programmes one after another (no page of their own).
 * An annex, as in the MPTF Office's consolidated report: the body gives the results per thematic
 * area; hundreds of programmes' indicators are reference material, not the report's reading.
 */
export function resultsTablesSection(data: { resultTables?: AreaResults[] }): ReportSection | null {
  if (!data.resultTables) return null;
  return {
    heading: RESULTS_ANNEX_HEADING,
    pageBreakBefore: true,
    blocks: data.resultTables.length
      ? data.resultTables.map((area) =>
          resultsTable(`${area.code}. ${area.title}`, area.indicators, (i) => i.programme, 'Programme', true),
        )
      : [{ kind: 'paragraph', text: 'No programme has a results matrix yet.' }],
  };
}
