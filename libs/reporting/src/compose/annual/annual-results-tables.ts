import { Inject, Injectable } from '@nestjs/common';
import { ReportSection } from '../../document/report-document';
import { IndicatorProgress, PROGRAMME_RESULTS_READER } from '../extension-points';
import type { ProgrammeResultsReader } from '../extension-points';
import { ProgrammeFactsheetDataProvider } from '../factsheet/programme-factsheet.data';
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

  /** `year`: the report's year, or the snapshot's for a report since inception. */
  async load(context: ComposeContext, year: number | undefined): Promise<AreaResults[]> {
    const data = await this.programmes.load(context.manager, null);
    const forYear = year ?? Number(data.snapshotAt.slice(0, 4));
    const areas = new Map<number, AreaResults>();
    for (const programme of [...data.programmes].sort((a, b) => a.reference.localeCompare(b.reference))) {
      const indicators = await this.results.resultsMatrix(context.manager, programme.id, forYear);
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

/** "Results tables": per thematic area, each programme's indicators (issue 17). */
export function resultsTablesSection(data: { resultTables?: AreaResults[] }): ReportSection | null {
  if (!data.resultTables) return null;
  return {
    heading: 'Results tables by thematic area and programme',
    pageBreakBefore: true,
    blocks: data.resultTables.length
      ? data.resultTables.map((area) =>
          resultsTable(`${area.code}. ${area.title}`, area.indicators, (i) => i.programme, 'Programme'),
        )
      : [{ kind: 'paragraph', text: 'No programme has a results matrix yet.' }],
  };
}
