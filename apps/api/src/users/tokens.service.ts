import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ApiTokenSummary, CreatedApiToken } from '@plugboard/shared-contracts';
import { DomainError, notFound } from '../common/domain-error';
import type { AuthUser } from '../auth/auth-user';
import { newApiToken } from '../auth/credentials';
import { ApiTokenEntity } from './api-token.entity';
import { CreateTokenDto } from './dto/token.dto';

const MAX_TOKENS_PER_USER = 50;

function toSummary(row: ApiTokenEntity): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** Personal API tokens: stored hashed, shown once, revocable. */
@Injectable()
export class TokensService {
  constructor(@InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>) {}

  async list(caller: AuthUser): Promise<ApiTokenSummary[]> {
    const rows = await this.tokens.find({ where: { userId: caller.id }, order: { createdAt: 'DESC' } });
    return rows.map(toSummary);
  }

  async create(caller: AuthUser, dto: CreateTokenDto): Promise<CreatedApiToken> {
    if (caller.via === 'api-token') {
      throw new DomainError('FORBIDDEN', 'API tokens cannot mint further tokens; sign in instead');
    }
    if ((await this.tokens.countBy({ userId: caller.id })) >= MAX_TOKENS_PER_USER) {
      throw new DomainError('CONFLICT', `A user may hold at most ${MAX_TOKENS_PER_USER} tokens`);
    }
    const { token, prefix, hash } = newApiToken();
    const expiresAt = dto.expiresInDays ? new Date(Date.now() + dto.expiresInDays * 86_400_000) : null;
    const row = await this.tokens.save(
      this.tokens.create({ userId: caller.id, name: dto.name, prefix, tokenHash: hash, scopes: ['*'], expiresAt, lastUsedAt: null }),
    );
    return { ...toSummary(row), token };
  }

  async revoke(caller: AuthUser, id: string): Promise<void> {
    const result = await this.tokens.delete({ id, userId: caller.id });
    if (!result.affected) throw notFound('Token');
  }
}
