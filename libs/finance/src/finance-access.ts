import type { AuthUser } from '@mptf/identity';
import { can, hasRole, Permission, Role } from '@mptf/identity';

/**
 * Row-level rules of the finance lib, in one place. The route's permission comes first (the
 * permission table, `@mptf/identity`); these decide per record.
 */

/** A PUNO's expenditure is reported, and reversed, by a focal point of that PUNO only. */
export function mayReportExpenditureOf(user: AuthUser, orgCode: string): boolean {
  return can(user, Permission.EXPENDITURE_RECORD) && user.organizationCode === orgCode;
}

/** The fund's offices, who see every donor's agreement reference. */
const FUND_OFFICE_ROLES = [Role.ADMIN, Role.FMU_OFFICER, Role.AA_OFFICER];

/**
 * Contributions by donor are public, a donor's agreement reference is not: a donor viewer sees
 * its own, the fund's offices every one. No permission of the table says "the fund's offices"
 * (every one they hold is also held by a donor or an SC role), so this one rule still names roles;
 * a permission such as `contribution.read-references` (ADMIN, FMU, AA) would replace it.
 */
export function seesContributionReference(user: AuthUser, donorCode: string): boolean {
  if (!hasRole(user, Role.DONOR_VIEWER) || hasRole(user, ...FUND_OFFICE_ROLES)) return true;
  return donorCode === user.organizationCode;
}

/** A donor's position: a donor viewer reads its own; the fund's offices and SC roles any donor's. */
export function mayReadDonorPosition(user: AuthUser, donorCode: string): boolean {
  return seesContributionReference(user, donorCode);
}
