/** One column of a CSV export: its header and how a row gives its cell. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

/** The UTF-8 byte order mark: spreadsheet programs read the file as UTF-8 with it. */
export const CSV_BOM = '\uFEFF';

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One cell (RFC 4180): quoted when it holds a comma, quote or line break. A text starting with
 * = + - @ (not a number) is prefixed with ' so a spreadsheet does not run it as a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header row, one line per row, CRLF line ends. */
export function csvDocument<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
