import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** RELIABILITY_FULL=1 (npm run test:reliability) runs the full sizes; npm test runs reduced ones. */
export const FULL = process.env.RELIABILITY_FULL === '1';

/** Full-run size, or the reduced one inside npm test. */
export function size(full: number, reduced: number): number {
  return FULL ? full : reduced;
}

const RESULTS = join(__dirname, '../../../bench/results');

/**
 * Prints one figure of the reliability suite (straight to stdout, so it shows beside jest's
 * report) and, in the full run, appends it to bench/results/reliability-latest.jsonl.
 */
export function reportFigure(
  area: string,
  figure: string,
  value: string | number,
  target: string,
  ok: boolean,
): void {
  const line = `[reliability] ${area}: ${figure} = ${value} (target ${target}) ${ok ? 'PASS' : 'MISS'}`;
  process.stdout.write(`${line}\n`);
  if (FULL) {
    mkdirSync(RESULTS, { recursive: true });
    appendFileSync(
      join(RESULTS, 'reliability-latest.jsonl'),
      `${JSON.stringify({ at: new Date().toISOString(), area, figure, value, target, ok })}\n`,
    );
  }
}
