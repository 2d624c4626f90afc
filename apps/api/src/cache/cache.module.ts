import { Global, Module } from '@nestjs/common';
import { CacheModule as NestCacheModule } from '@nestjs/cache-manager';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import { SETTINGS, type Settings } from '../config/settings';
import { CacheService } from './cache.service';

@Global()
@Module({
  imports: [
    NestCacheModule.registerAsync({
      inject: [SETTINGS],
      useFactory: (settings: Settings) => ({
        ttl: settings.pluginCacheTtlSeconds * 1000,
        stores: settings.redisUrl
          ? [new Keyv({ store: new KeyvRedis(settings.redisUrl), namespace: 'plugboard' })]
          : undefined,
      }),
    }),
  ],
  providers: [CacheService],
  exports: [CacheService],
})
export class CacheModule {}
