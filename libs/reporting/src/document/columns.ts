import { CellValue, TableBlock, TableColumn } from './report-document';

/**
 * What renderers need to know about a column beyond its declared type: whether it holds numbers
 * (a 'text' column whose every cell is a number, "1200", is one: right-aligned, a number in a
 * spreadsheet) and how many decimals its numbers show.
 */

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** "1200", "-3.5", "1,200.50" or a JS number (not "", not "12 %", not "2026-01-01"). */
export function isNumberCell(value: CellValue): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return PLAIN_NUMBER.test(text) || GROUPED_NUMBER.test(text);
}

function cellsOf(table: TableBlock, column: TableColumn): CellValue[] {
  const values = table.rows.map((row) => row[column.key] ?? null);
  if (table.totals) values.push(table.totals[column.key] ?? null);
  return values.filter((value) => value !== null && value !== '');
}

/** A column of numbers: money, percent, number, or text whose every non-empty cell is a number. */
export function isNumericColumn(table: TableBlock, column: TableColumn): boolean {
  if (column.type !== 'text') return true;
  const values = cellsOf(table, column);
  return values.length > 0 && values.every(isNumberCell);
}

/** A decimal string's own decimals ("1.0850": 4, as stated); a JS number's shortest form's. */
function decimalsOf(value: CellValue): number {
  const text = typeof value === 'number' ? String(value) : String(value ?? '');
  if (/e/i.test(text)) return 6;
  return (text.split('.')[1] ?? '').length;
}

/** Decimals a 'number' (or numeric text) column shows: the column's own, else what its values need. */
export function columnDecimals(values: readonly CellValue[], declared?: number): number {
  if (declared !== undefined) return declared;
  const most = Math.max(0, ...values.filter(isNumberCell).map(decimalsOf));
  return most === 0 ? 0 : Math.min(6, Math.max(2, most));
}

/** The decimals of a table's number column. */
export function tableColumnDecimals(table: TableBlock, column: TableColumn): number {
  return columnDecimals(cellsOf(table, column), column.decimals);
}
