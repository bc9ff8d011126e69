import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Length, Matches, MaxLength, ValidationOptions } from 'class-validator';

/**
 * The input formats of api.md, one definition each, so every DTO accepts and rejects the same
 * things with the same message.
 */
export const MONEY_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;
export const ORG_CODE_PATTERN = /^[A-Z0-9_]{2,20}$/;
export const ISO3_PATTERN = /^[A-Z]{3}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const MONTH_DAY_PATTERN = /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
export const RATE_PATTERN = /^0(\.\d{1,4})?$/;
const NOT_BLANK = /\S/;

const each = (options?: ValidationOptions) => ({ each: options?.each });

/** A non-negative amount as a decimal string with at most two decimals ("1250000.00"). */
export const IsMoney = (options?: ValidationOptions) =>
  applyDecorators(
    IsString(each(options)),
    Matches(MONEY_PATTERN, {
      ...each(options),
      message: 'must be a decimal string with at most two decimals, e.g. "1250000.00"',
    }),
  );

/** An organization code: `IOM`, `UNDP`, or a Member State's ISO3 code (`DEU`). */
export const IsOrgCode = (options?: ValidationOptions) =>
  applyDecorators(
    IsString(each(options)),
    Matches(ORG_CODE_PATTERN, {
      ...each(options),
      message: 'must be an organization code such as IOM or DEU',
    }),
  );

/** An ISO 3166-1 alpha-3 country code. */
export const IsCountryCode = (options?: ValidationOptions) =>
  applyDecorators(
    IsString(each(options)),
    Matches(ISO3_PATTERN, { ...each(options), message: 'must be an ISO 3166-1 alpha-3 code such as MEX' }),
  );

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export const IsIsoDate = (options?: ValidationOptions) =>
  applyDecorators(
    Matches(DATE_PATTERN, { ...each(options), message: 'must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { ...each(options), message: 'must be a valid calendar date' }),
  );

/**
 * The stacks below register their rules in the order the hand-written stacks they replace did
 * (a decorator stack registers bottom-up), so a field failing several rules lists them as before.
 */
const stack = (...topToBottom: PropertyDecorator[]) => applyDecorators(...topToBottom.reverse());

/** A required text of `min`–`max` characters that is not only spaces (a title, a reason). */
export const IsNonBlankText = (min: number, max: number) =>
  stack(IsString(), Length(min, max), Matches(NOT_BLANK, { message: 'must not be blank' }));

/** A longer text (a narrative, a comment) of at most `max` characters, not only spaces. */
export const IsNonBlankNarrative = (max: number) =>
  stack(IsString(), Matches(NOT_BLANK, { message: 'must not be blank' }), MaxLength(max));

/** A rate from 0 to 1 as a decimal string with at most four decimals ("0.07"). */
export const IsRate = () =>
  stack(
    IsString(),
    Matches(RATE_PATTERN, { message: 'must be a decimal string between 0 and 1 with at most four decimals' }),
  );

/** A day of the year written MM-DD ("04-30"), a yearly deadline. */
export const IsMonthDay = () => Matches(MONTH_DAY_PATTERN, { message: 'must be MM-DD' });
