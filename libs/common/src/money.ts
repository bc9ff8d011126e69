/**
 * Money is integer cents held in a bigint, stored as `bigint` columns, and shown in JSON as a
 * decimal string with two decimals. Nothing in the system uses floating point for money.
 */
export type Cents = bigint;

const DECIMAL = /^-?\d{1,15}(\.\d{1,2})?$/;

export function isMoneyString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL.test(value.trim());
}

/** "1250000.5" → 125000050n. Throws on anything but a plain decimal with at most two decimals. */
export function parseMoney(value: string): Cents {
  const text = value.trim();
  if (!DECIMAL.test(text)) throw new RangeError(`not a money amount: ${value}`);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -cents : cents;
}

/** 125000050n → "1250000.50". */
export function formatMoney(cents: Cents | number | string): string {
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Decimal rate as a scaled integer: "0.07" → { numerator: 7n, scale: 100n }. */
export function parseRate(rate: string): { numerator: bigint; scale: bigint } {
  const text = rate.trim();
  if (!/^\d+(\.\d{1,8})?$/.test(text)) throw new RangeError(`not a rate: ${rate}`);
  const [whole, fraction = ''] = text.split('.');
  const scale = 10n ** BigInt(fraction.length);
  return { numerator: BigInt(whole) * scale + BigInt(fraction || '0'), scale };
}

/**
 * amount × rate, rounded to the cent half away from zero (the "commercial" rule the MPTF Office
 * uses for fees and indirect costs: 0.5 cent and above rounds up).
 */
export function applyRate(amount: Cents, rate: string): Cents {
  const { numerator, scale } = parseRate(rate);
  return divideRounded(amount * numerator, scale);
}

/** a ÷ b rounded half away from zero, in integers. */
export function divideRounded(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const quotient = (absA * 2n + absB) / (absB * 2n);
  return negative ? -quotient : quotient;
}

/** part ÷ whole as a decimal string with `places` decimals ("0.4213"); "0.0000" when whole is 0. */
export function ratio(part: Cents, whole: Cents, places = 4): string {
  if (whole === 0n) return (0).toFixed(places);
  const scale = 10n ** BigInt(places);
  const scaled = divideRounded(part * scale, whole);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const text = `${abs / scale}.${(abs % scale).toString().padStart(places, '0')}`;
  return negative ? `-${text}` : text;
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/** What a person may type as an amount: no sign, up to 13 whole digits, at most two decimals. */
export const MONEY_INPUT_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;

/**
 * An amount typed in a form ("1250000.5", surrounding spaces allowed) in cents, or null when it is
 * not one, so the form can say so: a bad entry never silently counts as 0.
 */
export function parseMoneyInput(value: string | null | undefined): Cents | null {
  const text = (value ?? '').trim();
  return MONEY_INPUT_PATTERN.test(text) ? parseMoney(text) : null;
}
