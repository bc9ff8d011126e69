import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';

/**
 * Row-level rules of the finance lib, in one place. The route's permission comes first (the
 * permission table, `@mptf/identity`); these decide per record.
 */

/** A PUNO's expenditure is reported, and reversed, by a focal point of that PUNO only. */
export function mayReportExpenditureOf(user: AuthUser, orgCode: string): boolean {
  return can(user, Permission.EXPENDITURE_RECORD) && user.organizationCode === orgCode;
}

/**
 * Contributions by donor are public, a donor's agreement reference is not: the fund's offices
 * (contribution.read-references) see every one, a donor its own.
 */
export function seesContributionReference(user: AuthUser, donorCode: string): boolean {
  if (can(user, Permission.CONTRIBUTION_READ_REFERENCES)) return true;
  return donorCode === user.organizationCode;
}

/**
 * The same rule as an SQL condition on the donor's code (`donorCode`, an SQL expression), for a
 * list's search: a reference the user may not see must not find its row either.
 */
export function seesContributionReferenceCondition(
  user: AuthUser,
  donorCode: string,
  bind: (value: unknown) => string,
): string {
  if (can(user, Permission.CONTRIBUTION_READ_REFERENCES)) return 'true';
  return user.organizationCode ? `${donorCode} = ${bind(user.organizationCode)}` : 'false';
}

/** A donor's position: a donor viewer reads its own; the fund's offices and SC roles any donor's. */
export function mayReadDonorPosition(user: AuthUser, donorCode: string): boolean {
  return seesContributionReference(user, donorCode);
}

/**
 * Interest earned by agencies: readers of the fund status see every agency's (the donor reports
 * publish it), an agency's focal point only its own organization's; anyone else none.
 */
export function mayReadAgencyInterestOf(user: AuthUser, orgCode: string): boolean {
  if (!can(user, Permission.AGENCY_INTEREST_READ)) return false;
  return can(user, Permission.FUND_STATUS_READ) || user.organizationCode === orgCode;
}

/** mayReadAgencyInterestOf as an SQL condition on an organizations alias (with `code`). */
export function readableAgencyInterestCondition(
  user: AuthUser,
  alias: string,
  bind: (value: unknown) => string,
): string {
  if (!can(user, Permission.AGENCY_INTEREST_READ)) return 'false';
  if (can(user, Permission.FUND_STATUS_READ)) return 'true';
  return user.organizationCode ? `${alias}.code = ${bind(user.organizationCode)}` : 'false';
}
