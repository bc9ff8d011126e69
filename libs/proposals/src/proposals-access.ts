import type { AuthUser } from '@mptf/identity';
import { hasRole, Role } from '@mptf/identity';
import type { BindParam } from '@mptf/platform';
import { ProposalStatus } from './lifecycle';

/**
 * Row-level access to proposals, as pure functions (the list query applies the same rule in SQL):
 * - a focal point sees and works on the proposals its organization takes part in (as a PUNO or the
 *   convener), drafts included; other agencies never see them;
 * - the fund's offices and the Steering Committee see every proposal once it has been submitted;
 * - donors see none (they do not even hold proposal.read).
 */
export interface ProposalAccessFacts {
  status: ProposalStatus;
  version: number;
  convenerOrgId: string;
  organizationIds: readonly string[];
}

/** Roles that see all submitted proposals, whatever their organization. */
export const PORTFOLIO_READER_ROLES: readonly Role[] = [
  Role.ADMIN,
  Role.FMU_OFFICER,
  Role.AA_OFFICER,
  Role.SC_CHAIR,
  Role.SC_MEMBER,
];

/** True once a proposal has left its authors: not a draft, and not a draft that was withdrawn. */
export function hasBeenSubmitted(facts: Pick<ProposalAccessFacts, 'status' | 'version'>): boolean {
  if (facts.status === ProposalStatus.DRAFT) return false;
  return !(facts.status === ProposalStatus.WITHDRAWN && facts.version === 0);
}

/** hasBeenSubmitted as an SQL condition on the proposals alias (lists, reports, the audit trail). */
export function submittedProposalSql(alias: string): string {
  return `(${alias}.status <> 'DRAFT' AND NOT (${alias}.status = 'WITHDRAWN' AND ${alias}.version = 0))`;
}

/**
 * canViewProposal as an SQL condition on the proposals alias (lists, the audit trail): the
 * caller's organization convenes it or is a PUNO of it (focal points), or it has been submitted
 * (portfolio readers).
 */
export function visibleProposalsCondition(user: AuthUser, alias: string, bind: BindParam): string {
  const scopes: string[] = [];
  if (hasRole(user, Role.AGENCY_FOCAL_POINT) && user.organizationId) {
    const org = bind(user.organizationId);
    scopes.push(
      `(${alias}.convener_org_id = ${org} OR EXISTS (SELECT 1 FROM proposal_organizations vo WHERE vo.proposal_id = ${alias}.id AND vo.organization_id = ${org}))`,
    );
  }
  if (isPortfolioReader(user)) scopes.push(submittedProposalSql(alias));
  return scopes.length ? `(${scopes.join(' OR ')})` : 'false';
}

/** A focal point of one of the proposal's PUNOs (or of its convener). */
export function isParticipantFocalPoint(user: AuthUser, facts: ProposalAccessFacts): boolean {
  if (!hasRole(user, Role.AGENCY_FOCAL_POINT) || !user.organizationId) return false;
  return facts.convenerOrgId === user.organizationId || facts.organizationIds.includes(user.organizationId);
}

export function isPortfolioReader(user: AuthUser): boolean {
  return hasRole(user, ...PORTFOLIO_READER_ROLES);
}

export function canViewProposal(user: AuthUser, facts: ProposalAccessFacts): boolean {
  if (isParticipantFocalPoint(user, facts)) return true;
  return isPortfolioReader(user) && hasBeenSubmitted(facts);
}

/** Who may edit, submit and attach documents (the lifecycle decides when). */
export function canEditProposal(user: AuthUser, facts: ProposalAccessFacts): boolean {
  return isParticipantFocalPoint(user, facts);
}

/** Only the convening agency withdraws. */
export function canWithdrawProposal(user: AuthUser, facts: ProposalAccessFacts): boolean {
  return (
    hasRole(user, Role.AGENCY_FOCAL_POINT) &&
    !!user.organizationId &&
    user.organizationId === facts.convenerOrgId
  );
}
