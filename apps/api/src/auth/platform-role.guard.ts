import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/domain-error';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, REQUIRED_PLATFORM_ROLE } from './auth.decorators';
import { PermissionDecisions } from '../signals/signals.module';

export const VIEWER_ALLOWED = 'plugboard:viewer-allowed';

/** Viewers may use only the routes marked for them (their identity, the catalog). */
export const ViewerAllowed = (): MethodDecorator & ClassDecorator => SetMetadata(VIEWER_ALLOWED, true);

/** Platform-role rules: admin-only routes, and viewers kept to what they may read. */
@Injectable()
export class PlatformRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly permissions: PermissionDecisions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user) return true; // public or optional routes; the authentication guard ran first
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<string>(REQUIRED_PLATFORM_ROLE, targets);
    // Grant-only: an is_platform_admin hook may let a non-admin through, never stop an admin.
    if (required === 'admin' && !(await this.permissions.isPlatformAdmin(user))) {
      throw new DomainError('FORBIDDEN', 'This needs the platform admin role');
    }
    if (user.platformRole === 'viewer' && !this.reflector.getAllAndOverride<boolean>(VIEWER_ALLOWED, targets)) {
      throw new DomainError('FORBIDDEN', 'Viewers may only read the plugin catalog');
    }
    return true;
  }
}
