/** CustomMetricsPlugin Nest module. */
import { Module } from '@nestjs/common';
import { register, type Registry } from 'prom-client';
import { PlugboardPlugin, type HookContext, type HookHandler, type HookPayload, type ToolPayload } from '@plugboard/plugin-sdk';
import { CUSTOM_METRICS_CONFIG_SCHEMA, createMetricsHooks, type CustomMetricsConfig, type MetricsHooks } from './custom-metrics.hooks';

let registry: Registry = register;
let activeHooks: MetricsHooks | null = null;

// Created on first use with the effective config's buckets (the plugin is platform-wide).
function hooksFor(context: HookContext<Partial<CustomMetricsConfig>>): MetricsHooks {
  activeHooks ??= createMetricsHooks(registry, context.config.buckets);
  return activeHooks;
}

const preInvoke = (payload: ToolPayload, context: HookContext<Partial<CustomMetricsConfig>>) => hooksFor(context).tool_pre_invoke(payload, context);
const postInvoke = (payload: ToolPayload, context: HookContext<Partial<CustomMetricsConfig>>) => hooksFor(context).tool_post_invoke(payload, context);

@PlugboardPlugin({
  name: 'CustomMetricsPlugin',
  version: '1.0.0',
  description: 'Prometheus counters and latency histograms per server, tool and plugin.',
  hooks: {
    tool_pre_invoke: preInvoke as HookHandler<HookPayload, unknown>,
    tool_post_invoke: postInvoke as HookHandler<HookPayload, unknown>,
  },
  configSchema: CUSTOM_METRICS_CONFIG_SCHEMA,
})
@Module({})
export class CustomMetricsPluginModule {
  /** Called by the runtime at boot with the registry `/api/metrics` serves. */
  static useRegistry(target: Registry, buckets?: readonly number[]): MetricsHooks {
    registry = target;
    activeHooks = createMetricsHooks(target, buckets);
    return activeHooks;
  }
}
