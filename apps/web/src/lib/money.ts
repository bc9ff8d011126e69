/**
 * Money in the browser follows the API: decimal strings with two decimals, computed in integer
 * cents (bigint), never floats. Indirect costs use the API's applyRate itself.
 */
export const MONEY_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;

export function parseCents(value: string | null | undefined): bigint {
  if (!value) return 0n;
  const text = value.trim().replace(/,/g, '');
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return 0n;
  const cents = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * amount × rate ("0.07"), rounded to the cent half away from zero: the API's own implementation
 * (pure, no dependencies), so the live budget grid can never round differently from the server.
 */
export { applyRate } from '../../../../libs/platform/src/money/money';

const grouping = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "1250000.00" → "US$ 1,250,000.00" (or without the currency). */
export function formatMoney(
  value: string | bigint | null | undefined,
  options: { currency?: string | null } = {},
) {
  const cents = typeof value === 'bigint' ? value : parseCents(value ?? '0');
  const [whole, fraction] = centsToDecimal(cents < 0n ? -cents : cents).split('.');
  const text = `${cents < 0n ? '−' : ''}${grouping(whole)}.${fraction}`;
  const currency = options.currency === undefined ? 'US$' : options.currency;
  return currency ? `${currency} ${text}` : text;
}

/** Compact for charts and tiles: US$ 1.57M. */
export function formatMoneyShort(value: string | bigint | null | undefined): string {
  const cents = typeof value === 'bigint' ? value : parseCents(value ?? '0');
  const dollars = Number(cents) / 100;
  const abs = Math.abs(dollars);
  if (abs >= 1e9) return `US$ ${(dollars / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `US$ ${(dollars / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `US$ ${(dollars / 1e3).toFixed(1)}k`;
  return `US$ ${dollars.toFixed(0)}`;
}

/** For charts only (display), never for arithmetic. */
export function toNumber(value: string | null | undefined): number {
  return Number(parseCents(value ?? '0')) / 100;
}

/** "0.4213" → "42.1 %". */
export function formatRate(value: string | number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${(Number(value) * 100).toFixed(digits)} %`;
}
