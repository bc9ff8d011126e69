import { hasPermission, Permission } from '../permissions';
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

/** Whether the permission table grants the user this permission through any of their roles. */
export function can(user: Pick<AuthUser, 'roles'>, permission: Permission): boolean {
  return hasPermission(user.roles, permission);
}
