/** CachingPlugin hooks: answer repeated tool calls from the cache, per (server, tool, arguments, user). */
import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { CONTINUE, type HookContext, type HookResult, type PluginIdentity, type ToolPayload } from '@plugboard/plugin-sdk';
import type { CachedToolResult, CachingStore } from './caching.store';

export interface CachingConfig {
  /** Seconds a result stays cached; 0 disables caching. */
  cache_ttl: number;
}

export const CACHING_DEFAULT_CONFIG: Readonly<CachingConfig> = Object.freeze({ cache_ttl: 300 });

/** `context.state` keys; the identity one is what AuthenticationPlugin sets. */
export const CACHING_KEY_STATE = 'caching.key';
export const CACHING_HIT_STATE = 'caching.hit';
const IDENTITY_STATE_KEY = 'identity';

/** JSON with object keys sorted at every level, so equal arguments give equal keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  }
  return `{${parts.join(',')}}`;
}

export function cacheKey(serverId: string, toolName: string, args: unknown, userId: string): string {
  const hash = createHash('sha256');
  // JSON array framing: no two different tuples serialise to the same text.
  hash.update(JSON.stringify([serverId, toolName, userId]));
  hash.update(canonicalJson(args));
  return `plugboard:tool-result:${hash.digest('hex')}`;
}

function callerOf(context: HookContext<unknown>): PluginIdentity | null {
  const vouched = context.state.get(IDENTITY_STATE_KEY) as PluginIdentity | undefined;
  return vouched ?? context.identity;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null)?.then === 'function';
}

export interface CachingHooks {
  tool_pre_invoke(payload: ToolPayload, context: HookContext<Partial<CachingConfig>>): HookResult<ToolPayload> | Promise<HookResult<ToolPayload>>;
  tool_post_invoke(payload: ToolPayload, context: HookContext<Partial<CachingConfig>>): HookResult<ToolPayload> | Promise<HookResult<ToolPayload>>;
}

/**
 * The hooks over a given store. A store failure is a cache miss, never a failed call: the cache is
 * an optimisation, not a control.
 */
export function createCachingHooks(store: CachingStore, logger: Pick<Logger, 'warn'> = new Logger('CachingPlugin')): CachingHooks {
  const onHit = (entry: CachedToolResult | undefined, context: HookContext<unknown>): HookResult<ToolPayload> => {
    if (!entry) return CONTINUE;
    context.state.set(CACHING_HIT_STATE, true);
    return { continueProcessing: true, shortCircuitResult: entry.value };
  };
  const onStoreError = (error: unknown): HookResult<ToolPayload> => {
    logger.warn(`cache read failed: ${error instanceof Error ? error.message : String(error)}`);
    return CONTINUE;
  };

  return {
    tool_pre_invoke(payload, context) {
      const ttl = context.config.cache_ttl ?? CACHING_DEFAULT_CONFIG.cache_ttl;
      const caller = callerOf(context);
      // Anonymous calls are never cached: one user's result must not answer another's call.
      if (ttl <= 0 || !caller) return CONTINUE;
      const key = cacheKey(payload.server.id, payload.tool.name, payload.arguments, caller.userId);
      context.state.set(CACHING_KEY_STATE, key);
      try {
        const entry = store.get(key);
        return isPromise(entry) ? entry.then((hit) => onHit(hit, context), onStoreError) : onHit(entry, context);
      } catch (error) {
        return onStoreError(error);
      }
    },

    tool_post_invoke(payload, context) {
      const key = context.state.get(CACHING_KEY_STATE);
      if (typeof key !== 'string' || context.state.get(CACHING_HIT_STATE) === true) return CONTINUE;
      const ttl = context.config.cache_ttl ?? CACHING_DEFAULT_CONFIG.cache_ttl;
      const logFailure = (error: unknown): void =>
        logger.warn(`cache write failed: ${error instanceof Error ? error.message : String(error)}`);
      try {
        const written = store.set(key, { value: payload.result }, ttl);
        // Off the request path: the call does not wait for the write.
        if (isPromise(written)) written.catch(logFailure);
      } catch (error) {
        logFailure(error);
      }
      return CONTINUE;
    },
  };
}
