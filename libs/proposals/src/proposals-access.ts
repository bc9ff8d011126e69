import type { AuthUser } from '@mptf/identity';
import { can, Permission } from '@mptf/identity';
import type { BindParam } from '@mptf/platform';
import { ProposalStatus } from './lifecycle';
import { ProposalRecord } from './proposal.view';

/**
 * Row-level access to proposals, as pure functions of the user's permissions and the proposal (the
 * list query applies the same rule in SQL):
 * - authors (proposal.update: the agencies' focal points) see and work on the proposals their
 *   organization takes part in (as a PUNO or the convener), drafts included; other agencies never
 *   see them;
 * - holders of proposal.read-submitted (the fund's offices and the Steering Committee) see every
 *   proposal once it has been submitted;
 * - donors see none (they do not even hold proposal.read).
 */
export interface ProposalAccessFacts {
  status: ProposalStatus;
  version: number;
  convenerOrgId: string;
  organizationIds: readonly string[];
}

/** True once a proposal has left its authors: not a draft, and not a draft that was withdrawn. */
export function hasBeenSubmitted(facts: Pick<ProposalAccessFacts, 'status' | 'version'>): boolean {
  if (facts.status === ProposalStatus.DRAFT) return false;
  return !(facts.status === ProposalStatus.WITHDRAWN && facts.version === 0);
}

/**
 * hasBeenSubmitted as an SQL condition on the proposals alias (lists, reports, the audit trail);
 * the statuses go in as parameters, from the one ProposalStatus.
 */
export function submittedProposalSql(alias: string, bind: BindParam): string {
  const draft = bind(ProposalStatus.DRAFT);
  const withdrawn = bind(ProposalStatus.WITHDRAWN);
  return `(${alias}.status <> ${draft} AND NOT (${alias}.status = ${withdrawn} AND ${alias}.version = 0))`;
}

/**
 * canViewProposal as an SQL condition on the proposals alias (lists, the audit trail): the
 * caller's organization convenes it or is a PUNO of it (focal points), or it has been submitted
 * (portfolio readers).
 */
export function visibleProposalsCondition(user: AuthUser, alias: string, bind: BindParam): string {
  const scopes: string[] = [];
  if (isAuthor(user) && user.organizationId) {
    const org = bind(user.organizationId);
    scopes.push(
      `(${alias}.convener_org_id = ${org} OR EXISTS (SELECT 1 FROM proposal_organizations vo WHERE vo.proposal_id = ${alias}.id AND vo.organization_id = ${org}))`,
    );
  }
  if (isPortfolioReader(user)) scopes.push(submittedProposalSql(alias, bind));
  return scopes.length ? `(${scopes.join(' OR ')})` : 'false';
}

/** Who writes proposals for their organization (the agencies' focal points). */
function isAuthor(user: AuthUser): boolean {
  return can(user, Permission.PROPOSAL_UPDATE);
}

/** An author of one of the proposal's PUNOs (or of its convener). */
export function isParticipantFocalPoint(user: AuthUser, facts: ProposalAccessFacts): boolean {
  if (!isAuthor(user) || !user.organizationId) return false;
  return facts.convenerOrgId === user.organizationId || facts.organizationIds.includes(user.organizationId);
}

export function isPortfolioReader(user: AuthUser): boolean {
  return can(user, Permission.PROPOSAL_READ_SUBMITTED);
}

export function canViewProposal(user: AuthUser, facts: ProposalAccessFacts): boolean {
  if (isParticipantFocalPoint(user, facts)) return true;
  return isPortfolioReader(user) && hasBeenSubmitted(facts);
}

/** Who may edit, submit and attach documents (the lifecycle decides when). */
export function canEditProposal(user: AuthUser, facts: ProposalAccessFacts): boolean {
  return isParticipantFocalPoint(user, facts);
}

/** Only the convening agency's authors withdraw. */
export function canWithdrawProposal(user: AuthUser, facts: ProposalAccessFacts): boolean {
  return (
    can(user, Permission.PROPOSAL_WITHDRAW) &&
    !!user.organizationId &&
    user.organizationId === facts.convenerOrgId
  );
}

/** Who may create a proposal: an author belonging to an organization (it must take part in it). */
export function canCreateProposal(user: AuthUser): boolean {
  return can(user, Permission.PROPOSAL_CREATE) && !!user.organizationCode;
}

/** What row-level checks need, from a record already loaded (saves reading the facts again). */
export function accessFactsOf(record: ProposalRecord): ProposalAccessFacts {
  return {
    status: record.proposal.status,
    version: record.proposal.version,
    convenerOrgId: record.proposal.convenerOrgId,
    organizationIds: record.participants.map((participant) => participant.id),
  };
}
