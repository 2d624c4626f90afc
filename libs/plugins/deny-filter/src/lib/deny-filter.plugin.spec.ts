import Ajv from 'ajv';
import { pluginManifestOf } from '@plugboard/plugin-sdk';
import { DENY_FILTER_CONFIG_SCHEMA, denyFilterPreInvoke, DenyFilterPluginModule } from './deny-filter.plugin';
import { newHookContext, newToolPayload } from './test-factories';

describe('DenyFilterPlugin', () => {
  it('blocks a listed tool with TOOL_DENIED', () => {
    const result = denyFilterPreInvoke(newToolPayload({ tool: { name: 'delete_all', resource: null } }), newHookContext({ blocked_tools: ['x', 'delete_all'] }));
    expect(result).toEqual({
      continueProcessing: false,
      violation: { code: 'TOOL_DENIED', reason: 'Tool "delete_all" is denied', details: { tool: 'delete_all' } },
    });
  });

  it('lets other tools through, and everything with the default config', () => {
    const payload = newToolPayload({ tool: { name: 'search', resource: null } });
    expect(denyFilterPreInvoke(payload, newHookContext({ blocked_tools: ['delete_all', 'Search'] }))).toEqual({ continueProcessing: true });
    expect(denyFilterPreInvoke(payload, newHookContext({}))).toEqual({ continueProcessing: true });
  });

  it('ships a strict schema with defaults', () => {
    const validate = new Ajv({ useDefaults: true }).compile(DENY_FILTER_CONFIG_SCHEMA);
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ blocked_tools: [] });
    expect(validate({ blocked_tools: ['a', 'a'] })).toBe(false);
    expect(validate({ blocked_tools: [''] })).toBe(false);
    expect(validate({ blocked: [] })).toBe(false);
  });

  it('declares its manifest', () => {
    expect(pluginManifestOf(DenyFilterPluginModule)).toMatchObject({ name: 'DenyFilterPlugin', hooks: { tool_pre_invoke: denyFilterPreInvoke } });
  });
});
