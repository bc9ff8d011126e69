import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';
import { EDITABLE_STATUSES, PROGRAMME_STATUSES, ProposalStatus } from '@mptf/proposals';
import { BindParam, ForbiddenError, InvalidStateError, NotFoundError } from '@mptf/platform';
import { EntityManager } from 'typeorm';
import { programmeWindow } from './period-window';
import { ActualStatus, PeriodWindow } from './results.types';

/**
 * Row-level rules of the results module (route permissions come first, from the role table):
 * - read: focal points of the proposal's PUNOs; FMU, SC, ADMIN and AA once it has been
 *   submitted (drafts stay with the agencies); donors only programmes (approved and after);
 * - edit the matrix: focal points of its PUNOs, or the FMU;
 * - enter and submit actuals: focal points of its PUNOs; approve or return: the FMU;
 * - of the actuals, donors see the approved ones only (canSeeActual).
 */
const STAFF_READERS = [Role.FMU_OFFICER, Role.SC_CHAIR, Role.SC_MEMBER, Role.ADMIN, Role.AA_OFFICER];

/**
 * While the matrix may change: while the proposal is with the agencies, and from approval on
 * (results are reported and corrected through closure). Not while the FMU or the SC has it
 * (SUBMITTED, UNDER_REVIEW), nor once it is ineligible, rejected or withdrawn.
 */
export const MATRIX_EDITABLE_STATUSES: readonly ProposalStatus[] = [
  ...EDITABLE_STATUSES,
  ProposalStatus.PIPELINE,
  ...PROGRAMME_STATUSES,
];

/** Actuals are reported for programmes only (approved and after, final reports included). */
export const REPORTING_STATUSES: readonly ProposalStatus[] = PROGRAMME_STATUSES;

export interface ProposalAccess {
  id: string;
  reference: string;
  title: string;
  status: ProposalStatus;
  version: number;
  /** The signed-in user's organization is one of the proposal's PUNOs. */
  isPuno: boolean;
  window: PeriodWindow;
}

export function isProgramme(status: ProposalStatus): boolean {
  return PROGRAMME_STATUSES.includes(status);
}

export function canReadProposalResults(
  user: AuthUser,
  proposal: Pick<ProposalAccess, 'status' | 'version' | 'isPuno'>,
): boolean {
  if (hasRole(user, Role.AGENCY_FOCAL_POINT) && proposal.isPuno) return true;
  if (hasRole(user, ...STAFF_READERS) && (proposal.version > 0 || isProgramme(proposal.status))) return true;
  return hasRole(user, Role.DONOR_VIEWER) && isProgramme(proposal.status);
}

/**
 * Which actuals of a programme the reader (who may read its results) sees: donors see published
 * figures only, the approved actuals; everyone else every state (the agencies write them, the
 * FMU reviews them). The matrix, /actuals and the due list all apply it.
 */
export function canSeeActual(user: AuthUser, status: ActualStatus): boolean {
  return !seesOnlyPublishedActuals(user) || status === ActualStatus.APPROVED;
}

/** A reader for whom only published (approved) actuals exist: a donor with no other reading role. */
export function seesOnlyPublishedActuals(user: AuthUser): boolean {
  return (
    hasRole(user, Role.DONOR_VIEWER) &&
    !hasRole(user, ...STAFF_READERS) &&
    !hasRole(user, Role.AGENCY_FOCAL_POINT)
  );
}

/** canSeeActual as an SQL condition on the indicator_actuals alias (for list queries). */
export function visibleActualsCondition(user: AuthUser, alias: string, bind: BindParam): string {
  return seesOnlyPublishedActuals(user) ? `${alias}.status = ${bind(ActualStatus.APPROVED)}` : 'true';
}

export function canEditMatrix(user: AuthUser, proposal: Pick<ProposalAccess, 'isPuno'>): boolean {
  return hasRole(user, Role.FMU_OFFICER) || (hasRole(user, Role.AGENCY_FOCAL_POINT) && proposal.isPuno);
}

export function canReportActuals(user: AuthUser, proposal: Pick<ProposalAccess, 'isPuno'>): boolean {
  return hasRole(user, Role.AGENCY_FOCAL_POINT) && proposal.isPuno;
}

/** canReadProposalResults as an SQL condition on the proposals alias (list queries, the audit trail). */
export function readableCondition(user: AuthUser, alias: string, bind: BindParam): string {
  const parts: string[] = [];
  if (hasRole(user, Role.AGENCY_FOCAL_POINT) && user.organizationId)
    parts.push(
      `EXISTS (SELECT 1 FROM proposal_organizations po WHERE po.proposal_id = ${alias}.id AND po.organization_id = ${bind(user.organizationId)})`,
    );
  if (hasRole(user, ...STAFF_READERS))
    parts.push(`(${alias}.version > 0 OR ${alias}.status = ANY(${bind(PROGRAMME_STATUSES)}::text[]))`);
  else if (hasRole(user, Role.DONOR_VIEWER))
    parts.push(`${alias}.status = ANY(${bind(PROGRAMME_STATUSES)}::text[])`);
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/**
 * Loads the proposal with what the rules need, optionally locking it (`FOR NO KEY UPDATE` for
 * matrix edits, `FOR SHARE` for actuals, so the two never interleave), and checks that the user
 * may read it: 404 when it does not exist, 403 when the user may not see it.
 */
export async function loadProposalAccess(
  manager: EntityManager,
  user: AuthUser | null,
  proposalId: string,
  lock: 'FOR NO KEY UPDATE' | 'FOR SHARE' | '' = '',
): Promise<ProposalAccess> {
  const rows = (await manager.query(
    `SELECT p.id, p.reference, p.title, p.status, p.version, p.start_date::text AS start_date, p.created_at,
            p.duration_months,
            EXISTS (SELECT 1 FROM proposal_organizations po WHERE po.proposal_id = p.id AND po.organization_id = $2) AS is_puno
     FROM proposals p WHERE p.id = $1 ${lock ? `${lock} OF p` : ''}`,
    [proposalId, user?.organizationId ?? null],
  )) as {
    id: string;
    reference: string;
    title: string;
    status: ProposalStatus;
    version: number;
    start_date: string | null;
    created_at: Date;
    duration_months: number;
    is_puno: boolean;
  }[];
  if (!rows.length) throw new NotFoundError('Proposal', proposalId);
  const row = rows[0];
  const access: ProposalAccess = {
    id: row.id,
    reference: row.reference,
    title: row.title,
    status: row.status,
    version: row.version,
    isPuno: row.is_puno,
    window: programmeWindow({
      startDate: row.start_date,
      createdAt: row.created_at,
      durationMonths: row.duration_months,
    }),
  };
  if (user && !canReadProposalResults(user, access)) {
    throw new ForbiddenError('You may not see the results of this proposal');
  }
  return access;
}

export function assertMatrixEditable(user: AuthUser, proposal: ProposalAccess): void {
  if (!canEditMatrix(user, proposal)) {
    throw new ForbiddenError(
      'Only focal points of the proposal’s participating organizations and the FMU edit its results matrix',
    );
  }
  if (!MATRIX_EDITABLE_STATUSES.includes(proposal.status)) {
    throw new InvalidStateError('proposal', proposal.status, 'edit the results matrix of');
  }
}
