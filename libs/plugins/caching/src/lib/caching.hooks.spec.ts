import Ajv from 'ajv';
import { pluginManifestOf, type HookResult, type ToolPayload } from '@plugboard/plugin-sdk';
import { cacheKey, canonicalJson, createCachingHooks, type CachingConfig } from './caching.hooks';
import { CACHING_CONFIG_SCHEMA, CachingPluginModule } from './caching.plugin';
import { MemoryCachingStore, type CachingStore } from './caching.store';
import { newHookContext, newIdentity, newToolPayload } from './test-factories';

const silent = { warn: jest.fn() };

/** One call through the hooks, as the runtime runs it: pre, then target unless short-circuited, then post. */
async function call(hooks: ReturnType<typeof createCachingHooks>, payload: ToolPayload, config: Partial<CachingConfig>, userId: string | null, target: jest.Mock) {
  const ctx = newHookContext(config, { identity: userId === null ? null : newIdentity({ userId }) });
  const pre: HookResult<ToolPayload> = await hooks.tool_pre_invoke(payload, ctx);
  const result: unknown = 'shortCircuitResult' in pre ? pre.shortCircuitResult : target(payload.arguments);
  await hooks.tool_post_invoke({ ...payload, result }, ctx);
  return result;
}

describe('CachingPlugin hooks', () => {
  const payload = newToolPayload({ arguments: { q: 'x', opts: { a: 1, b: 2 } } });

  it('answers a repeated call from the cache, skipping the target', async () => {
    const hooks = createCachingHooks(new MemoryCachingStore(), silent);
    const target = jest.fn().mockReturnValueOnce({ n: 1 }).mockReturnValueOnce({ n: 2 });
    expect(await call(hooks, payload, {}, 'u1', target)).toEqual({ n: 1 });
    const reordered = newToolPayload({ arguments: { opts: { b: 2, a: 1 }, q: 'x' } });
    expect(await call(hooks, reordered, {}, 'u1', target)).toEqual({ n: 1 });
    expect(target).toHaveBeenCalledTimes(1);
  });

  it('keys per user, server, tool and arguments', async () => {
    const hooks = createCachingHooks(new MemoryCachingStore(), silent);
    const target = jest.fn((args: unknown) => ({ args, at: Math.random() }));
    await call(hooks, payload, {}, 'u1', target);
    await call(hooks, payload, {}, 'u2', target);
    await call(hooks, { ...payload, server: { id: 'srv-2', name: 'b' } }, {}, 'u1', target);
    await call(hooks, { ...payload, tool: { name: 'other', resource: null } }, {}, 'u1', target);
    await call(hooks, { ...payload, arguments: { q: 'y' } }, {}, 'u1', target);
    expect(target).toHaveBeenCalledTimes(5);
  });

  it('caches null results too', async () => {
    const hooks = createCachingHooks(new MemoryCachingStore(), silent);
    const target = jest.fn().mockReturnValue(null);
    await call(hooks, payload, {}, 'u1', target);
    const ctx = newHookContext({}, { identity: newIdentity({ userId: 'u1' }) });
    expect(await hooks.tool_pre_invoke(payload, ctx)).toEqual({ continueProcessing: true, shortCircuitResult: null });
  });

  it('never caches anonymous calls, nor with cache_ttl 0', async () => {
    const hooks = createCachingHooks(new MemoryCachingStore(), silent);
    const target = jest.fn().mockReturnValue(1);
    await call(hooks, payload, {}, null, target);
    await call(hooks, payload, {}, null, target);
    await call(hooks, payload, { cache_ttl: 0 }, 'u1', target);
    await call(hooks, payload, { cache_ttl: 0 }, 'u1', target);
    expect(target).toHaveBeenCalledTimes(4);
  });

  it('prefers the identity AuthenticationPlugin put in the state', async () => {
    const hooks = createCachingHooks(new MemoryCachingStore(), silent);
    const ctx = newHookContext({}, { identity: null });
    ctx.state.set('identity', newIdentity({ userId: 'u9' }));
    await hooks.tool_pre_invoke(payload, ctx);
    expect(ctx.state.get('caching.key')).toBe(cacheKey('srv-1', 'search', payload.arguments, 'u9'));
  });

  it('passes the ttl to the store and treats store failures as misses', async () => {
    const store: CachingStore = { get: jest.fn().mockRejectedValue(new Error('down')), set: jest.fn().mockRejectedValue(new Error('down')) };
    const warn = jest.fn();
    const hooks = createCachingHooks(store, { warn });
    const target = jest.fn().mockReturnValue('r');
    expect(await call(hooks, payload, { cache_ttl: 42 }, 'u1', target)).toBe('r');
    expect(store.set).toHaveBeenCalledWith(expect.stringMatching(/^plugboard:tool-result:[0-9a-f]{64}$/), { value: 'r' }, 42);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('builds canonical JSON independent of key order', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 'x' }], a: null, u: undefined })).toBe('{"a":null,"b":[1,{"c":"x","d":1}]}');
    expect(cacheKey('s', 't', { a: 1, b: 2 }, 'u')).toBe(cacheKey('s', 't', { b: 2, a: 1 }, 'u'));
    expect(cacheKey('s', 't', {}, 'u')).not.toBe(cacheKey('s', 't', {}, 'v'));
  });

  it('ships a strict schema and a manifest', () => {
    const validate = new Ajv({ useDefaults: true }).compile(CACHING_CONFIG_SCHEMA);
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ cache_ttl: 300 });
    expect(validate({ cache_ttl: -1 })).toBe(false);
    expect(validate({ cache_ttl: 1.5 })).toBe(false);
    expect(Object.keys(pluginManifestOf(CachingPluginModule)?.hooks ?? {})).toEqual(['tool_pre_invoke', 'tool_post_invoke']);
  });

  it('the module delegates to the store given with useStore', async () => {
    const store: CachingStore = { get: jest.fn().mockReturnValue({ value: 'from-store' }), set: jest.fn() };
    CachingPluginModule.useStore(store);
    const pre = pluginManifestOf(CachingPluginModule)?.hooks.tool_pre_invoke;
    const result = await pre?.(payload, newHookContext({}, { identity: newIdentity() }));
    expect(result).toEqual({ continueProcessing: true, shortCircuitResult: 'from-store' });
  });
});
