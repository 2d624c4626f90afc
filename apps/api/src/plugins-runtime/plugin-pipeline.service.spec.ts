import type { ChainEntry } from '@plugboard/governance';
import { block, CONTINUE, type FetchPayload, type HookContext, type HookHandler, type HookName, type HookPayload, type PluginManifest } from '@plugboard/plugin-sdk';
import type { AuthUser } from '../auth/auth-user';
import { DomainError } from '../common/domain-error';
import type { Settings } from '../config/settings';
import type { ChainService } from '../governance/chain.service';
import type { LoadedPlugin, PluginLoaderService } from './plugin-loader.service';
import { PluginPipelineService, type FetchCall } from './plugin-pipeline.service';

type Hooks = Partial<Record<HookName, HookHandler<HookPayload, unknown>>>;

function newEntry(name: string, overrides: Partial<ChainEntry> = {}): ChainEntry {
  return { name, level: 'team', overriddenBy: [], enabled: true, priority: 10, mode: 'enforce', config: {}, configSources: {}, ...overrides };
}

function newPlugin(name: string, hooks: Hooks): LoadedPlugin {
  return { name, kind: `@test/${name}`, manifest: { name, version: '1.0.0', hooks, configSchema: {} } as PluginManifest, module: {} };
}

function newCaller(): AuthUser {
  return { id: 'u1', email: 'alice@example.com', displayName: 'Alice', platformRole: 'user', pluginCustomizationAllowed: true, via: 'session', scopes: ['*'] };
}

/** A pipeline over a fixed chain and loaded plugins, with a short hook time limit. */
function newPipeline(chain: ChainEntry[], plugins: LoadedPlugin[]): PluginPipelineService {
  const chains = { forServer: async () => ({ chain }) } as unknown as ChainService;
  const byName = new Map(plugins.map((p) => [p.name, p]));
  const loader = { get: (name: string) => byName.get(name) ?? null, failure: () => null, metricsHooks: () => null } as unknown as PluginLoaderService;
  return new PluginPipelineService({ pluginHookTimeoutMs: 50 } as Settings, chains, loader);
}

function newFetch(fetch: FetchCall['fetch'], overrides: Partial<FetchCall> = {}): FetchCall {
  return { caller: newCaller(), requestId: 'r1', server: { id: 's1', name: 'srv' }, uri: 'https://docs.example.com/a', fetch, ...overrides };
}

const handler = (fn: (payload: FetchPayload) => ReturnType<HookHandler<FetchPayload>>): HookHandler<HookPayload, unknown> =>
  ((payload: FetchPayload) => fn(payload)) as unknown as HookHandler<HookPayload, unknown>;

async function violationOf(run: Promise<unknown>): Promise<DomainError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the call to be blocked');
}

describe('PluginPipelineService fetches', () => {
  it('runs pre-fetch hooks in chain order, fetches with what they left, then post-fetch hooks on the content', async () => {
    const seen: string[] = [];
    const first = newPlugin('First', {
      resource_pre_fetch: handler((p) => { seen.push(`first:${p.uri}`); return { continueProcessing: true, modifiedPayload: { ...p, uri: `${p.uri}?v=1` } }; }),
      resource_post_fetch: handler((p) => ({ continueProcessing: true, modifiedPayload: { ...p, content: `${String(p.content)}+first` } })),
    });
    const second = newPlugin('Second', {
      resource_pre_fetch: handler((p) => { seen.push(`second:${p.uri}`); return CONTINUE; }),
      resource_post_fetch: handler((p) => ({ continueProcessing: true, modifiedPayload: { ...p, content: `${String(p.content)}+second` } })),
    });
    const pipeline = newPipeline([newEntry('First'), newEntry('Second')], [first, second]);
    const fetched: string[] = [];
    const { content, trace } = await pipeline.fetchResource(newFetch(async (p) => { fetched.push(p.uri); return 'body'; }));
    expect(seen).toEqual(['first:https://docs.example.com/a', 'second:https://docs.example.com/a?v=1']);
    expect(fetched).toEqual(['https://docs.example.com/a?v=1']);
    expect(content).toBe('body+first+second');
    expect(trace.map((e) => `${e.plugin} ${e.hook} ${e.outcome}`)).toEqual([
      'First resource_pre_fetch modified', 'Second resource_pre_fetch continue', 'First resource_post_fetch modified', 'Second resource_post_fetch modified',
    ]);
  });

  it('runs only the hooks of the kind: prompt hooks for prompts, none of the tool or resource hooks', async () => {
    const plugin = newPlugin('Mixed', {
      tool_pre_invoke: handler(() => block('NEVER', 'tool hook ran')),
      resource_pre_fetch: handler(() => block('NEVER', 'resource hook ran')),
      prompt_pre_fetch: handler((p) => ({ continueProcessing: true, modifiedPayload: { ...p, arguments: { topic: 'masked' } } })),
    });
    const pipeline = newPipeline([newEntry('Mixed')], [plugin]);
    const { content, trace } = await pipeline.getPrompt(newFetch(async (p) => `About ${String(p.arguments?.['topic'])}`, { uri: 'summarize', arguments: { topic: 'secret' } }));
    expect(content).toBe('About masked');
    expect(trace).toEqual([expect.objectContaining({ plugin: 'Mixed', hook: 'prompt_pre_fetch', outcome: 'modified' })]);
  });

  it('blocks on an enforced violation with 403 PLUGIN_VIOLATION and the plugin\'s reason, before fetching', async () => {
    const deny = newPlugin('Deny', { resource_pre_fetch: handler(() => block('RESOURCE_DENIED', 'Resource host "evil.com" is not allowed')) });
    const pipeline = newPipeline([newEntry('Deny')], [deny]);
    const fetch = jest.fn(async () => 'body');
    const error = await violationOf(pipeline.fetchResource(newFetch(fetch)));
    expect(error.code).toBe('PLUGIN_VIOLATION');
    expect(error.detail).toBe('Resource host "evil.com" is not allowed');
    expect(error.extras).toMatchObject({ plugin: 'Deny', violation: { code: 'RESOURCE_DENIED' } });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('blocks on a post-fetch violation too, so the content never leaves', async () => {
    const leak = newPlugin('Leak', { prompt_post_fetch: handler(() => block('PII_DETECTED', 'PII detected in the content: SSN')) });
    const error = await violationOf(newPipeline([newEntry('Leak')], [leak]).getPrompt(newFetch(async () => 'ssn 123-45-6789', { uri: 'p' })));
    expect(error.detail).toBe('PII detected in the content: SSN');
  });

  it('in permissive mode traces the violation and goes on', async () => {
    const deny = newPlugin('Deny', { resource_pre_fetch: handler(() => block('RESOURCE_DENIED', 'not allowed')) });
    const { content, trace } = await newPipeline([newEntry('Deny', { mode: 'permissive' })], [deny]).fetchResource(newFetch(async () => 'body'));
    expect(content).toBe('body');
    expect(trace).toEqual([expect.objectContaining({ plugin: 'Deny', outcome: 'violation', detail: 'RESOURCE_DENIED: not allowed' })]);
  });

  it('fails closed in enforce mode when a hook throws or runs past its time limit', async () => {
    const throwing = newPlugin('Throws', { resource_pre_fetch: handler(() => { throw new Error('boom'); }) });
    const thrown = await violationOf(newPipeline([newEntry('Throws')], [throwing]).fetchResource(newFetch(async () => 'body')));
    expect(thrown.extras).toMatchObject({ violation: { code: 'PLUGIN_ERROR', reason: 'Throws failed: boom' } });

    // Stops when its time limit aborts it, as the SDK asks of long work, so no timer outlives the test.
    const slowHook = (_payload: HookPayload, context: HookContext) =>
      new Promise<typeof CONTINUE>((resolve) => {
        const timer = setTimeout(() => resolve(CONTINUE), 500);
        context.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(CONTINUE); });
      });
    const slow = newPlugin('Slow', { resource_post_fetch: slowHook as HookHandler<HookPayload, unknown> });
    const timedOut = await violationOf(newPipeline([newEntry('Slow')], [slow]).fetchResource(newFetch(async () => 'body')));
    expect(timedOut.extras).toMatchObject({ violation: { code: 'PLUGIN_TIMEOUT' } });

    // The same failures only log and trace in permissive mode.
    const { content } = await newPipeline([newEntry('Throws', { mode: 'permissive' })], [throwing]).fetchResource(newFetch(async () => 'body'));
    expect(content).toBe('body');
  });

  it('skips disabled plugins, tracing why', async () => {
    const deny = newPlugin('Deny', { resource_pre_fetch: handler(() => block('X', 'no')) });
    const { trace } = await newPipeline([newEntry('Deny', { mode: 'disabled' })], [deny]).fetchResource(newFetch(async () => 'body'));
    expect(trace).toEqual([{ plugin: 'Deny', hook: '*', outcome: 'skipped', durationMs: 0, detail: 'mode disabled' }]);
  });

  it('passes a fetch failure through unchanged', async () => {
    const failure = new DomainError('UPSTREAM_TIMEOUT', 'The upstream did not answer within 100 ms');
    await expect(newPipeline([], []).fetchResource(newFetch(async () => { throw failure; }))).rejects.toBe(failure);
  });
});
