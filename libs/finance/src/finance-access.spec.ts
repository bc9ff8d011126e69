import type { AuthUser } from '@mptf/identity';
import { OrganizationType, Permission, Role, ROLE_PERMISSIONS } from '@mptf/identity';
import { seesContributionReference } from './finance-access';

const user = (roles: Role[], organizationCode: string | null): AuthUser => ({
  id: 'u',
  email: 'u@example.org',
  name: 'U',
  roles,
  organizationId: organizationCode ? 'org' : null,
  organizationCode,
  organizationType: organizationCode ? OrganizationType.MEMBER_STATE : null,
});

describe('seesContributionReference (by the permission table, not by role names)', () => {
  it('shows every reference to the roles granted contribution.read-references', () => {
    const readers = Object.values(Role).filter((role) =>
      ROLE_PERMISSIONS[role].includes(Permission.CONTRIBUTION_READ_REFERENCES),
    );
    expect(readers.sort()).toEqual([Role.AA_OFFICER, Role.ADMIN, Role.FMU_OFFICER].sort());
    for (const role of readers) expect(seesContributionReference(user([role], null), 'DEU')).toBe(true);
  });

  it('shows a donor its own reference only', () => {
    const germany = user([Role.DONOR_VIEWER], 'DEU');
    expect(seesContributionReference(germany, 'DEU')).toBe(true);
    expect(seesContributionReference(germany, 'NLD')).toBe(false);
  });

  it('every holder of contribution.read but the donor sees them all', () => {
    const holders = Object.values(Role).filter((role) =>
      ROLE_PERMISSIONS[role].includes(Permission.CONTRIBUTION_READ),
    );
    for (const role of holders.filter((role) => role !== Role.DONOR_VIEWER))
      expect(ROLE_PERMISSIONS[role]).toContain(Permission.CONTRIBUTION_READ_REFERENCES);
  });
});
