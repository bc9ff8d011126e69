import { Injectable } from '@nestjs/common';
import { PassThrough } from 'node:stream';
import { numericValue } from '../document/format';
import {
  CellValue,
  chartAsTable,
  ColumnType,
  RenderContext,
  ReportDocument,
  TableBlock,
} from '../document/report-document';
import { RenderOutput, ReportRenderer } from './report-renderer';

const NUMBER_FORMATS: Record<ColumnType, string | undefined> = {
  money: '#,##0.00',
  percent: '0.00%',
  number: '#,##0.##',
  text: undefined,
};

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

function cellOf(value: CellValue, type: ColumnType): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  if (type === 'text') return String(value);
  // A marker such as "n/a" in a numeric column stays text, never a misleading 0.
  return typeof value === 'string' && !Number.isFinite(Number(value)) ? value : numericValue(value);
}

/**
 * XLSX with exceljs' streaming writer (rows are flushed as they are committed): a "Summary" sheet
 * with the metadata, facts and key figures and a list of the other sheets, then one sheet per
 * table (and per chart's data), header in row 1, numeric cells as numbers with number formats.
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
      const tables: { section: string; table: TableBlock; sheet: string }[] = [];
      for (const section of document.sections) {
        for (const block of section.blocks) {
          const table =
            block.kind === 'table'
              ? block
              : block.kind === 'barChart' || block.kind === 'donutChart'
                ? chartAsTable(block)
                : null;
          if (table) tables.push({ section: section.heading, table, sheet: sheetName(table.title, used) });
        }
      }

      const summary = workbook.addWorksheet(sheetName('Summary', used));
      summary.columns = [{ width: 34 }, { width: 70 }, { width: 40 }];
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
        add([]);
        add([section.heading], { bold: true });
        for (const block of section.blocks) {
          if (block.kind === 'paragraph') add([block.text]);
          if (block.kind === 'facts') for (const item of block.items) add([item.label, item.value]);
          if (block.kind === 'keyFigures')
            for (const item of block.items)
              add([item.label, cellOf(item.value, item.type)], { numFmt: NUMBER_FORMATS[item.type] });
        }
      }
      add([]);
      add(['Sheet', 'Table', 'Section'], { bold: true });
      for (const entry of tables) add([entry.sheet, entry.table.title, entry.section]);
      summary.commit();

      for (const [index, entry] of tables.entries()) {
        const { table } = entry;
        const sheet = workbook.addWorksheet(entry.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
        sheet.columns = table.columns.map((column) => ({
          key: column.key,
          width: column.type === 'text' ? 40 : 18,
          style: NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {},
        }));
        const header = sheet.addRow(table.columns.map((column) => column.label));
        header.font = { bold: true };
        header.commit();
        const write = (values: Record<string, CellValue>, bold: boolean) => {
          // Cells take the column's number format (set above).
          const row = sheet.addRow(
            table.columns.map((column) => cellOf(values[column.key] ?? null, column.type)),
          );
          if (bold) row.font = { bold: true };
          row.commit();
        };
        for (const row of table.rows) write(row, false);
        if (table.totals) write(table.totals, true);
        if (table.note) sheet.addRow([table.note]).commit();
        sheet.commit();
        await context.progress(Math.round(((index + 1) / Math.max(1, tables.length)) * 100));
      }
      await workbook.commit();
      return { pages: null };
    })();
    done.catch((error: Error) => stream.destroy(error));
    return { stream, done };
  }
}
