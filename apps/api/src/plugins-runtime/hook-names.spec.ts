import { HOOK_NAMES as SDK_HOOK_NAMES, type HookHandler } from '@plugboard/plugin-sdk';
import { HOOK_NAMES } from '@plugboard/shared-contracts';
import { implementedHooks } from './hook-names';

const handler: HookHandler = (payload) => ({ continueProcessing: true, modifiedPayload: payload });

describe('HOOK_NAMES', () => {
  it('lists the SDK\'s hooks in the SDK\'s order (the types are checked at compile time, the values here)', () => {
    expect([...HOOK_NAMES]).toEqual([...SDK_HOOK_NAMES]);
  });
});

describe('implementedHooks', () => {
  it('lists the manifest\'s hooks in HOOK_NAMES order, whatever order they were declared in', () => {
    expect(implementedHooks({ hooks: { prompt_post_fetch: handler, tool_pre_invoke: handler, resource_post_fetch: handler } })).toEqual([
      'tool_pre_invoke', 'resource_post_fetch', 'prompt_post_fetch',
    ]);
  });

  it('skips keys without a handler', () => {
    expect(implementedHooks({ hooks: { tool_pre_invoke: undefined, tool_post_invoke: handler } })).toEqual(['tool_post_invoke']);
    expect(implementedHooks({ hooks: {} })).toEqual([]);
  });
});
