/**
 * Indicator values (people reached, percentages, scores) are exact decimals with up to four
 * places, stored as numeric(20,4) and shown in JSON as decimal strings. Arithmetic here works on
 * integers scaled by 10^4, so comparisons and sums never go through floating point.
 */
export const VALUE_SCALE = 10_000n;

/** Up to 16 integer digits and 4 decimals (numeric(20,4)). */
export const DECIMAL_VALUE = /^-?\d{1,16}(\.\d{1,4})?$/;

export type DecimalInput = string | number;

/** A JSON number or decimal string as the canonical decimal string, or null when it is not one. */
export function normalizeDecimal(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  if (!DECIMAL_VALUE.test(text)) return null;
  return formatScaled(toScaled(text));
}

/** "12.5" → 125000n. Throws on anything but a plain decimal with at most four places. */
export function toScaled(text: string): bigint {
  const trimmed = text.trim();
  if (!DECIMAL_VALUE.test(trimmed)) throw new RangeError(`not a decimal value: ${text}`);
  const negative = trimmed.startsWith('-');
  const [whole, fraction = ''] = (negative ? trimmed.slice(1) : trimmed).split('.');
  const scaled = BigInt(whole) * VALUE_SCALE + BigInt(fraction.padEnd(4, '0'));
  return negative ? -scaled : scaled;
}

/** 125000n → "12.5"; trailing zeros dropped, "0" for zero. */
export function formatScaled(scaled: bigint): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = abs / VALUE_SCALE;
  const fraction = (abs % VALUE_SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : `${whole}`;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** A numeric column as PostgreSQL returns it ("12.5000") → "12.5"; null stays null. */
export function fromDb(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new RangeError(`not a numeric value: ${value}`);
  const scaled = BigInt(match[2]) * VALUE_SCALE + BigInt((match[3] ?? '').slice(0, 4).padEnd(4, '0'));
  return formatScaled(match[1] ? -scaled : scaled);
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
