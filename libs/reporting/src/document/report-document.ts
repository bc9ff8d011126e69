/**
 * The renderer-independent report: composers build it from data, the PDF, CSV and XLSX renderers
 * draw it. Values stay exact: money is a decimal string with two decimals ("1250000.00"), a
 * percent is a decimal ratio string ("0.4213" = 42.13 %), a number is a JS number or an integer
 * string. Renderers only format them.
 */
export type ColumnType = 'text' | 'money' | 'percent' | 'number';

export type CellValue = string | number | null;

export interface TableColumn {
  key: string;
  label: string;
  type: ColumnType;
  /** Relative width in the PDF (default: 2 for text, 1 otherwise). */
  weight?: number;
  /**
   * Decimals of a 'number' column (spreadsheet format, PDF display). Default: none when every
   * value is whole, else as many as the values carry (2 to 6), so a rate 0.1063 keeps its 4.
   */
  decimals?: number;
}

export interface TableBlock {
  kind: 'table';
  title: string;
  columns: TableColumn[];
  rows: Record<string, CellValue>[];
  /** A totals row, drawn bold after a rule; keys as in `columns`. */
  totals?: Record<string, CellValue>;
  /** Shown under the table (sources, definitions). */
  note?: string;
  /** A reference table of many rows (an annex): set in smaller type in a PDF. */
  dense?: boolean;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
}

/** Label/value pairs shown as big figures (PDF) or two-column rows (CSV, XLSX). */
export interface KeyFiguresBlock {
  kind: 'keyFigures';
  items: { label: string; value: CellValue; type: ColumnType }[];
}

/** Facts about the subject (reference, status, dates) as a two-column list. */
export interface FactsBlock {
  kind: 'facts';
  items: { label: string; value: string }[];
}

export interface ChartPoint {
  label: string;
  value: CellValue;
}

export interface BarChartBlock {
  kind: 'barChart';
  title: string;
  valueType: ColumnType;
  bars: ChartPoint[];
}

export interface DonutChartBlock {
  kind: 'donutChart';
  title: string;
  valueType: ColumnType;
  slices: ChartPoint[];
}

export type ReportBlock =
  TableBlock | ParagraphBlock | KeyFiguresBlock | FactsBlock | BarChartBlock | DonutChartBlock;

export interface ReportSection {
  heading: string;
  /** Leaves the section out of the table of contents and the PDF bookmarks. */
  hideFromContents?: boolean;
  /** Starts the section on a new page in the PDF. */
  pageBreakBefore?: boolean;
  /** Left out of the PDF: data for the spreadsheet and CSV editions (thousands of rows). */
  notInPdf?: boolean;
  blocks: ReportBlock[];
}

export interface ReportDocument {
  title: string;
  subtitle?: string;
  /** Shown on the cover and as the first rows of CSV/XLSX: what, for whom, which period. */
  metadata: { label: string; value: string }[];
  sections: ReportSection[];
  /** PDF document information (Subject, Keywords). */
  subject: string;
  keywords?: string[];
  /**
   * The terms the document uses, defined (PDF definitions page, XLSX "Definitions" sheet, CSV
   * definitions file). Absent: the standard glossary's terms that appear in the document
   * (`definitionsOf`). Present: these, before the glossary's (a term given here wins).
   */
  definitions?: Definition[];
  /** Leaves out the table of contents and the definitions (a one-page document). */
  compact?: boolean;
}

export interface Definition {
  term: string;
  definition: string;
}

/** What renderers add around a document: who made it and when (not part of the data). */
export interface RenderContext {
  runId: string;
  generatedAt: Date;
  author: string;
  /** Called with 0–100 as the renderer goes. */
  progress(percent: number): Promise<void>;
  /** Test knob: pause between pages (REPORT_RENDER_DELAY_MS). */
  pageDelayMs: number;
}

/** Every table of a document, with the heading of its section (CSV and XLSX list them). */
export function tablesOf(document: ReportDocument): { section: string; table: TableBlock }[] {
  return document.sections.flatMap((section) =>
    section.blocks
      .filter((block): block is TableBlock => block.kind === 'table')
      .map((table) => ({ section: section.heading, table })),
  );
}

/** A chart's data as a table, so machine-readable formats carry the same numbers. */
export function chartAsTable(chart: BarChartBlock | DonutChartBlock): TableBlock {
  const points = chart.kind === 'barChart' ? chart.bars : chart.slices;
  return {
    kind: 'table',
    title: chart.title,
    columns: [
      { key: 'label', label: 'Item', type: 'text' },
      { key: 'value', label: 'Value', type: chart.valueType },
    ],
    rows: points.map((point) => ({ label: point.label, value: point.value })),
  };
}
