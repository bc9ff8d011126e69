/** One line of the benchmark table: a measured figure, its same-run baseline and its target. */
export interface Figure {
  id: string;
  label: string;
  result: 'PASS' | 'MISS' | 'N/A';
  measured: string;
  baseline: string;
  ratio: string;
  target: string;
  /** Raw numbers behind the strings (milliseconds, MB, counts). */
  values?: Record<string, number | string | boolean | null>;
  note?: string;
}

export function notAvailable(id: string, label: string, target: string, missing: string): Figure {
  return {
    id,
    label,
    result: 'N/A',
    measured: `not available: ${missing} missing`,
    baseline: '',
    ratio: '',
    target,
    note: `not available: ${missing} missing`,
  };
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** A plain-text table (also valid Markdown). */
export function renderTable(figures: Figure[]): string {
  const headers = ['Figure', 'Measured', 'Baseline (same run)', 'Ratio', 'Target', 'Result'];
  const rows = figures.map((f) => [f.label, f.measured, f.baseline, f.ratio, f.target, f.result]);
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...rows.map((row) => row[index].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
