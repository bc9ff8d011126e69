/**
 * Money in the browser follows the API, through the code the server itself runs (@mptf/common):
 * decimal strings with two decimals, computed in integer cents (bigint), never floats. Amounts
 * from the API are parsed with parseMoney (a malformed one is a bug and throws); amounts a person
 * types with parseMoneyInput, which answers null for a bad entry so the form can say so.
 */
import { formatMoney as toDecimal, parseMoney, parseMoneyInput, type Cents } from '@mptf/common';

export {
  applyRate,
  DIRECT_CATEGORY_CODES,
  MONEY_INPUT_PATTERN,
  parseMoney,
  parseMoneyInput,
  formatMoney as centsToDecimal,
} from '@mptf/common';
export type { Cents } from '@mptf/common';

const grouping = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const centsOf = (value: string | bigint | null | undefined): Cents =>
  typeof value === 'bigint' ? value : parseMoney(value ?? '0');

/** "1250000.00" → "US$ 1,250,000.00" (or without the currency). */
export function formatMoney(
  value: string | bigint | null | undefined,
  options: { currency?: string | null } = {},
) {
  const cents = centsOf(value);
  const abs = cents < 0n ? -cents : cents;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  const text = `${cents < 0n ? '−' : ''}${grouping((abs / 100n).toString())}.${fraction}`;
  const currency = options.currency === undefined ? 'US$' : options.currency;
  return currency ? `${currency} ${text}` : text;
}

/** Compact for charts and tiles: US$ 1.57M. */
export function formatMoneyShort(value: string | bigint | null | undefined): string {
  const dollars = Number(centsOf(value)) / 100;
  const abs = Math.abs(dollars);
  if (abs >= 1e9) return `US$ ${(dollars / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `US$ ${(dollars / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `US$ ${(dollars / 1e3).toFixed(1)}k`;
  return `US$ ${dollars.toFixed(0)}`;
}

/** For charts only (display), never for arithmetic. */
export function toNumber(value: string | null | undefined): number {
  return Number(centsOf(value)) / 100;
}

/** "0.4213" → "42.1 %". */
export function formatRate(value: string | number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${(Number(value) * 100).toFixed(digits)} %`;
}

/**
 * A rate of the fund's settings as the fund states it ("0.01" → "1 %", "0.015" → "1.5 %"); null
 * while the settings are loading, so a screen shows no rate rather than a guessed one.
 */
export function formatFeeRate(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return `${Number((Number(value) * 100).toFixed(2))} %`;
}

/**
 * A typed amount as the API takes it ("1250000.5" → "1250000.50"). A bad entry goes as typed, so
 * the API answers 400 naming the field rather than the browser quietly sending another amount.
 */
export function amountForApi(text: string): string {
  const cents = parseMoneyInput(text);
  return cents === null ? text.trim() : toDecimal(cents);
}

/** Live total of typed amounts: entries that are not amounts are flagged on their field, not counted. */
export function typedTotal(values: Iterable<string>): Cents {
  let total = 0n;
  for (const value of values) total += parseMoneyInput(value) ?? 0n;
  return total;
}

/** A typed amount worth sending: not blank and not zero (a bad entry is sent, for the API to name). */
export const isEntered = (text: string | undefined): text is string =>
  !!text && text.trim() !== '' && parseMoneyInput(text) !== 0n;
