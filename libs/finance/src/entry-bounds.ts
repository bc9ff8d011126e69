import {
  Cents,
  ErrorDetail,
  formatMoney,
  groupThousands,
  parseMoney,
  RuleViolationError,
} from '@mptf/platform';
import type { FundSettings } from '@mptf/reference';

/**
 * Plausibility bounds of every money entry, checked by the services before anything is written
 * (the database CHECKs are a backstop, never the message a user reads): amounts above zero and at
 * most the fund's `maxEntryAmount`; dates not before the fund's `inceptionDate` and not after
 * today (the injectable clock). Each problem names the field and the rule; all are reported at
 * once as a 422.
 */
export interface EntryBounds {
  inceptionDate: string;
  maxAmount: Cents;
  today: string;
}

export function entryBounds(settings: FundSettings, today: string): EntryBounds {
  return { inceptionDate: settings.inceptionDate, maxAmount: parseMoney(settings.maxEntryAmount), today };
}

/** An amount above zero, with no upper bound (a contribution in the donor's currency: its rate bounds it). */
export function positiveViolations(field: string, amount: Cents): ErrorDetail[] {
  return amount > 0n ? [] : [{ field, rule: 'POSITIVE', message: 'must be above zero' }];
}

/** An amount above zero (or zero where `allowZero`, e.g. one expenditure line) and not above the maximum. */
export function amountViolations(
  field: string,
  amount: Cents,
  bounds: EntryBounds,
  options: { allowZero?: boolean } = {},
): ErrorDetail[] {
  if (amount < 0n || (amount === 0n && !options.allowZero))
    return [
      {
        field,
        rule: options.allowZero ? 'NOT_NEGATIVE' : 'POSITIVE',
        message: options.allowZero ? 'must not be negative' : 'must be above zero',
      },
    ];
  if (amount > bounds.maxAmount)
    return [
      {
        field,
        rule: 'MAX_AMOUNT',
        message: `must not exceed ${groupThousands(formatMoney(bounds.maxAmount))} (fund setting maxEntryAmount)`,
        max: formatMoney(bounds.maxAmount),
      },
    ];
  return [];
}

/** A date (YYYY-MM-DD) between the fund's inception and today. */
export function dateViolations(field: string, date: string, bounds: EntryBounds): ErrorDetail[] {
  if (date < bounds.inceptionDate)
    return [
      {
        field,
        rule: 'NOT_BEFORE_INCEPTION',
        message: `must not be before the fund's inception (${bounds.inceptionDate})`,
        inceptionDate: bounds.inceptionDate,
      },
    ];
  if (date > bounds.today)
    return [
      { field, rule: 'NOT_IN_FUTURE', message: `must not be in the future (today is ${bounds.today})` },
    ];
  return [];
}

/** A reporting year between the inception's year and this year. */
export function yearViolations(field: string, year: number, bounds: EntryBounds): ErrorDetail[] {
  const first = Number(bounds.inceptionDate.slice(0, 4));
  const current = Number(bounds.today.slice(0, 4));
  if (year < first)
    return [
      {
        field,
        rule: 'NOT_BEFORE_INCEPTION',
        message: `must not be before the year of the fund's inception (${first})`,
        inceptionDate: bounds.inceptionDate,
      },
    ];
  if (year > current) return [{ field, rule: 'NOT_IN_FUTURE', message: `must not be after ${current}` }];
  return [];
}

/** Throws one 422 listing every problem, or returns when there is none. */
export function refuseViolations(violations: ErrorDetail[]): void {
  if (!violations.length) return;
  throw new RuleViolationError(
    violations.map((violation) => `${violation.field} ${violation.message}`).join('; '),
    violations,
  );
}
