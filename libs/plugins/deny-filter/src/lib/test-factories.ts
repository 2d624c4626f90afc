/** Test factories for hook payloads and contexts (spec-only; not exported from the lib). */
import type { HookContext, PluginIdentity, ToolPayload } from '@plugboard/plugin-sdk';

export function newToolPayload(overrides: Partial<ToolPayload> = {}): ToolPayload {
  return {
    server: { id: 'srv-1', name: 'prod_tools' },
    tool: { name: 'search', resource: null },
    arguments: {},
    ...overrides,
  };
}

export function newHookContext<C>(config: C, overrides: Partial<HookContext<C>> = {}): HookContext<C> {
  return {
    config,
    level: 'global',
    mode: 'enforce',
    hook: 'tool_pre_invoke',
    identity: null,
    requestId: 'req-1',
    signal: new AbortController().signal,
    state: new Map(),
    ...overrides,
  };
}

export function newIdentity(overrides: Partial<PluginIdentity> = {}): PluginIdentity {
  return { userId: 'user-1', email: 'alice@example.com', platformRole: 'user', scopes: [], via: 'session', ...overrides };
}
