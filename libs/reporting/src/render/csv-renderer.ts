import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { plainValue } from '../document/format';
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

export function csvCell(value: CellValue, text: boolean): string {
  let cell = plainValue(value);
  if (text && FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) || (text && cell !== '') ? `"${cell.replace(/"/g, '""')}"` : cell;
}

function csvLine(cells: { value: CellValue; text: boolean }[]): string {
  return `${cells.map((cell) => csvCell(cell.value, cell.text)).join(',')}\r\n`;
}

const textRow = (...values: CellValue[]) => csvLine(values.map((value) => ({ value, text: true })));

function tableLines(table: TableBlock): string[] {
  const lines = [textRow('Table', table.title), textRow(...table.columns.map((column) => column.label))];
  const row = (values: Record<string, CellValue>) =>
    csvLine(
      table.columns.map((column) => ({ value: values[column.key] ?? null, text: column.type === 'text' })),
    );
  lines.push(...table.rows.map(row));
  if (table.totals) lines.push(row(table.totals));
  if (table.note) lines.push(textRow('Note', table.note));
  return lines;
}

/**
 * One CSV file (RFC 4180, UTF-8, CRLF): the metadata first, then each section introduced by a
 * "Section" row, its tables each with a "Table" row, a header row, data rows and the totals row,
 * blocks separated by an empty line. Numbers are plain decimal strings ("1250000.00", "0.4213").
 */
@Injectable()
export class CsvRenderer extends ReportRenderer {
  readonly extension = 'csv';

  render(document: ReportDocument, context: RenderContext): RenderOutput {
    let resolveDone!: (value: { pages: null }) => void;
    let rejectDone!: (error: Error) => void;
    const done = new Promise<{ pages: null }>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    async function* lines(): AsyncGenerator<string> {
      try {
        yield textRow('Report', document.title);
        if (document.subtitle) yield textRow('Subtitle', document.subtitle);
        for (const item of document.metadata) yield textRow(item.label, item.value);
        yield textRow('Generated at', context.generatedAt.toISOString());
        yield textRow('Run', context.runId);
        yield '\r\n';
        const total = Math.max(1, document.sections.length);
        for (const [index, section] of document.sections.entries()) {
          yield textRow('Section', section.heading);
          for (const block of section.blocks) {
            switch (block.kind) {
              case 'paragraph':
                yield textRow('Text', block.text);
                break;
              case 'facts':
                for (const item of block.items) yield textRow(item.label, item.value);
                break;
              case 'keyFigures':
                for (const item of block.items)
                  yield csvLine([
                    { value: item.label, text: true },
                    { value: item.value, text: item.type === 'text' },
                  ]);
                break;
              case 'table':
                yield* tableLines(block);
                break;
              case 'barChart':
              case 'donutChart':
                yield* tableLines(chartAsTable(block));
                break;
            }
            yield '\r\n';
          }
          await context.progress(Math.round(((index + 1) / total) * 100));
        }
        resolveDone({ pages: null });
      } catch (error) {
        rejectDone(error as Error);
        throw error;
      } finally {
        // A consumer that stops reading early ends the generator here; settle either way.
        rejectDone(new Error('CSV rendering was stopped before the end'));
      }
    }
    const stream = Readable.from(lines(), { objectMode: false });
    stream.on('error', (error) => rejectDone(error));
    return { stream, done };
  }
}
