import Ajv from 'ajv';
import { Registry } from 'prom-client';
import { pluginManifestOf } from '@plugboard/plugin-sdk';
import { CUSTOM_METRICS_CONFIG_SCHEMA, createMetricsHooks, DEFAULT_LATENCY_BUCKETS } from './custom-metrics.hooks';
import { CustomMetricsPluginModule } from './custom-metrics.plugin';
import { newHookContext, newToolPayload } from './test-factories';

describe('CustomMetricsPlugin', () => {
  it('counts calls and observes latency per server and tool', async () => {
    const registry = new Registry();
    const times = [0, 30, 100, 101];
    const hooks = createMetricsHooks(registry, [0.01, 0.05, 1], () => times.shift() ?? 0);
    for (const tool of ['search', 'search']) {
      const ctx = newHookContext({});
      const payload = newToolPayload({ tool: { name: tool, resource: null } });
      expect(hooks.tool_pre_invoke(payload, ctx)).toEqual({ continueProcessing: true });
      expect(hooks.tool_post_invoke({ ...payload, result: 1 }, ctx)).toEqual({ continueProcessing: true });
    }
    hooks.recordToolCall('prod_tools', 'search', 'blocked', 2);
    const text = await registry.metrics();
    expect(text).toContain('plugboard_tool_calls_total{server="prod_tools",tool="search",outcome="success"} 2');
    expect(text).toContain('plugboard_tool_calls_total{server="prod_tools",tool="search",outcome="blocked"} 1');
    // 30 ms and 1 ms: one in the 0.01 bucket, both in 0.05.
    expect(text).toContain('plugboard_tool_call_duration_seconds_bucket{le="0.01",server="prod_tools",tool="search",outcome="success"} 1');
    expect(text).toContain('plugboard_tool_call_duration_seconds_bucket{le="0.05",server="prod_tools",tool="search",outcome="success"} 2');
  });

  it('records plugin hook outcomes and durations', async () => {
    const registry = new Registry();
    const hooks = createMetricsHooks(registry);
    hooks.recordPluginHook('PIIFilterPlugin', 'tool_pre_invoke', 'violation', 0.2);
    const text = await registry.metrics();
    expect(text).toContain('plugboard_tool_plugin_hook_calls_total{plugin="PIIFilterPlugin",hook="tool_pre_invoke",outcome="violation"} 1');
    expect(text).toContain('plugboard_tool_plugin_hook_duration_seconds_count{plugin="PIIFilterPlugin",hook="tool_pre_invoke"} 1');
  });

  it('reuses metrics already on the registry instead of throwing', () => {
    const registry = new Registry();
    createMetricsHooks(registry);
    expect(() => createMetricsHooks(registry)).not.toThrow();
    expect(registry.getMetricsAsArray().every((m) => m.name.startsWith('plugboard_tool_'))).toBe(true);
  });

  it('ships a strict schema and the module uses the registry it is given', async () => {
    const validate = new Ajv({ useDefaults: true }).compile(CUSTOM_METRICS_CONFIG_SCHEMA);
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ buckets: DEFAULT_LATENCY_BUCKETS });
    expect(validate({ buckets: [] })).toBe(false);
    expect(validate({ buckets: [0] })).toBe(false);

    const registry = new Registry();
    CustomMetricsPluginModule.useRegistry(registry);
    const hooks = pluginManifestOf(CustomMetricsPluginModule)?.hooks;
    const ctx = newHookContext({});
    await hooks?.tool_pre_invoke?.(newToolPayload(), ctx);
    await hooks?.tool_post_invoke?.(newToolPayload({ result: 1 }), ctx);
    expect(await registry.metrics()).toContain('plugboard_tool_calls_total{server="prod_tools",tool="search",outcome="success"} 1');
  });
});
