import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from '@redis/client';
import { SETTINGS, type Settings } from '../config/settings';
import { ChainCacheService, type ChainScope } from './chain-cache.service';

const CHANNEL = 'plugboard:chain-tokens';

interface TokenMessage {
  origin: string;
  scope: ChainScope;
  token: string;
}

/**
 * Carries renewed chain generation tokens to every instance over Redis pub/sub, so an instance
 * stops serving a chain another instance's write made stale within moments (SPEC 10: < 1 s).
 * Without REDIS_URL there is one instance and nothing to carry.
 */
@Injectable()
export class ChainInvalidationBus implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ChainInvalidation');
  private readonly origin = randomUUID();
  private publisher: RedisClientType | null = null;
  private subscriber: RedisClientType | null = null;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly cache: ChainCacheService,
  ) {}

  async onModuleInit(): Promise<void> {
    const url = this.settings.redisUrl;
    if (!url) return;
    this.publisher = createClient({ url });
    this.subscriber = this.publisher.duplicate();
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: unknown) => this.logger.warn(`Redis: ${error instanceof Error ? error.message : String(error)}`));
    }
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    await this.subscriber.subscribe(CHANNEL, (raw) => this.receive(raw));
    this.cache.onRenew((scope, token) => this.publish({ origin: this.origin, scope, token }));
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.subscriber?.quit().catch(() => undefined), this.publisher?.quit().catch(() => undefined)]);
  }

  private publish(message: TokenMessage): void {
    this.publisher?.publish(CHANNEL, JSON.stringify(message)).catch((error: unknown) => {
      this.logger.warn(`Could not publish a chain invalidation: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private receive(raw: string): void {
    try {
      const message = JSON.parse(raw) as TokenMessage;
      if (message.origin !== this.origin && typeof message.scope === 'string' && typeof message.token === 'string') {
        this.cache.apply(message.scope, message.token);
      }
    } catch {
      this.logger.warn('Ignored a malformed chain invalidation message');
    }
  }
}
