import { Injectable } from '@nestjs/common';
import { PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { plainValue } from '../document/format';
import { definitionsOf } from '../document/glossary';
import {
  CellValue,
  chartAsTable,
  RenderContext,
  ReportDocument,
  TableBlock,
} from '../document/report-document';
import { RenderOutput, ReportRenderer } from './report-renderer';

/** Cells a spreadsheet would run as a formula are prefixed with an apostrophe (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Excel reads a CSV as UTF-8 only when it starts with the byte-order mark ("–", "·", "÷" intact). */
export const UTF8_BOM = '\uFEFF';

export function csvCell(value: CellValue, text: boolean): string {
  let cell = plainValue(value);
  if (text && FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) || (text && cell !== '') ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function csvLine(cells: { value: CellValue; text: boolean }[]): string {
  return `${cells.map((cell) => csvCell(cell.value, cell.text)).join(',')}\r\n`;
}

/** One table as a CSV file: the header row, the data rows, the totals row; nothing else. */
export function tableCsv(table: TableBlock): string {
  const header = csvLine(table.columns.map((column) => ({ value: column.label, text: true })));
  const row = (values: Record<string, CellValue>) =>
    csvLine(
      table.columns.map((column) => ({ value: values[column.key] ?? null, text: column.type === 'text' })),
    );
  return UTF8_BOM + header + table.rows.map(row).join('') + (table.totals ? row(table.totals) : '');
}

/** "Côte d'Ivoire: budget (US$)" → "cote-d-ivoire-budget-us" (file names any unzip tool keeps). */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // At most 60 characters, cut between words.
  const short = slug.length <= 60 ? slug : slug.slice(0, 61).replace(/-[^-]*$/, '');
  return short || 'table';
}

interface CsvFile {
  name: string;
  table: TableBlock;
  section: string;
}

const textColumn = (key: string, label: string) => ({ key, label, type: 'text' as const });

/** The report's details (title, metadata, generation) as a two-column table. */
function reportTable(document: ReportDocument, context: RenderContext): TableBlock {
  return {
    kind: 'table',
    title: 'Report',
    columns: [textColumn('field', 'Field'), textColumn('value', 'Value')],
    rows: [
      { field: 'Report', value: document.title },
      ...(document.subtitle ? [{ field: 'Subtitle', value: document.subtitle }] : []),
      ...document.metadata.map((item) => ({ field: item.label, value: item.value })),
      { field: 'Generated at', value: context.generatedAt.toISOString() },
      { field: 'Run', value: context.runId },
    ],
  };
}

/** The texts, facts and key figures of every section, one per row. */
function summaryTable(document: ReportDocument): TableBlock {
  const rows: Record<string, CellValue>[] = [];
  for (const section of document.sections)
    for (const block of section.blocks) {
      if (block.kind === 'paragraph')
        rows.push({ section: section.heading, item: 'Text', value: block.text });
      if (block.kind === 'facts')
        for (const item of block.items)
          rows.push({ section: section.heading, item: item.label, value: item.value });
      if (block.kind === 'keyFigures')
        for (const item of block.items)
          rows.push({ section: section.heading, item: item.label, value: plainValue(item.value) });
    }
  return {
    kind: 'table',
    title: 'Summary',
    columns: [textColumn('section', 'Section'), textColumn('item', 'Item'), textColumn('value', 'Value')],
    rows,
  };
}

/** Every table of the document (charts as their data), each with a numbered file name. */
function dataFiles(document: ReportDocument): CsvFile[] {
  const files: CsvFile[] = [];
  for (const section of document.sections)
    for (const block of section.blocks) {
      const table =
        block.kind === 'table'
          ? block
          : block.kind === 'barChart' || block.kind === 'donutChart'
            ? chartAsTable(block)
            : null;
      if (!table) continue;
      const number = String(files.length + 1).padStart(2, '0');
      files.push({ name: `${number}-${fileSlug(table.title)}.csv`, table, section: section.heading });
    }
  return files;
}

/** The zip's files: contents, report details, summary, one per table, definitions. */
function zipFiles(document: ReportDocument, context: RenderContext): CsvFile[] {
  const tables = dataFiles(document);
  const summary = summaryTable(document);
  const definitions = definitionsOf(document);
  const extra: CsvFile[] = [{ name: '00-report.csv', table: reportTable(document, context), section: '' }];
  if (summary.rows.length) extra.push({ name: '00-summary.csv', table: summary, section: '' });
  const tail: CsvFile[] = definitions.length
    ? [
        {
          name: '99-definitions.csv',
          section: '',
          table: {
            kind: 'table',
            title: 'Definitions',
            columns: [textColumn('term', 'Term'), textColumn('definition', 'Definition')],
            rows: definitions.map((item) => ({ term: item.term, definition: item.definition })),
          },
        },
      ]
    : [];
  const listed = [...extra, ...tables, ...tail];
  const contents: TableBlock = {
    kind: 'table',
    title: 'Contents',
    columns: [
      textColumn('file', 'File'),
      textColumn('title', 'Table'),
      textColumn('section', 'Section'),
      { key: 'rows', label: 'Rows', type: 'number' },
      textColumn('note', 'Note'),
    ],
    rows: listed.map((file) => ({
      file: file.name,
      title: file.table.title,
      section: file.section,
      rows: file.table.rows.length + (file.table.totals ? 1 : 0),
      note: file.table.note ?? null,
    })),
  };
  return [{ name: '00-contents.csv', table: contents, section: '' }, ...listed];
}

/**
 * CSV (RFC 4180, UTF-8 with a byte-order mark, CRLF), one table per file, each file starting with
 * its header row. A report with one table is that one file; a report with several is a zip of
 * files: `00-contents.csv` (every file, its table, section, row count and note), `00-report.csv`
 * (title, metadata, run), `00-summary.csv` (texts, facts, key figures), `NN-<table>.csv` per
 * table or chart, `99-definitions.csv`. Numbers are plain decimal strings ("1250000.00",
 * "0.4213"). The zip is deterministic: every entry is dated at the generation time.
 */
@Injectable()
export class CsvRenderer extends ReportRenderer {
  readonly extension = 'csv';

  render(document: ReportDocument, context: RenderContext): RenderOutput {
    const tables = dataFiles(document);
    if (tables.length <= 1) {
      const table = tables[0]?.table ?? summaryTable(document);
      const stream = Readable.from([tableCsv(table)]);
      const done = (async () => {
        await context.progress(100);
        return { pages: null };
      })();
      return { stream, done, extension: 'csv' };
    }
    const zip = new ZipFile();
    const stream = new PassThrough();
    zip.outputStream.on('error', (error: Error) => stream.destroy(error));
    zip.outputStream.pipe(stream);
    const done = (async () => {
      const files = zipFiles(document, context);
      for (const [index, file] of files.entries()) {
        zip.addBuffer(Buffer.from(tableCsv(file.table), 'utf8'), file.name, {
          mtime: context.generatedAt,
          compress: true,
        });
        await context.progress(Math.round(((index + 1) / files.length) * 100));
      }
      zip.end();
      return { pages: null };
    })();
    done.catch((error: Error) => stream.destroy(error));
    return { stream, done, extension: 'zip', contentType: 'application/zip' };
  }
}
