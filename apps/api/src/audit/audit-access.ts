import { AUDIT_ENTITY_UUID, AuditScope } from '@mptf/audit';
import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import { BindParam } from '@mptf/platform';
import { ProgrammeWorkRecord, readableProgrammeWorkByIdCondition } from '@mptf/programmes';
import { PROGRAMME_STATUSES, visibleProposalsCondition } from '@mptf/proposals';
import { readableRunByIdCondition } from '@mptf/reporting';
import { readableCondition, visibleActualByIdCondition } from '@mptf/results';

/** Which audited entities of one type the reader may see, as an SQL condition on the alias `e`. */
type EntityRule = (user: AuthUser, bind: BindParam) => string;

/** Entities every holder of a permission sees (reference data, meetings, the ledger…). */
const withPermission =
  (permission: Permission): EntityRule =>
  (user) =>
    can(user, permission) ? 'true' : 'false';

const proposalVisible = (user: AuthUser, bind: BindParam) => visibleProposalsCondition(user, 'p', bind);

/** Programme work (progress reports, revisions): as GET on it would answer. */
const programmeWork =
  (record: ProgrammeWorkRecord): EntityRule =>
  (user, bind) =>
    readableProgrammeWorkByIdCondition(user, record, AUDIT_ENTITY_UUID, bind);

/**
 * Every entity type the audit trail holds, each with its own visibility: a reader sees an event
 * only when they may see its entity now (GET /audit answers as GET on the entity would). A type
 * missing from this table is seen by nobody; the audit visibility spec fails when the application
 * writes a type that is not here.
 */
export const AUDIT_ENTITY_RULES: Readonly<Record<string, EntityRule>> = {
  // Drafts stay with their agencies; submitted proposals are the portfolio's.
  proposal: (user, bind) =>
    `EXISTS (SELECT 1 FROM proposals_summary_v p WHERE p.id = ${AUDIT_ENTITY_UUID} AND ${proposalVisible(user, bind)})`,
  // A programme's money: the proposal's visibility, or a programme reader's (donors included).
  programme: (user, bind) =>
    `EXISTS (SELECT 1 FROM proposals_summary_v p WHERE p.id = ${AUDIT_ENTITY_UUID} AND (${proposalVisible(user, bind)}${
      can(user, Permission.PROGRAMME_READ) ? ` OR p.status = ANY(${bind(PROGRAMME_STATUSES)}::text[])` : ''
    }))`,
  'results-matrix': (user, bind) =>
    `EXISTS (SELECT 1 FROM proposals_summary_v p WHERE p.id = ${AUDIT_ENTITY_UUID} AND ${readableCondition(user, 'p', bind)})`,
  actual: (user, bind) => visibleActualByIdCondition(user, AUDIT_ENTITY_UUID, bind),
  progress_report: programmeWork('progress_report'),
  programme_revision: programmeWork('programme_revision'),
  'report-narrative': withPermission(Permission.REPORT_NARRATIVE_READ),
  report_run: (user, bind) => readableRunByIdCondition(user, AUDIT_ENTITY_UUID, bind),
  'fund-indicator': withPermission(Permission.RESULTS_READ),
  'sc-meeting': withPermission(Permission.MEETING_READ),
  pipeline: withPermission(Permission.PIPELINE_READ),
  contribution: withPermission(Permission.CONTRIBUTION_READ),
  fund_entry: withPermission(Permission.FUND_STATUS_READ),
  // What the donor reports publish per agency; the audit readers are the fund's offices.
  agency_interest: withPermission(Permission.FUND_STATUS_READ),
  user: withPermission(Permission.USER_MANAGE),
  // A bounced address and its clearing: the outbox's readers (the admin), who clear it.
  mail_bounce: withPermission(Permission.MAIL_OUTBOX_READ),
  thematic_area: withPermission(Permission.REFERENCE_READ),
  fund_settings: withPermission(Permission.SETTINGS_READ),
};

/** The audit events `user` may see: per entity type, that type's rule. */
export function auditScopeOf(user: AuthUser): AuditScope {
  return (bind) => {
    const parts: string[] = [];
    for (const [entityType, rule] of Object.entries(AUDIT_ENTITY_RULES)) {
      const condition = rule(user, bind);
      if (condition === 'false') continue;
      const ofType = `e.entity_type = ${bind(entityType)}`;
      parts.push(condition === 'true' ? ofType : `(${ofType} AND ${condition})`);
    }
    return parts.length ? `(${parts.join(' OR ')})` : 'false';
  };
}
