import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import type { BindParam } from '@mptf/platform';
import { seesAllReviews } from '@mptf/review';
import { ReportParameters, ReportType } from './runs/report-types';

/**
 * Who may generate and read which report. The permission table decides who reaches the routes
 * (report.generate, report.read) and whose reading is the fund's own records; the rows are:
 * - a reader of the fund's records (who may read proposals and every contribution: the fund unit,
 *   the Administrative Agent, administrators) sees every type, the decision pack only when they see every review
 *   (its scores and recommendations: review's rule, seesAllReviews);
 * - any other reader of reports belongs to a contributor and sees the published figures, the
 *   annual report, and its own organization's contributor statement, nothing else.
 */
type ReportAction = Permission.REPORT_GENERATE | Permission.REPORT_READ;

/** Reads the fund's own records (proposals, every donor's contributions), not only published figures. */
function readsFundRecords(user: AuthUser): boolean {
  return can(user, Permission.PROPOSAL_READ) && can(user, Permission.CONTRIBUTION_READ);
}

/** The contributor whose published reports and own statement a reader is limited to, or null. */
function contributorOf(user: AuthUser): string | null {
  return readsFundRecords(user) ? null : user.organizationCode;
}

function mayTouch(user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  if (readsFundRecords(user)) return type !== ReportType.DECISION_PACK || seesAllReviews(user);
  const contributor = contributorOf(user);
  if (!contributor) return false;
  if (type === ReportType.ANNUAL_CONSOLIDATED) return true;
  return type === ReportType.CONTRIBUTOR_STATEMENT && parameters.donorCode === contributor;
}

function may(action: ReportAction, user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  return can(user, action) && mayTouch(user, type, parameters);
}

export function mayGenerate(user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  return may(Permission.REPORT_GENERATE, user, type, parameters);
}

/** Statements for all donors at once (POST /reports/batches): readers of the fund's records only. */
export function mayGenerateBatch(user: AuthUser, type: ReportType): boolean {
  return (
    can(user, Permission.REPORT_GENERATE) &&
    readsFundRecords(user) &&
    type === ReportType.CONTRIBUTOR_STATEMENT
  );
}

export function mayRead(user: AuthUser, type: ReportType, parameters: ReportParameters): boolean {
  return may(Permission.REPORT_READ, user, type, parameters);
}

/**
 * The donor a contributor statement is about when the request names none: a contributor's
 * reader asks for its own statement; a reader of the fund's records must name one.
 */
export function defaultStatementDonor(user: AuthUser): string | null {
  return can(user, Permission.REPORT_GENERATE) ? contributorOf(user) : null;
}

/**
 * The runs `user` may read as one SQL condition on the report_runs alias `r` (for lists and the
 * audit trail): the same rule as mayRead.
 */
export function readableRunsCondition(user: AuthUser, bind: BindParam): string {
  if (!can(user, Permission.REPORT_READ)) return 'false';
  if (readsFundRecords(user))
    return seesAllReviews(user) ? '(true)' : `(r.type <> ${bind(ReportType.DECISION_PACK)})`;
  const contributor = contributorOf(user);
  if (!contributor) return 'false';
  return `((r.type = ${bind(ReportType.ANNUAL_CONSOLIDATED)} OR (r.type = ${bind(ReportType.CONTRIBUTOR_STATEMENT)} AND r.donor_code = ${bind(contributor)})))`;
}

/** Whether the user may read the run whose id is the SQL expression `idSql` (the audit trail). */
export function readableRunByIdCondition(user: AuthUser, idSql: string, bind: BindParam): string {
  return `EXISTS (SELECT 1 FROM report_runs r WHERE r.id = ${idSql} AND ${readableRunsCondition(user, bind)})`;
}
