import type { AuthUser } from '@mptf/identity';
import { Role } from '@mptf/identity';
import type { BindParam } from '@mptf/platform';
import { seesAllReviews } from '@mptf/review';
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

/**
 * The decision pack report carries every proposal's review scores and recommendations, so only
 * those who see every review (review's one rule, seesAllReviews) generate or read it: the FMU and
 * admins, not the Administrative Agent.
 */
function mayTouchType(user: AuthUser, type: ReportType): boolean {
  return type !== ReportType.DECISION_PACK || seesAllReviews(user);
}

export function mayGenerate(user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  const staff = user.roles.some((role) => GENERATE_ANY.includes(role)) && mayTouchType(user, type);
  return staff || donorMay(user, type, parameters);
}

export function mayRead(user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  const staff = user.roles.some((role) => READ_ANY.includes(role)) && mayTouchType(user, type);
  return staff || donorMay(user, type, parameters);
}

/**
 * The runs `user` may read as one SQL condition on the report_runs alias `r` (for lists and the
 * audit trail): the same rule as mayRead.
 */
export function readableRunsCondition(user: AuthUser, bind: BindParam): string {
  const parts: string[] = [];
  if (user.roles.some((role) => READ_ANY.includes(role)))
    parts.push(seesAllReviews(user) ? 'true' : `r.type <> ${bind(ReportType.DECISION_PACK)}`);
  if (user.roles.includes(Role.DONOR_VIEWER) && user.organizationCode)
    parts.push(
      `(r.type = ${bind(ReportType.ANNUAL_CONSOLIDATED)} OR (r.type = ${bind(ReportType.CONTRIBUTOR_STATEMENT)} AND r.donor_code = ${bind(user.organizationCode)}))`,
    );
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}
