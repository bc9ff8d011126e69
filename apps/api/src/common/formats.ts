import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Matches, ValidationOptions } from 'class-validator';

/**
 * The input formats of api.md, one definition each, so every DTO accepts and rejects the same
 * things with the same message.
 */
export const MONEY_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;
export const ORG_CODE_PATTERN = /^[A-Z0-9_]{2,20}$/;
export const ISO3_PATTERN = /^[A-Z]{3}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

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
