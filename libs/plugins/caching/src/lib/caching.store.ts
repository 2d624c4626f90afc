/** Where CachingPlugin keeps results: an injectable store, with a bounded in-memory LRU default. */

export type MaybePromise<T> = T | Promise<T>;

/** A cached tool result; wrapped so that a cached `undefined`/`null` result is still a hit. */
export interface CachedToolResult {
  value: unknown;
}

/**
 * The store the caching hooks use. The runtime provides one backed by the shared cache-manager
 * (Redis when `REDIS_URL` is set); sync or async implementations both work.
 */
export interface CachingStore {
  get(key: string): MaybePromise<CachedToolResult | undefined>;
  set(key: string, entry: CachedToolResult, ttlSeconds: number): MaybePromise<void>;
}

export interface MemoryCachingStoreOptions {
  maxEntries?: number;
  now?: () => number;
}

/** Least-recently-used, bounded, with per-entry expiry. Per process: fine for one instance. */
export class MemoryCachingStore implements CachingStore {
  private readonly entries = new Map<string, { entry: CachedToolResult; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryCachingStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedToolResult | undefined {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    this.entries.delete(key);
    if (slot.expiresAt <= this.now()) return undefined;
    // Re-insert: Map order is the recency order.
    this.entries.set(key, slot);
    return slot.entry;
  }

  set(key: string, entry: CachedToolResult, ttlSeconds: number): void {
    this.entries.delete(key);
    if (ttlSeconds <= 0) return;
    this.entries.set(key, { entry, expiresAt: this.now() + ttlSeconds * 1000 });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
