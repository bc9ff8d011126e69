import { ALL_ROLES, hasPermission, Permission, Role } from '@mptf/identity';

/** One demo user per role (api.md's demo users). */
export const USER_BY_ROLE: Record<Role, string> = {
  [Role.ADMIN]: 'admin@mptf.test',
  [Role.FMU_OFFICER]: 'fmu@mptf.test',
  [Role.AA_OFFICER]: 'aa@mptf.test',
  [Role.SC_CHAIR]: 'chair@mptf.test',
  [Role.SC_MEMBER]: 'sc.undp@mptf.test',
  [Role.AGENCY_FOCAL_POINT]: 'iom.focal@mptf.test',
  [Role.DONOR_VIEWER]: 'donor.deu@mptf.test',
};

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
