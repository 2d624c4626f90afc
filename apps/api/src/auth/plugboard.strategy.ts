import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { ApiTokenEntity } from '../users/api-token.entity';
import type { AuthUser } from './auth-user';
import { API_TOKEN_PREFIX, hashApiToken, readCredential } from './credentials';
import { RequestStrategy } from './request.strategy';

interface SessionClaims {
  sub: string;
  typ: 'session';
}

function toAuthUser(user: UserEntity, via: AuthUser['via'], scopes: string[]): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    platformRole: user.platformRole,
    pluginCustomizationAllowed: user.pluginCustomizationAllowed,
    via,
    scopes,
  };
}

/** Authenticates a request by session cookie, bearer JWT or personal API token. */
@Injectable()
export class PlugboardStrategy extends PassportStrategy(RequestStrategy, 'plugboard') {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
  ) {
    super();
  }

  async validate(req: Request): Promise<AuthUser | null> {
    const credential = readCredential(req);
    if (!credential) return null;
    if (credential.value.startsWith(API_TOKEN_PREFIX)) {
      if (credential.from !== 'header') return null;
      return this.fromApiToken(credential.value);
    }
    let claims: SessionClaims;
    try {
      claims = await this.jwt.verifyAsync<SessionClaims>(credential.value);
    } catch {
      return null;
    }
    if (claims.typ !== 'session' || typeof claims.sub !== 'string') return null;
    const user = await this.users.findOneBy({ id: claims.sub });
    return user ? toAuthUser(user, credential.from === 'cookie' ? 'session' : 'jwt', ['*']) : null;
  }

  private async fromApiToken(token: string): Promise<AuthUser | null> {
    const now = new Date();
    const row = await this.tokens.findOne({
      where: [
        { tokenHash: hashApiToken(token), expiresAt: IsNull() },
        { tokenHash: hashApiToken(token), expiresAt: MoreThan(now) },
      ],
      relations: { user: true },
    });
    if (!row?.user) return null;
    // Last use is informative: a minute's precision keeps token traffic from writing every call.
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
      await this.tokens.update({ id: row.id }, { lastUsedAt: now });
    }
    return toAuthUser(row.user, 'api-token', row.scopes);
  }
}
