import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Permission } from '../permissions';
import { AuthUser } from './auth-user';

export const IS_PUBLIC = 'mptf:public';
export const REQUIRED_PERMISSION = 'mptf:permission';

/** The only way out of authentication. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The permission a route needs; a route without one (and not @Public) is refused. */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
