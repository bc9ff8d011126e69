import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { isNumericColumn, tableColumnDecimals } from '../document/columns';
import { numericValue } from '../document/format';
import { definitionsOf } from '../document/glossary';
import {
  CellValue,
  chartAsTable,
  ColumnType,
  RenderContext,
  ReportDocument,
  TableBlock,
} from '../document/report-document';
import { RenderOutput, ReportRenderer } from './report-renderer';

const SHEET_NAME_LIMIT = 31;

/**
 * Excel's number format of a column: money with two decimals, percentages with two, counts as
 * integers, other numbers with the decimals they carry ("0.1063" stays 0.1063, never "0.11").
 */
export function numberFormat(type: ColumnType, decimals = 0): string | undefined {
  switch (type) {
    case 'money':
      return '#,##0.00';
    case 'percent':
      return '0.00%';
    case 'number':
      return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
    default:
      return undefined;
  }
}

/** Cuts `text` at the last whole word that fits `limit` characters (a word longer than that is cut). */
function wholeWords(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const words = text.split(' ');
  let kept = '';
  for (const word of words) {
    const next = kept ? `${kept} ${word}` : word;
    if (next.length > limit) break;
    kept = next;
  }
  if (!kept) return text.slice(0, limit);
  // A cut leaves no dangling "(" group, separator or conjunction behind.
  const open = kept.lastIndexOf('(');
  if (open > kept.lastIndexOf(')')) kept = kept.slice(0, open);
  return kept
    .replace(/(\s+(and|or|of|by|the|in|to|for|with|per|a|an|on|at|from|·|–|-|:|,|&))+\s*$/i, '')
    .replace(/[\s·–:,&-]+$/, '');
}

/**
 * Excel's sheet-name rules, in whole words: at most 31 characters, none of []:*?/\, unique in the
 * workbook (case-insensitive), a repeat numbered " (2)".
 */
export function sheetName(title: string, used: Set<string>): string {
  const clean = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  const base = wholeWords(clean, SHEET_NAME_LIMIT) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${wholeWords(base, SHEET_NAME_LIMIT - suffix.length) || 'Sheet'}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

interface SheetPlan {
  section: string;
  table: TableBlock;
  sheet: string;
}

/** Each column's Excel type and format: a text column of numbers is written as numbers. */
function columnPlan(table: TableBlock): { numeric: boolean; numFmt?: string }[] {
  return table.columns.map((column) => {
    const numeric = isNumericColumn(table, column);
    const type: ColumnType = column.type === 'text' && numeric ? 'number' : column.type;
    return { numeric, numFmt: numberFormat(type, tableColumnDecimals(table, column)) };
  });
}

function cellOf(value: CellValue, numeric: boolean): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (!numeric) return String(value);
  const plain = typeof value === 'string' ? value.replace(/,/g, '') : value;
  // A marker such as "n/a" in a numeric column stays text, never a misleading 0.
  if (typeof plain === 'string' && !Number.isFinite(Number(plain))) return value;
  return numericValue(plain);
}

type Writer = import('exceljs').stream.xlsx.WorkbookWriter;

type IndexRow = [sheet: string, contents: string, section: string, rows: number | null];

/** The first sheet: every sheet of the workbook in order, what it holds, from which section. */
function writeContents(workbook: Writer, name: string, rows: IndexRow[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 34 }, { width: 60 }, { width: 40 }, { width: 10 }];
  const header = sheet.addRow(['Sheet', 'Contents', 'Section', 'Rows']);
  header.font = { bold: true };
  header.commit();
  for (const values of rows) {
    const row = sheet.addRow(values);
    row.getCell(4).numFmt = '#,##0';
    row.commit();
  }
  sheet.commit();
}

/** The document's metadata, texts, facts and key figures, each with its own number format. */
function writeSummary(workbook: Writer, name: string, document: ReportDocument, context: RenderContext) {
  const summary = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.columns = [{ width: 40 }, { width: 70 }];
  const add = (values: (string | number | null)[], options: { bold?: boolean; numFmt?: string } = {}) => {
    const row = summary.addRow(values);
    if (options.bold) row.font = { bold: true };
    if (options.numFmt) row.getCell(2).numFmt = options.numFmt;
    row.commit();
  };
  add([document.title], { bold: true });
  if (document.subtitle) add([document.subtitle]);
  for (const item of document.metadata) add([item.label, item.value]);
  add(['Generated at', context.generatedAt.toISOString()]);
  add(['Run', context.runId]);
  for (const section of document.sections) {
    const blocks = section.blocks.filter((b) => ['paragraph', 'facts', 'keyFigures'].includes(b.kind));
    if (!blocks.length) continue;
    add([]);
    add([section.heading], { bold: true });
    for (const block of blocks) {
      if (block.kind === 'paragraph') add([block.text]);
      if (block.kind === 'facts') for (const item of block.items) add([item.label, item.value]);
      if (block.kind === 'keyFigures')
        for (const item of block.items) {
          const numeric = item.type !== 'text';
          const decimals = item.type === 'number' ? tableDecimals(item.value) : 0;
          add([item.label, cellOf(item.value, numeric)], { numFmt: numberFormat(item.type, decimals) });
        }
    }
  }
  summary.commit();
}

function tableDecimals(value: CellValue): number {
  return tableColumnDecimals(
    { kind: 'table', title: '', columns: [{ key: 'v', label: '', type: 'number' }], rows: [{ v: value }] },
    { key: 'v', label: '', type: 'number' },
  );
}

function writeTable(workbook: Writer, plan: SheetPlan) {
  const { table } = plan;
  const sheet = workbook.addWorksheet(plan.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = columnPlan(table);
  sheet.columns = table.columns.map((column, index) => ({
    key: column.key,
    width: columns[index].numeric ? Math.max(16, Math.min(30, column.label.length + 2)) : 40,
    style: columns[index].numFmt ? { numFmt: columns[index].numFmt } : {},
  }));
  const header = sheet.addRow(table.columns.map((column) => column.label));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.commit();
  const write = (values: Record<string, CellValue>, bold: boolean) => {
    const row = sheet.addRow(
      table.columns.map((column, index) => cellOf(values[column.key] ?? null, columns[index].numeric)),
    );
    // Cells take the column's number format; set per cell too, which every reader keeps.
    columns.forEach((plan, index) => {
      if (plan.numFmt) row.getCell(index + 1).numFmt = plan.numFmt;
    });
    if (bold) row.font = { bold: true };
    row.commit();
  };
  for (const row of table.rows) write(row, false);
  if (table.totals) write(table.totals, true);
  if (table.note) sheet.addRow([table.note]).commit();
  sheet.commit();
}

/**
 * XLSX with exceljs' streaming writer (rows are flushed as they are committed): a "Contents"
 * sheet listing every sheet, a "Summary" sheet with the metadata, texts, facts and key figures,
 * one sheet per table (and per chart's data) named in whole words, and the definitions. Every
 * sheet's header row is frozen; numeric cells are numbers with their column's format.
 */
@Injectable()
export class XlsxRenderer extends ReportRenderer {
  readonly extension = 'xlsx';

  render(document: ReportDocument, context: RenderContext): RenderOutput {
    const stream = new PassThrough();
    const done = (async () => {
      // Loaded at the first XLSX, not at start-up: the API (which never renders) starts without
      // exceljs and its zip libraries (about a tenth of its start-up).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ExcelJS = require('exceljs') as typeof import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream,
        useStyles: true,
        useSharedStrings: false,
      });
      workbook.creator = context.author;
      workbook.created = context.generatedAt;
      workbook.modified = context.generatedAt;
      workbook.title = document.title;
      workbook.subject = document.subject;
      workbook.keywords = (document.keywords ?? []).join(', ');

      const used = new Set<string>();
      const contentsName = sheetName('Contents', used);
      const summaryName = sheetName('Summary', used);
      const definitions = definitionsOf(document);
      const definitionsName = definitions.length ? sheetName('Definitions', used) : null;
      const plans: SheetPlan[] = [];
      for (const section of document.sections) {
        for (const block of section.blocks) {
          const table =
            block.kind === 'table'
              ? block
              : block.kind === 'barChart' || block.kind === 'donutChart'
                ? chartAsTable(block)
                : null;
          if (table) plans.push({ section: section.heading, table, sheet: sheetName(table.title, used) });
        }
      }

      writeContents(workbook, contentsName, [
        [summaryName, `${document.title}: details, key figures and facts`, '', null],
        ...plans.map((plan): IndexRow => [
          plan.sheet,
          plan.table.title,
          plan.section,
          plan.table.rows.length,
        ]),
        ...(definitionsName
          ? [[definitionsName, 'Terms used in this report', '', definitions.length] as IndexRow]
          : []),
      ]);
      writeSummary(workbook, summaryName, document, context);
      for (const [index, plan] of plans.entries()) {
        writeTable(workbook, plan);
        await context.progress(Math.round(((index + 1) / Math.max(1, plans.length)) * 100));
      }
      if (definitionsName) {
        writeTable(workbook, {
          section: '',
          sheet: definitionsName,
          table: {
            kind: 'table',
            title: 'Definitions',
            columns: [
              { key: 'term', label: 'Term', type: 'text' },
              { key: 'definition', label: 'Definition', type: 'text' },
            ],
            rows: definitions.map((item) => ({ term: item.term, definition: item.definition })),
          },
        });
      }
      await workbook.commit();
      return { pages: null };
    })();
    done.catch((error: Error) => stream.destroy(error));
    return { stream, done };
  }
}
