import { Module } from '@nestjs/common';
import { PlugboardPlugin, type HookHandler, type HookPayload } from '@plugboard/plugin-sdk';
import { PII_FILTER_CONFIG_SCHEMA } from './pii-filter.config';
import { piiFilterPostFetch, piiFilterPostInvoke, piiFilterPreFetch, piiFilterPreInvoke } from './pii-filter.hooks';

@PlugboardPlugin({
  name: 'PIIFilterPlugin',
  version: '1.0.0',
  description: 'Masks or blocks personal data (SSN, email, custom RE2 patterns) in tool arguments and results, prompt arguments, and fetched resources and prompts.',
  hooks: {
    tool_pre_invoke: piiFilterPreInvoke as HookHandler<HookPayload, unknown>,
    tool_post_invoke: piiFilterPostInvoke as HookHandler<HookPayload, unknown>,
    prompt_pre_fetch: piiFilterPreFetch as HookHandler<HookPayload, unknown>,
    resource_post_fetch: piiFilterPostFetch as HookHandler<HookPayload, unknown>,
    prompt_post_fetch: piiFilterPostFetch as HookHandler<HookPayload, unknown>,
  },
  configSchema: PII_FILTER_CONFIG_SCHEMA,
})
@Module({})
export class PiiFilterPluginModule {}
