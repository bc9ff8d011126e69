import type { AuthUser } from '@mptf/identity';
import { Role } from '@mptf/identity';
import { ReportParameters, ReportType } from './report-types';

/** Who may generate and download which report; the route permissions decide who gets here at all. */
const GENERATE_ANY: readonly Role[] = [Role.FMU_OFFICER, Role.AA_OFFICER];
const READ_ANY: readonly Role[] = [Role.FMU_OFFICER, Role.AA_OFFICER, Role.ADMIN];

/** A donor sees the annual report and its own organization's contributor statement, nothing else. */
function donorMay(user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  if (!user.roles.includes(Role.DONOR_VIEWER) || !user.organizationCode) return false;
  if (type === ReportType.ANNUAL_CONSOLIDATED) return true;
  return type === ReportType.CONTRIBUTOR_STATEMENT && parameters.donorCode === user.organizationCode;
}

export function mayGenerate(user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  return user.roles.some((role) => GENERATE_ANY.includes(role)) || donorMay(user, type, parameters);
}

export function mayRead(user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  return user.roles.some((role) => READ_ANY.includes(role)) || donorMay(user, type, parameters);
}

/** Whether the user's reads are limited to the donor scope (for list queries). */
export function readsOnlyDonorScope(user: AuthUser): boolean {
  return !user.roles.some((role) => READ_ANY.includes(role));
}
