import { OrganizationType, Role } from '../roles';

/** The signed-in user as services see it (loaded fresh on every request). */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  organizationId: string | null;
  organizationCode: string | null;
  organizationType: OrganizationType | null;
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
