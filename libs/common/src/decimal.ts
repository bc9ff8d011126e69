/**
 * The one parser of decimal strings on the server: money (cents), rates and indicator values are
 * fixed-point decimals, a bigint counting units of 10^-places ("12.5" at 4 places → 125000n), so
 * nothing goes through floating point. Pure (no Node or Nest imports): it belongs with the shared
 * money code the web app imports too.
 */
export interface DecimalFormat {
  /** What a value is, for the error message ("not a money amount: …"). */
  name: string;
  /** Most decimal places a value may have; also the scale of the parsed value (10^places). */
  places: number;
  /** Most digits before the point; unbounded when absent. */
  wholeDigits?: number;
  /** Whether a leading minus is accepted. */
  signed: boolean;
  /** Digits past `places` are dropped instead of refused (numeric values read from the database). */
  truncate?: boolean;
}

/** Optional minus, digits, optionally a point and digits: no exponent, grouping or lone point. */
const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

function digitsOf(text: string, format: DecimalFormat): RegExpExecArray | null {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const [, minus, whole, fraction = ''] = match;
  if (minus && !format.signed) return null;
  if (format.wholeDigits !== undefined && whole.length > format.wholeDigits) return null;
  if (fraction.length > format.places && !format.truncate) return null;
  return match;
}

/** True when `value` is a string `parseDecimal` accepts in `format` (surrounding spaces allowed). */
export function isDecimal(value: unknown, format: DecimalFormat): value is string {
  return typeof value === 'string' && digitsOf(value.trim(), format) !== null;
}

/** 10^places as a bigint, computed once per scale (every parse and format needs one). */
const SCALES: bigint[] = [];
function scaleOf(places: number): bigint {
  let scale = SCALES[places];
  if (scale === undefined) SCALES[places] = scale = 10n ** BigInt(places);
  return scale;
}

/** "12.5" at 4 places → 125000n. Throws a RangeError on anything `format` does not accept. */
export function parseDecimal(value: string, format: DecimalFormat): bigint {
  const match = digitsOf(value.trim(), format);
  if (!match) throw new RangeError(`not a ${format.name}: ${value}`);
  const [, minus, whole, fraction = ''] = match;
  const scaled =
    BigInt(whole) * scaleOf(format.places) +
    BigInt(fraction.slice(0, format.places).padEnd(format.places, '0') || '0');
  return minus ? -scaled : scaled;
}

/**
 * 125000n at 4 places → "12.5000", or "12.5" with `trim` (trailing zeros and a bare point
 * dropped).
 */
export function formatDecimal(scaled: bigint, places: number, options: { trim?: boolean } = {}): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const scale = scaleOf(places);
  let fraction = places > 0 ? (abs % scale).toString().padStart(places, '0') : '';
  if (options.trim) fraction = fraction.replace(/0+$/, '');
  const text = fraction ? `${abs / scale}.${fraction}` : `${abs / scale}`;
  return negative ? `-${text}` : text;
}
