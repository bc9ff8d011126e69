import { DecimalFormat, formatDecimal, isDecimal, parseDecimal } from './decimal';

/**
 * Money is integer cents held in a bigint, stored as `bigint` columns, and shown in JSON as a
 * decimal string with two decimals. Nothing in the system uses floating point for money.
 */
export type Cents = bigint;

/** A money amount: up to 15 digits and two decimals, signed (a reversal is negative). */
export const MONEY_FORMAT: DecimalFormat = { name: 'money amount', places: 2, wholeDigits: 15, signed: true };

/** A rate such as the indirect rate or the AA fee: not negative, up to eight decimals. */
const RATE_FORMAT: DecimalFormat = { name: 'rate', places: 8, signed: false };

export function isMoneyString(value: unknown): value is string {
  return isDecimal(value, MONEY_FORMAT);
}

/** "1250000.5" → 125000050n. Throws on anything but a plain decimal with at most two decimals. */
export function parseMoney(value: string): Cents {
  return parseDecimal(value, MONEY_FORMAT);
}

/** 125000050n → "1250000.50". */
export function formatMoney(cents: Cents | number | string): string {
  return formatDecimal(BigInt(cents), MONEY_FORMAT.places);
}

/** Digits grouped by thousands for people: "6013400.54" → "6,013,400.54". */
export function groupThousands(decimal: string): string {
  const sign = decimal.startsWith('-') ? '-' : '';
  const dot = decimal.indexOf('.');
  const whole = decimal.slice(sign.length, dot < 0 ? undefined : dot);
  // Only a run of digits is grouped; anything else is shown as given. A loop, not a look-ahead
  // regex: reports format every amount of every table (a few percent of a statement's CPU).
  if (whole.length <= 3 || !ALL_DIGITS.test(whole)) return decimal;
  const head = whole.length % 3 || 3;
  let grouped = whole.slice(0, head);
  for (let index = head; index < whole.length; index += 3) grouped += `,${whole.slice(index, index + 3)}`;
  return `${sign}${grouped}${dot < 0 ? '' : decimal.slice(dot)}`;
}

const ALL_DIGITS = /^\d+$/;

/** An amount as messages show it: 601340054n → "US$ 6,013,400.54" (another currency's code if given). */
export function formatUsd(cents: Cents | number | string, currency = 'US$'): string {
  return `${currency} ${groupThousands(formatMoney(cents))}`;
}

/** Decimal rate as a scaled integer: "0.07" → { numerator: 7000000n, scale: 100000000n }. */
export function parseRate(rate: string): { numerator: bigint; scale: bigint } {
  return { numerator: parseDecimal(rate, RATE_FORMAT), scale: 10n ** BigInt(RATE_FORMAT.places) };
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
  return formatDecimal(divideRounded(part * 10n ** BigInt(places), whole), places);
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
