import { DecimalFormat, formatDecimal, isDecimal, parseDecimal } from '@mptf/platform';

/**
 * Indicator values (people reached, percentages, scores) are exact decimals with up to four
 * places, stored as numeric(20,4) and shown in JSON as decimal strings. Arithmetic here works on
 * integers scaled by 10^4 (the platform's decimal parser), so comparisons and sums never go
 * through floating point.
 */
export const INDICATOR_VALUE: DecimalFormat = {
  name: 'decimal value',
  places: 4,
  wholeDigits: 16,
  signed: true,
};

/** A numeric column as PostgreSQL returns it: any size, places past the fourth dropped. */
const DATABASE_NUMERIC: DecimalFormat = { name: 'numeric value', places: 4, signed: true, truncate: true };

/** A JSON number or decimal string as the canonical decimal string, or null when it is not one. */
export function normalizeDecimal(value: unknown): string | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  const text = typeof value === 'number' ? String(value) : value;
  return isDecimal(text, INDICATOR_VALUE) ? formatScaled(toScaled(text)) : null;
}

/** "12.5" → 125000n. Throws on anything but a plain decimal with at most four places. */
export function toScaled(text: string): bigint {
  return parseDecimal(text, INDICATOR_VALUE);
}

/** 125000n → "12.5"; trailing zeros dropped, "0" for zero. */
export function formatScaled(scaled: bigint): string {
  return formatDecimal(scaled, INDICATOR_VALUE.places, { trim: true });
}

/** PostgreSQL's text of a numeric(20,4): no leading zeros, at most four places. */
const DATABASE_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d{1,4})?$/;

/**
 * A numeric column as PostgreSQL returns it ("12.5000") → "12.5"; null stays null. Its usual
 * text is trimmed as a string (what formatScaled(parse) gives, without two bigints per value:
 * a results matrix reads two per target period, 320,000 for an annual report); anything else
 * goes through the parser.
 */
export function fromDb(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (DATABASE_TEXT.test(value)) {
    const point = value.indexOf('.');
    if (point < 0) return value === '-0' ? '0' : value;
    let end = value.length;
    while (value.charCodeAt(end - 1) === 48) end -= 1;
    if (end === point + 1) end = point;
    const text = value.slice(0, end);
    return text === '-0' ? '0' : text;
  }
  return formatScaled(parseDecimal(value, DATABASE_NUMERIC));
}

export function compareDecimal(a: string, b: string): number {
  const diff = toScaled(a) - toScaled(b);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

export function sumDecimals(values: Iterable<string>): string {
  let total = 0n;
  for (const value of values) total += toScaled(value);
  return formatScaled(total);
}
