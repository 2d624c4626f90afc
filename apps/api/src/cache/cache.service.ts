import { Inject, Injectable } from '@nestjs/common';
import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';

/** The one door to the cache store (in-process, or Redis when REDIS_URL is set). */
@Injectable()
export class CacheService {
  constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {}

  get<T>(key: string): Promise<T | undefined> {
    return this.cache.get<T>(key);
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    await this.cache.set(key, value, ttlSeconds * 1000);
  }

  async del(key: string): Promise<void> {
    await this.cache.del(key);
  }

  /** True when the store answers a write and a read. */
  async ping(): Promise<boolean> {
    try {
      const key = `plugboard:ping:${process.pid}`;
      await this.cache.set(key, 1, 5_000);
      return (await this.cache.get<number>(key)) === 1;
    } catch {
      return false;
    }
  }
}
