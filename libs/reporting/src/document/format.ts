import { groupThousands } from '@mptf/common';
import { CellValue, ColumnType } from './report-document';

/** Digits grouped by thousands (@mptf/common, as the web app shows them): "1234567.50" → "1,234,567.50". */
export { groupThousands };

/** "0.4213" → "42.1 %" for display. */
export function formatPercent(ratio: string | number): string {
  const value = typeof ratio === 'number' ? ratio : Number(ratio);
  if (!Number.isFinite(value)) return String(ratio);
  return `${(value * 100).toFixed(2)} %`;
}

/** How a value reads in the PDF. */
export function displayValue(value: CellValue, type: ColumnType): string {
  if (value === null || value === undefined || value === '') return '–';
  switch (type) {
    case 'money':
      return groupThousands(String(value));
    case 'percent':
      return formatPercent(value);
    case 'number':
      return typeof value === 'number' ? groupThousands(String(value)) : groupThousands(value);
    default:
      return String(value);
  }
}

/** How a value reads in CSV: plain decimal strings, no grouping, no symbols. */
export function plainValue(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** A numeric value for drawing a chart or writing a spreadsheet cell (never for arithmetic on money). */
export function numericValue(value: CellValue): number {
  if (value === null || value === undefined || value === '') return 0;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}
