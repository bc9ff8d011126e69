import { Permission, ROLE_PERMISSIONS } from '../permissions';
import { Role } from '../roles';
import { AuthUser, can } from './auth-user';

const userWith = (...roles: Role[]): AuthUser => ({
  id: 'u',
  email: 'u@mptf.test',
  name: 'U',
  roles,
  organizationId: null,
  organizationCode: null,
  organizationType: null,
});

describe('can(user, permission)', () => {
  it('answers from the permission table for every role and permission', () => {
    for (const role of Object.values(Role))
      for (const permission of Object.values(Permission))
        expect([role, permission, can(userWith(role), permission)]).toEqual([
          role,
          permission,
          ROLE_PERMISSIONS[role].includes(permission),
        ]);
  });

  it('grants what any of several roles grants, and nothing to a user without roles', () => {
    const both = userWith(Role.DONOR_VIEWER, Role.FMU_OFFICER);
    expect(can(both, Permission.PROPOSAL_SCREEN)).toBe(true);
    expect(can(userWith(Role.DONOR_VIEWER), Permission.PROPOSAL_SCREEN)).toBe(false);
    expect(can(userWith(), Permission.PROFILE_READ)).toBe(false);
  });
});
