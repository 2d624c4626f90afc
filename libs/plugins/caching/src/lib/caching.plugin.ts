/** CachingPlugin: config schema and Nest module. */
import { Module } from '@nestjs/common';
import { PlugboardPlugin, type HookHandler, type HookPayload, type JsonSchema } from '@plugboard/plugin-sdk';
import { createCachingHooks, type CachingHooks } from './caching.hooks';
import { MemoryCachingStore, type CachingStore } from './caching.store';

export const CACHING_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'CachingPlugin config',
  type: 'object',
  additionalProperties: false,
  properties: {
    cache_ttl: {
      type: 'integer',
      description: 'Seconds a tool result stays cached (0 disables caching).',
      minimum: 0,
      maximum: 86_400,
      default: 300,
    },
  },
};

let activeHooks: CachingHooks = createCachingHooks(new MemoryCachingStore());

/**
 * The manifest's hooks are static, so they delegate to the hooks over the current store; the
 * runtime swaps in the shared cache-manager store at boot with `CachingPluginModule.useStore`.
 */
const preInvoke: CachingHooks['tool_pre_invoke'] = (payload, context) => activeHooks.tool_pre_invoke(payload, context);
const postInvoke: CachingHooks['tool_post_invoke'] = (payload, context) => activeHooks.tool_post_invoke(payload, context);

@PlugboardPlugin({
  name: 'CachingPlugin',
  version: '1.0.0',
  description: 'Caches tool results per server, tool, arguments and user for cache_ttl seconds (requires AuthenticationPlugin).',
  hooks: {
    tool_pre_invoke: preInvoke as HookHandler<HookPayload, unknown>,
    tool_post_invoke: postInvoke as HookHandler<HookPayload, unknown>,
  },
  configSchema: CACHING_CONFIG_SCHEMA,
})
@Module({})
export class CachingPluginModule {
  static useStore(store: CachingStore): void {
    activeHooks = createCachingHooks(store);
  }
}
