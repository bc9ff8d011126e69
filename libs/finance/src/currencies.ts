import { data as iso4217, publishDate } from 'currency-codes';
import { Cents, ErrorDetail } from '@mptf/platform';

/**
 * Codes of ISO 4217 list one that are not money a donor pays in: precious metals, bond-market
 * units of account, the testing code, "no currency", and regional units of account.
 */
const NOT_MONEY = new Set([
  'XAG',
  'XAU',
  'XPD',
  'XPT',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XTS',
  'XXX',
  'XSU',
  'XUA',
]);

/** Active ISO 4217 currency codes (list one, from the `currency-codes` package). */
export const ACTIVE_CURRENCIES: ReadonlySet<string> = new Set(
  iso4217.map((currency) => currency.code).filter((code) => !NOT_MONEY.has(code)),
);

/** The date of the ISO 4217 list the codes come from. */
export const CURRENCY_LIST_DATE: string = publishDate;

/**
 * Plausible US$ per unit of a donor's currency, as integers over 10⁶. The dearest unit is the
 * Kuwaiti dinar at about 3.3 US$, the cheapest about 10⁻⁶ US$ (Iranian rial, Lebanese pound):
 * a rate outside [0.000001, 5] is a mistyped amount (ZZZ at 100,000 US$ a unit).
 */
export const PLAUSIBLE_USD_PER_UNIT = { min: '0.000001', max: '5' };
const MICRO = 1_000_000n;
const MIN_MICRO = 1n;
const MAX_MICRO = 5n * MICRO;

export function currencyViolations(field: string, code: string): ErrorDetail[] {
  if (ACTIVE_CURRENCIES.has(code)) return [];
  return [
    {
      field,
      rule: 'ISO_4217',
      message: `${code} is not an active ISO 4217 currency code (list of ${CURRENCY_LIST_DATE})`,
    },
  ];
}

/** The rate `usdAmount / amount` implies must lie in PLAUSIBLE_USD_PER_UNIT. */
export function rateViolations(field: string, usdAmount: Cents, amount: Cents): ErrorDetail[] {
  if (usdAmount <= 0n || amount <= 0n) return [];
  if (usdAmount * MICRO >= amount * MIN_MICRO && usdAmount * MICRO <= amount * MAX_MICRO) return [];
  return [
    {
      field,
      rule: 'PLAUSIBLE_RATE',
      message: `implies a rate outside ${PLAUSIBLE_USD_PER_UNIT.min}–${PLAUSIBLE_USD_PER_UNIT.max} US$ per unit of the currency`,
      ...PLAUSIBLE_USD_PER_UNIT,
    },
  ];
}
