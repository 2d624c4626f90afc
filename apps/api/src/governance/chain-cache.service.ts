import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { ResolvedChain } from '@plugboard/governance';
import { CacheService } from '../cache/cache.service';

/** What a chain is built from; each scope has a generation token that every write renews. */
export type ChainScope = 'registry' | `team:${string}` | `user:${string}` | `server:${string}`;

const L1_LIMIT = 50_000;
const GENERATION_TTL_SECONDS = 30 * 86_400;

/**
 * Chains are cached under a key made of the generation tokens of everything they were built
 * from (registry, server's team, owner, server), as APISIX keys merged configs by modification
 * index: a committed write renews the tokens of the scopes it touched, so no later lookup can
 * reach a chain built before it. A server's newer entry retires its older one (which no lookup
 * can reach any more), so neither tier holds more than one chain per server.
 *
 * Two tiers: an in-process map (the hot path, no I/O) and the cache-manager store (shared
 * between instances when REDIS_URL is set), which also holds the tokens so instances agree.
 */
@Injectable()
export class ChainCacheService {
  private readonly tokens = new Map<ChainScope, string>();
  private readonly l1 = new Map<string, ResolvedChain>();
  /** The key each server's chain was last cached under. */
  private readonly latest = new Map<string, string>();
  private registryCounter = 0;
  private readonly renewListeners: ((scope: ChainScope, token: string) => void)[] = [];
  hits = 0;
  misses = 0;

  constructor(private readonly store: CacheService) {}

  /** A number that changes whenever the registry does (for the in-memory registry copy). */
  registryGeneration(): number {
    return this.registryCounter;
  }

  async token(scope: ChainScope): Promise<string> {
    const local = this.tokens.get(scope);
    if (local !== undefined) return local;
    const shared = (await this.store.get<string>(`gen:${scope}`)) ?? '0';
    this.tokens.set(scope, shared);
    return shared;
  }

  async key(serverId: string, teamId: string | null, ownerId: string): Promise<string> {
    const [r, t, u, s] = await Promise.all([
      this.token('registry'),
      teamId ? this.token(`team:${teamId}`) : '-',
      this.token(`user:${ownerId}`),
      this.token(`server:${serverId}`),
    ]);
    return `chain:${serverId}:${r}:${t}:${u}:${s}`;
  }

  /** Whether this instance holds a chain of the server (under any key): a chain readers ask for. */
  holds(serverId: string): boolean {
    return this.latest.has(serverId);
  }

  /** Whether the chain under this key is in L1; no hit or miss is counted (not a read). */
  hasLocal(key: string): boolean {
    return this.l1.has(key);
  }

  async get(key: string): Promise<ResolvedChain | undefined> {
    const local = this.l1.get(key);
    if (local) {
      this.hits++;
      return local;
    }
    const shared = await this.store.get<ResolvedChain>(key);
    if (shared) {
      this.hits++;
      const retired = this.remember(key, shared);
      if (retired) void this.store.del(retired).catch(() => undefined);
      return shared;
    }
    this.misses++;
    return undefined;
  }

  async set(key: string, chain: ResolvedChain, ttlSeconds: number): Promise<void> {
    const retired = this.remember(key, chain);
    // L1 answers for the key from now on, so the miss does not wait for the shared store (a
    // Redis round trip plus serialising the chain: 0.2-0.7 ms, measured by tools/bench). The
    // retired key is deleted there too: the in-process store never sweeps expired entries, so
    // it would hold that chain for the life of the process.
    void Promise.all([ttlSeconds > 0 ? this.store.set(key, chain, ttlSeconds) : undefined, retired ? this.store.del(retired) : undefined]).catch(
      () => undefined,
    );
  }

  /** After a commit: new tokens for the scopes the write touched, told to other instances. */
  async renew(scopes: readonly ChainScope[]): Promise<void> {
    const fresh = randomBytes(6).toString('base64url');
    for (const scope of new Set(scopes)) {
      this.apply(scope, fresh);
      await this.store.set(`gen:${scope}`, fresh, GENERATION_TTL_SECONDS);
      for (const listener of this.renewListeners) listener(scope, fresh);
    }
  }

  onRenew(listener: (scope: ChainScope, token: string) => void): void {
    this.renewListeners.push(listener);
  }

  /** A token learnt from another instance (or from this one's own write). */
  apply(scope: ChainScope, token: string): void {
    this.tokens.set(scope, token);
    if (scope === 'registry') this.registryCounter++;
  }

  /** Caches in L1; answers the server's previous key, now unreachable, if there was one. */
  private remember(key: string, chain: ResolvedChain): string | null {
    const serverId = key.slice('chain:'.length, key.indexOf(':', 'chain:'.length));
    const previous = this.latest.get(serverId);
    const retired = previous !== undefined && previous !== key ? previous : null;
    if (retired) this.l1.delete(retired);
    if (this.latest.size >= L1_LIMIT * 2) this.latest.clear();
    this.latest.set(serverId, key);
    if (this.l1.size >= L1_LIMIT) {
      // More servers than the limit: drop the oldest tenth.
      let n = L1_LIMIT / 10;
      for (const k of this.l1.keys()) {
        this.l1.delete(k);
        if (--n <= 0) break;
      }
    }
    this.l1.set(key, chain);
    return retired;
  }
}
