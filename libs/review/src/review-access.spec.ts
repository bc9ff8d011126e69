import type { AuthUser } from '@mptf/identity';
import { OrganizationType, Permission, Role, ROLE_PERMISSIONS } from '@mptf/identity';
import {
  DecisionCapacity,
  decisionAuthority,
  isCommitteeMember,
  recordsDecisions,
  seesAllReviews,
} from './review-access';

const userWith = (role: Role): AuthUser => ({
  id: `user-${role}`,
  email: `${role}@mptf.test`,
  name: role,
  roles: [role],
  organizationId: 'org-network',
  organizationCode: 'NETWORK',
  organizationType: OrganizationType.UN_ENTITY,
});
const grants = (role: Role, permission: Permission) => ROLE_PERMISSIONS[role].includes(permission);
const notRecused = { convenerOrgId: 'org-iom', organizationIds: ['org-iom'], conflictUserIds: [] };

describe('review access follows the permission table, not role names', () => {
  it.each(Object.values(Role))('for %s', (role) => {
    const user = userWith(role);
    expect(seesAllReviews(user)).toBe(grants(role, Permission.REVIEW_READ_ALL));
    expect(isCommitteeMember(user)).toBe(grants(role, Permission.REVIEW_CREATE));
    expect(recordsDecisions(user)).toBe(grants(role, Permission.DECISION_RECORD));
    // With every chair recused (none listed), the capacity comes from decision.chair alone.
    const expected = !grants(role, Permission.DECISION_RECORD)
      ? null
      : grants(role, Permission.DECISION_CHAIR)
        ? DecisionCapacity.CHAIR
        : DecisionCapacity.ACTING_CHAIR;
    expect(decisionAuthority(user, notRecused, []).capacity).toBe(expected);
  });
});
