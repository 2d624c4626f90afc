import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../common/domain-error';
import { IS_PUBLIC, OPTIONAL_AUTH } from './auth.decorators';

/** Deny by default: every route needs a caller unless marked @Public() or @OptionalAuth(). */
@Injectable()
export class AuthenticationGuard extends AuthGuard('plugboard') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const optional = this.reflector.getAllAndOverride<boolean>(OPTIONAL_AUTH, targets);
    try {
      return (await super.canActivate(context)) as boolean;
    } catch (error) {
      if (optional) return true;
      throw error;
    }
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false): TUser {
    if (err) throw err;
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Sign in or send a bearer token');
    return user;
  }
}
