import { ALL_ROLES, hasPermission, Permission, Role } from '@mptf/identity';
import { USER_BY_ROLE } from '../../support/routes';

/** The demo user whose role grants the permission and who passes the row-level checks most often. */
const PREFERENCE = [
  Role.AGENCY_FOCAL_POINT,
  Role.AA_OFFICER,
  Role.FMU_OFFICER,
  Role.SC_CHAIR,
  Role.SC_MEMBER,
  Role.ADMIN,
  Role.DONOR_VIEWER,
];

export function userFor(permission: Permission | undefined): string {
  if (!permission) return USER_BY_ROLE[Role.ADMIN];
  const role = PREFERENCE.find((candidate) => hasPermission([candidate], permission)) ?? ALL_ROLES[0];
  return USER_BY_ROLE[role];
}
