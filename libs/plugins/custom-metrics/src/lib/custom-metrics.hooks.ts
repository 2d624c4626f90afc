/** CustomMetricsPlugin config and hooks: Prometheus counters and latency histograms per server, tool and plugin. */
import { Counter, Histogram, type Registry } from 'prom-client';
import { CONTINUE, type HookContext, type HookResult, type JsonSchema, type ToolPayload } from '@plugboard/plugin-sdk';

export interface CustomMetricsConfig {
  /** Latency histogram buckets, in seconds. */
  buckets: number[];
}

export const DEFAULT_LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const CUSTOM_METRICS_DEFAULT_CONFIG: Readonly<CustomMetricsConfig> = Object.freeze({ buckets: [...DEFAULT_LATENCY_BUCKETS] });

export const CUSTOM_METRICS_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'CustomMetricsPlugin config',
  type: 'object',
  additionalProperties: false,
  properties: {
    buckets: {
      type: 'array',
      description: 'Latency histogram buckets in seconds.',
      items: { type: 'number', exclusiveMinimum: 0, maximum: 3600 },
      minItems: 1,
      maxItems: 30,
      uniqueItems: true,
      default: [...DEFAULT_LATENCY_BUCKETS],
    },
  },
};

export const METRIC_TOOL_CALLS = 'plugboard_tool_calls_total';
export const METRIC_TOOL_DURATION = 'plugboard_tool_call_duration_seconds';
export const METRIC_PLUGIN_HOOK_CALLS = 'plugboard_tool_plugin_hook_calls_total';
export const METRIC_PLUGIN_HOOK_DURATION = 'plugboard_tool_plugin_hook_duration_seconds';

/** `context.state` key of the call's start (performance.now()). */
export const METRICS_STARTED_AT_STATE = 'custom-metrics.startedAt';

export type ToolCallOutcome = 'success' | 'blocked' | 'error';
export type PluginHookOutcome = 'continue' | 'modified' | 'violation' | 'error' | 'timeout';

export interface MetricsHooks {
  tool_pre_invoke(payload: ToolPayload, context: HookContext<unknown>): HookResult<ToolPayload>;
  tool_post_invoke(payload: ToolPayload, context: HookContext<unknown>): HookResult<ToolPayload>;
  /** For the runtime: a call that ended before post-invoke (blocked or failed). */
  recordToolCall(server: string, tool: string, outcome: ToolCallOutcome, durationMs: number): void;
  /** For the runtime: one plugin hook's outcome and duration (from the call's trace). */
  recordPluginHook(plugin: string, hook: string, outcome: PluginHookOutcome, durationMs: number): void;
}

function counter(registry: Registry, name: string, help: string, labelNames: string[]): Counter<string> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<string>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

function histogram(registry: Registry, name: string, help: string, labelNames: string[], buckets: number[]): Histogram<string> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Histogram<string>;
  return new Histogram({ name, help, labelNames, buckets, registers: [registry] });
}

/**
 * The metrics on `registry` (created once; a second call on the same registry reuses them, and the
 * first call's buckets win since a histogram's buckets are fixed at creation).
 */
export function createMetricsHooks(
  registry: Registry,
  buckets: readonly number[] = DEFAULT_LATENCY_BUCKETS,
  clock: () => number = () => performance.now(),
): MetricsHooks {
  const sorted = [...buckets].sort((a, b) => a - b);
  const calls = counter(registry, METRIC_TOOL_CALLS, 'Tool calls by server, tool and outcome', ['server', 'tool', 'outcome']);
  const duration = histogram(registry, METRIC_TOOL_DURATION, 'Tool call latency in seconds', ['server', 'tool', 'outcome'], sorted);
  const hookCalls = counter(registry, METRIC_PLUGIN_HOOK_CALLS, 'Plugin hook runs by plugin, hook and outcome', ['plugin', 'hook', 'outcome']);
  const hookDuration = histogram(registry, METRIC_PLUGIN_HOOK_DURATION, 'Plugin hook latency in seconds', ['plugin', 'hook'], sorted);

  const recordToolCall: MetricsHooks['recordToolCall'] = (server, tool, outcome, durationMs) => {
    calls.inc({ server, tool, outcome });
    duration.observe({ server, tool, outcome }, durationMs / 1000);
  };

  return {
    tool_pre_invoke(_payload, context) {
      context.state.set(METRICS_STARTED_AT_STATE, clock());
      return CONTINUE;
    },
    tool_post_invoke(payload, context) {
      const startedAt = context.state.get(METRICS_STARTED_AT_STATE);
      const durationMs = typeof startedAt === 'number' ? clock() - startedAt : 0;
      // Labelled by server name: what a dashboard reader knows the server by.
      recordToolCall(payload.server.name, payload.tool.name, 'success', durationMs);
      return CONTINUE;
    },
    recordToolCall,
    recordPluginHook(plugin, hook, outcome, durationMs) {
      hookCalls.inc({ plugin, hook, outcome });
      hookDuration.observe({ plugin, hook }, durationMs / 1000);
    },
  };
}
