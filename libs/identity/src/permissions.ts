import { Role } from './roles';

/**
 * Every route declares one of these. Roles map to permissions in ROLE_PERMISSIONS, the single
 * table of who may do what. Row-level rules (own organization, recusal) live in one access module
 * per lib (`<lib>-access.ts`), written over the user's permissions (`can(user, permission)`) and
 * the record; the scope permissions at the end of each group are read only there, never by a route.
 */
export enum Permission {
  PROFILE_READ = 'profile.read',
  USER_MANAGE = 'user.manage',
  ORGANIZATION_READ = 'organization.read',
  REFERENCE_READ = 'reference.read',
  REFERENCE_MANAGE = 'reference.manage',
  SETTINGS_READ = 'settings.read',
  SETTINGS_MANAGE = 'settings.manage',
  AUDIT_READ = 'audit.read',
  SYSTEM_OPERATE = 'system.operate',

  PROPOSAL_READ = 'proposal.read',
  PROPOSAL_CREATE = 'proposal.create',
  PROPOSAL_UPDATE = 'proposal.update',
  PROPOSAL_SUBMIT = 'proposal.submit',
  PROPOSAL_WITHDRAW = 'proposal.withdraw',
  /** Scope: every proposal once submitted, whatever the user's organization (proposals-access.ts). */
  PROPOSAL_READ_SUBMITTED = 'proposal.read-submitted',

  PROPOSAL_SCREEN = 'proposal.screen',
  REVIEW_QUEUE = 'review.queue',
  REVIEW_CREATE = 'review.create',
  REVIEW_READ = 'review.read',
  CONFLICT_DECLARE = 'conflict.declare',
  MEETING_MANAGE = 'meeting.manage',
  MEETING_READ = 'meeting.read',
  DECISION_RECORD = 'decision.record',
  PIPELINE_READ = 'pipeline.read',
  PIPELINE_MANAGE = 'pipeline.manage',
  /** Scope: every review and summary of a round, without reviewing first (review-access.ts). */
  REVIEW_READ_ALL = 'review.read-all',
  /** Scope: records decisions as the chair; others holding decision.record only as acting chair. */
  DECISION_CHAIR = 'decision.chair',

  CONTRIBUTION_RECORD = 'contribution.record',
  CONTRIBUTION_READ = 'contribution.read',
  /** Scope: every donor's agreement reference; a donor sees only its own (finance-access.ts). */
  CONTRIBUTION_READ_REFERENCES = 'contribution.read-references',
  PROGRAMME_READ = 'programme.read',
  TRANSFER_RECORD = 'transfer.record',
  REFUND_RECORD = 'refund.record',
  EXPENDITURE_RECORD = 'expenditure.record',
  PROGRAMME_CLOSE = 'programme.close',
  FUND_STATUS_READ = 'fund.read',
  /** Interest, other income, direct costs and bank charges (the AA's own fund entries). */
  FUND_ENTRY_RECORD = 'fund.record',
  /** Interest earned by agencies (PUNOs), recorded and reversed by the AA. */
  AGENCY_INTEREST_RECORD = 'agency-interest.record',
  /** Scope (finance-access.ts): readers of the fund status see every agency's, a focal point its own. */
  AGENCY_INTEREST_READ = 'agency-interest.read',
  PORTFOLIO_READ = 'portfolio.read',

  RESULTS_READ = 'results.read',
  RESULTS_EDIT = 'results.edit',
  ACTUAL_SUBMIT = 'actual.submit',
  ACTUAL_APPROVE = 'actual.approve',
  IATI_EXPORT = 'iati.export',
  /** The fund-level results framework (fund indicators per thematic area). */
  FUND_INDICATOR_MANAGE = 'fund-indicator.manage',

  /** Programme work after approval (lib programmes): the reporting calendar, progress reports, revisions. */
  PROGRAMME_WORK_READ = 'programme-work.read',
  PROGRESS_REPORT_WRITE = 'progress-report.write',
  PROGRESS_REPORT_REVIEW = 'progress-report.review',
  REVISION_REQUEST = 'revision.request',
  REVISION_APPROVE = 'revision.approve',
  /** Scope: every programme's calendar, reports and revisions, not only the own agency's (programmes-access.ts). */
  PROGRAMME_WORK_READ_ALL = 'programme-work.read-all',

  REPORT_GENERATE = 'report.generate',
  REPORT_READ = 'report.read',
  /** The consolidated report's narrative sections: reading drafts, and writing them (the fund unit). */
  REPORT_NARRATIVE_READ = 'report-narrative.read',
  REPORT_NARRATIVE_WRITE = 'report-narrative.write',
  QUEUE_DASHBOARD = 'queue.dashboard',

  /** One's own notifications and notification preferences (the rows are always the caller's). */
  NOTIFICATION_READ = 'notification.read',
  NOTIFICATION_MANAGE = 'notification.manage',
  /** The mail outbox and bounced addresses. */
  MAIL_OUTBOX_READ = 'mail.outbox-read',
  /** Clearing a bounced address so mail goes to it again (the admin). */
  MAIL_BOUNCE_CLEAR = 'mail.bounce-clear',
}

const P = Permission;

/** What every signed-in user may do. */
const EVERYONE = [
  P.PROFILE_READ,
  P.ORGANIZATION_READ,
  P.REFERENCE_READ,
  P.SETTINGS_READ,
  P.NOTIFICATION_READ,
  P.NOTIFICATION_MANAGE,
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.ADMIN]: [
    ...EVERYONE,
    P.PROGRAMME_WORK_READ,
    P.PROGRAMME_WORK_READ_ALL,
    P.USER_MANAGE,
    P.REFERENCE_MANAGE,
    P.SETTINGS_MANAGE,
    P.AUDIT_READ,
    P.SYSTEM_OPERATE,
    P.PROPOSAL_READ,
    P.PROPOSAL_READ_SUBMITTED,
    P.REVIEW_READ,
    P.REVIEW_READ_ALL,
    P.MEETING_READ,
    P.PIPELINE_READ,
    P.CONTRIBUTION_READ,
    P.CONTRIBUTION_READ_REFERENCES,
    P.PROGRAMME_READ,
    P.FUND_STATUS_READ,
    P.AGENCY_INTEREST_READ,
    P.PORTFOLIO_READ,
    P.RESULTS_READ,
    P.FUND_INDICATOR_MANAGE,
    P.IATI_EXPORT,
    P.REPORT_READ,
    P.QUEUE_DASHBOARD,
    P.MAIL_OUTBOX_READ,
    P.MAIL_BOUNCE_CLEAR,
  ],
  [Role.FMU_OFFICER]: [
    ...EVERYONE,
    P.PROGRAMME_WORK_READ,
    P.PROGRAMME_WORK_READ_ALL,
    P.PROGRESS_REPORT_REVIEW,
    P.REVISION_APPROVE,
    P.AUDIT_READ,
    P.PROPOSAL_READ,
    P.PROPOSAL_READ_SUBMITTED,
    P.PROPOSAL_SCREEN,
    P.REVIEW_READ,
    P.REVIEW_READ_ALL,
    P.MEETING_MANAGE,
    P.MEETING_READ,
    P.PIPELINE_READ,
    P.PIPELINE_MANAGE,
    P.CONTRIBUTION_READ,
    P.CONTRIBUTION_READ_REFERENCES,
    P.PROGRAMME_READ,
    P.PROGRAMME_CLOSE,
    P.FUND_STATUS_READ,
    P.AGENCY_INTEREST_READ,
    P.PORTFOLIO_READ,
    P.RESULTS_READ,
    P.RESULTS_EDIT,
    P.ACTUAL_APPROVE,
    P.FUND_INDICATOR_MANAGE,
    P.IATI_EXPORT,
    P.REPORT_GENERATE,
    P.REPORT_READ,
    P.REPORT_NARRATIVE_READ,
    P.REPORT_NARRATIVE_WRITE,
    P.QUEUE_DASHBOARD,
  ],
  [Role.AA_OFFICER]: [
    ...EVERYONE,
    P.PROGRAMME_WORK_READ,
    P.PROGRAMME_WORK_READ_ALL,
    P.PROPOSAL_READ,
    P.PROPOSAL_READ_SUBMITTED,
    P.PIPELINE_READ,
    P.CONTRIBUTION_RECORD,
    P.CONTRIBUTION_READ,
    P.CONTRIBUTION_READ_REFERENCES,
    P.PROGRAMME_READ,
    P.TRANSFER_RECORD,
    P.REFUND_RECORD,
    P.PROGRAMME_CLOSE,
    P.FUND_STATUS_READ,
    P.AGENCY_INTEREST_READ,
    P.FUND_ENTRY_RECORD,
    P.AGENCY_INTEREST_RECORD,
    P.PORTFOLIO_READ,
    P.RESULTS_READ,
    P.IATI_EXPORT,
    P.REPORT_GENERATE,
    P.REPORT_READ,
    P.REPORT_NARRATIVE_READ,
  ],
  [Role.SC_CHAIR]: [
    ...EVERYONE,
    P.PROGRAMME_WORK_READ,
    P.PROGRAMME_WORK_READ_ALL,
    P.PROPOSAL_READ,
    P.PROPOSAL_READ_SUBMITTED,
    P.REVIEW_QUEUE,
    P.REVIEW_CREATE,
    P.REVIEW_READ,
    P.REVIEW_READ_ALL,
    P.CONFLICT_DECLARE,
    P.MEETING_READ,
    P.DECISION_RECORD,
    P.DECISION_CHAIR,
    P.PIPELINE_READ,
    P.PROGRAMME_READ,
    P.FUND_STATUS_READ,
    P.AGENCY_INTEREST_READ,
    P.PORTFOLIO_READ,
    P.RESULTS_READ,
  ],
  [Role.SC_MEMBER]: [
    ...EVERYONE,
    P.PROGRAMME_WORK_READ,
    P.PROGRAMME_WORK_READ_ALL,
    P.PROPOSAL_READ,
    P.PROPOSAL_READ_SUBMITTED,
    P.REVIEW_QUEUE,
    P.REVIEW_CREATE,
    P.REVIEW_READ,
    P.CONFLICT_DECLARE,
    P.MEETING_READ,
    // Only as acting chair, when the chair is recused from the proposal (review's decisionAuthority).
    P.DECISION_RECORD,
    P.PIPELINE_READ,
    P.PROGRAMME_READ,
    P.FUND_STATUS_READ,
    P.AGENCY_INTEREST_READ,
    P.PORTFOLIO_READ,
    P.RESULTS_READ,
  ],
  [Role.AGENCY_FOCAL_POINT]: [
    ...EVERYONE,
    P.PROGRAMME_WORK_READ,
    P.PROGRESS_REPORT_WRITE,
    P.REVISION_REQUEST,
    P.PROPOSAL_READ,
    P.PROPOSAL_CREATE,
    P.PROPOSAL_UPDATE,
    P.PROPOSAL_SUBMIT,
    P.PROPOSAL_WITHDRAW,
    P.PROGRAMME_READ,
    P.EXPENDITURE_RECORD,
    P.AGENCY_INTEREST_READ,
    P.PORTFOLIO_READ,
    P.RESULTS_READ,
    P.RESULTS_EDIT,
    P.ACTUAL_SUBMIT,
  ],
  [Role.DONOR_VIEWER]: [
    ...EVERYONE,
    P.CONTRIBUTION_READ,
    P.PROGRAMME_READ,
    P.FUND_STATUS_READ,
    P.AGENCY_INTEREST_READ,
    P.PORTFOLIO_READ,
    P.RESULTS_READ,
    P.REPORT_GENERATE,
    P.REPORT_READ,
  ],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
}

/** The roles the table grants `permission` to. */
export function rolesGranted(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((role) =>
    ROLE_PERMISSIONS[role].includes(permission),
  );
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}
