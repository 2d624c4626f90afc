import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthUser } from './auth-user';
import { DomainError } from '../common/domain-error';

export const IS_PUBLIC = 'plugboard:public';
export const OPTIONAL_AUTH = 'plugboard:optional-auth';
export const REQUIRED_PLATFORM_ROLE = 'plugboard:platform-role';

/** The route needs no authentication. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The route serves anonymous callers too, and sees the user when there is one. */
export const OptionalAuth = (): MethodDecorator & ClassDecorator => SetMetadata(OPTIONAL_AUTH, true);

/** Only platform admins may call the route. */
export const AdminOnly = (): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PLATFORM_ROLE, 'admin');

export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
  if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in or send a bearer token');
  return user;
});

export const OptionalUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | null =>
    ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user ?? null,
);
