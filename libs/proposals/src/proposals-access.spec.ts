import type { AuthUser } from '@mptf/identity';
import { OrganizationType, Permission, Role, ROLE_PERMISSIONS } from '@mptf/identity';
import { ProposalStatus as S } from './lifecycle';
import {
  canEditProposal,
  canViewProposal,
  canWithdrawProposal,
  hasBeenSubmitted,
  isPortfolioReader,
  ProposalAccessFacts,
  submittedProposalSql,
} from './proposals-access';
import { positionalParams } from '@mptf/platform';

const user = (roles: Role[], organizationId: string | null): AuthUser => ({
  id: `user-${roles.join()}-${organizationId}`,
  email: 'someone@mptf.test',
  name: 'Someone',
  roles,
  organizationId,
  organizationCode: organizationId?.toUpperCase() ?? null,
  organizationType: OrganizationType.UN_ENTITY,
});

const iomFocal = user([Role.AGENCY_FOCAL_POINT], 'iom');
const unicefFocal = user([Role.AGENCY_FOCAL_POINT], 'unicef');
const undpFocal = user([Role.AGENCY_FOCAL_POINT], 'undp');
const scUndp = user([Role.SC_MEMBER], 'undp');
const fmu = user([Role.FMU_OFFICER], 'fmu');
const donor = user([Role.DONOR_VIEWER], 'deu');

const proposal = (status: S, version = status === S.DRAFT ? 0 : 1): ProposalAccessFacts => ({
  status,
  version,
  convenerOrgId: 'iom',
  organizationIds: ['iom', 'unicef'],
});

describe('proposal visibility', () => {
  it("lets the PUNOs' focal points see their drafts and nobody else", () => {
    const draft = proposal(S.DRAFT);
    expect(canViewProposal(iomFocal, draft)).toBe(true);
    expect(canViewProposal(unicefFocal, draft)).toBe(true);
    for (const other of [undpFocal, scUndp, fmu, donor, user([Role.ADMIN], null)]) {
      expect(canViewProposal(other, draft)).toBe(false);
    }
  });

  it('shows submitted proposals to the fund offices and the SC, never to other agencies or donors', () => {
    for (const status of [S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.INELIGIBLE, S.APPROVED, S.ACTIVE]) {
      const submitted = proposal(status);
      for (const reader of [
        fmu,
        scUndp,
        user([Role.SC_CHAIR], 'unnm'),
        user([Role.AA_OFFICER], 'mptfo'),
        user([Role.ADMIN], null),
      ])
        expect(canViewProposal(reader, submitted)).toBe(true);
      expect(canViewProposal(undpFocal, submitted)).toBe(false);
      expect(canViewProposal(donor, submitted)).toBe(false);
    }
  });

  it('keeps a draft withdrawn before any submission private; a withdrawn submission is visible', () => {
    expect(hasBeenSubmitted(proposal(S.WITHDRAWN, 0))).toBe(false);
    expect(canViewProposal(fmu, proposal(S.WITHDRAWN, 0))).toBe(false);
    expect(canViewProposal(fmu, proposal(S.WITHDRAWN, 2))).toBe(true);
    expect(canViewProposal(iomFocal, proposal(S.WITHDRAWN, 0))).toBe(true);
  });

  it('lets the convener take part even when it is not listed among the PUNOs', () => {
    const facts = { ...proposal(S.DRAFT), organizationIds: ['unicef'] };
    expect(canViewProposal(iomFocal, facts)).toBe(true);
    expect(canEditProposal(iomFocal, facts)).toBe(true);
  });

  it('lets PUNO focal points edit, only the convener withdraw', () => {
    const facts = proposal(S.SUBMITTED);
    expect(canEditProposal(iomFocal, facts)).toBe(true);
    expect(canEditProposal(unicefFocal, facts)).toBe(true);
    expect(canEditProposal(undpFocal, facts)).toBe(false);
    expect(canEditProposal(fmu, facts)).toBe(false);
    expect(canWithdrawProposal(iomFocal, facts)).toBe(true);
    expect(canWithdrawProposal(unicefFocal, facts)).toBe(false);
    expect(canWithdrawProposal(user([Role.SC_MEMBER], 'iom'), facts)).toBe(false);
  });

  it('gives a focal point without an organization nothing', () => {
    expect(canViewProposal(user([Role.AGENCY_FOCAL_POINT], null), proposal(S.DRAFT))).toBe(false);
  });
});

describe('proposal access follows the permission table, not role names', () => {
  it.each(Object.values(Role))('for %s', (role) => {
    const member = user([role], 'iom');
    const granted = (permission: Permission) => ROLE_PERMISSIONS[role].includes(permission);
    const submitted = proposal(S.SUBMITTED);
    expect(isPortfolioReader(member)).toBe(granted(Permission.PROPOSAL_READ_SUBMITTED));
    expect(canEditProposal(member, submitted)).toBe(granted(Permission.PROPOSAL_UPDATE));
    expect(canWithdrawProposal(member, submitted)).toBe(granted(Permission.PROPOSAL_WITHDRAW));
    expect(canViewProposal(member, proposal(S.DRAFT))).toBe(granted(Permission.PROPOSAL_UPDATE));
  });
});

describe('submittedProposalSql', () => {
  it('binds the statuses as parameters from ProposalStatus instead of retyping them in the SQL', () => {
    const params: unknown[] = [];
    const sql = submittedProposalSql('p', positionalParams(params));
    expect(sql).toBe('(p.status <> $1 AND NOT (p.status = $2 AND p.version = 0))');
    expect(params).toEqual([S.DRAFT, S.WITHDRAWN]);
    expect(sql).not.toMatch(/'/);
  });
});
