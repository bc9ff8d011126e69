import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode, ForbiddenError } from '@mptf/platform';
import { hasPermission, Permission } from '../permissions';
import { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { IS_PUBLIC, REQUIRED_PERMISSION } from './decorators';

/**
 * The global guard: deny by default. A route passes only if it is @Public(), or the caller holds a
 * valid token and one of their roles grants the route's declared permission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'A bearer token is required');
    }
    const user = await this.auth.authenticate(token);
    request.user = user;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no permission`,
      );
      throw new ForbiddenError('This route declares no permission and is closed');
    }
    if (!hasPermission(user.roles, permission)) {
      throw new ForbiddenError(`Your roles do not grant ${permission}`);
    }
    return true;
  }
}
