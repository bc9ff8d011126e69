import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import { EDITABLE_STATUSES, isPortfolioReader, PROGRAMME_STATUSES, ProposalStatus } from '@mptf/proposals';
import { BindParam, ForbiddenError, InvalidStateError, NotFoundError, SqlRunner } from '@mptf/platform';
import type { ProposalAccessRepository } from './proposal-access.repository';
import { ActualStatus, PeriodWindow } from './results.types';

/**
 * Row-level rules of the results lib, in one place, as functions of the reader's permissions
 * (the permission table, `@mptf/identity`, decides the route first) and the record:
 * - read: whoever reports the proposal's results (a PUNO's focal point: `actual.submit`), drafts
 *   included; readers of the whole portfolio (the proposals lib's `isPortfolioReader`: the FMU,
 *   the SC, admins, the AA) once it has been submitted; readers of the fund's published figures
 *   (`fund.read`: donors) programmes only, from approval on;
 * - edit the matrix (`results.edit`): its reporters, or whoever reviews every programme's results
 *   (`actual.approve`: the FMU);
 * - enter and submit actuals: its reporters; approve or return: `actual.approve` (the route);
 * - of the actuals, readers of published figures only see the approved ones (canSeeActual).
 */

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

/** Reports the proposal's results: a focal point of one of its PUNOs. */
export function canReportActuals(user: AuthUser, proposal: Pick<ProposalAccess, 'isPuno'>): boolean {
  return can(user, Permission.ACTUAL_SUBMIT) && proposal.isPuno;
}

export function canReadProposalResults(
  user: AuthUser,
  proposal: Pick<ProposalAccess, 'status' | 'version' | 'isPuno'>,
): boolean {
  if (canReportActuals(user, proposal)) return true;
  if (isPortfolioReader(user) && (proposal.version > 0 || isProgramme(proposal.status))) return true;
  return can(user, Permission.FUND_STATUS_READ) && isProgramme(proposal.status);
}

/**
 * Which actuals of a programme the reader (who may read its results) sees: readers of published
 * figures only (donors) the approved actuals; everyone else every state (the agencies write them,
 * the FMU reviews them). The matrix, /actuals and the due list all apply it.
 */
export function canSeeActual(user: AuthUser, status: ActualStatus): boolean {
  return !seesOnlyPublishedActuals(user) || status === ActualStatus.APPROVED;
}

/** A reader of results who neither reports them nor reads the whole portfolio: a donor. */
export function seesOnlyPublishedActuals(user: AuthUser): boolean {
  return (
    can(user, Permission.RESULTS_READ) && !can(user, Permission.ACTUAL_SUBMIT) && !isPortfolioReader(user)
  );
}

/** canSeeActual as an SQL condition on the indicator_actuals alias (for list queries). */
export function visibleActualsCondition(user: AuthUser, alias: string, bind: BindParam): string {
  return seesOnlyPublishedActuals(user) ? `${alias}.status = ${bind(ActualStatus.APPROVED)}` : 'true';
}

/**
 * The actuals a user may list, as an SQL condition: of a programme they may read (alias `p` of
 * `proposals_summary_v`) and an actual they may see (alias `a` of `indicator_actuals`).
 */
export function listableActualsCondition(user: AuthUser, bind: BindParam): string {
  return `${readableCondition(user, 'p', bind)} AND ${visibleActualsCondition(user, 'a', bind)}`;
}

/** The programme (proposal id) of the actual whose id is the SQL expression `idSql`. */
export function actualProposalIdSql(idSql: string): string {
  return `(SELECT a.proposal_id FROM indicator_actuals a WHERE a.id = ${idSql})`;
}

/** Whether the user may see the actual whose id is the SQL expression `idSql` (the audit trail). */
export function visibleActualByIdCondition(user: AuthUser, idSql: string, bind: BindParam): string {
  return `EXISTS (SELECT 1 FROM indicator_actuals a JOIN proposals_summary_v p ON p.id = a.proposal_id
                   WHERE a.id = ${idSql} AND ${listableActualsCondition(user, bind)})`;
}

export function canEditMatrix(user: AuthUser, proposal: Pick<ProposalAccess, 'isPuno'>): boolean {
  return (
    can(user, Permission.RESULTS_EDIT) &&
    (can(user, Permission.ACTUAL_APPROVE) || canReportActuals(user, proposal))
  );
}

/**
 * canReadProposalResults as an SQL condition on an alias of `proposals_summary_v` (or of the
 * proposals table: lists, the audit trail).
 */
export function readableCondition(user: AuthUser, alias: string, bind: BindParam): string {
  const parts: string[] = [];
  if (can(user, Permission.ACTUAL_SUBMIT) && user.organizationId)
    parts.push(
      `EXISTS (SELECT 1 FROM proposals_participants_v po WHERE po.proposal_id = ${alias}.id AND po.organization_id = ${bind(user.organizationId)})`,
    );
  if (isPortfolioReader(user))
    parts.push(`(${alias}.version > 0 OR ${alias}.status = ANY(${bind(PROGRAMME_STATUSES)}::text[]))`);
  else if (can(user, Permission.FUND_STATUS_READ))
    parts.push(`${alias}.status = ANY(${bind(PROGRAMME_STATUSES)}::text[])`);
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/**
 * Loads the proposal with what the rules need, optionally locked, and checks that the user may
 * read its results: 404 when it does not exist, 403 when the user may not (no check without a user:
 * other libs that decided already).
 */
export async function loadProposalAccess(
  proposals: ProposalAccessRepository,
  db: SqlRunner,
  user: AuthUser | null,
  proposalId: string,
  lock: 'FOR NO KEY UPDATE' | 'FOR SHARE' | '' = '',
): Promise<ProposalAccess> {
  const access = await proposals.find(db, proposalId, user?.organizationId ?? null, lock);
  if (!access) throw new NotFoundError('Proposal', proposalId);
  if (user && !canReadProposalResults(user, access))
    throw new ForbiddenError('You may not see the results of this proposal');
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
