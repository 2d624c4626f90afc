import { Module } from '@nestjs/common';
import { PlugboardPlugin, type HookHandler, type HookPayload } from '@plugboard/plugin-sdk';
import { REGEX_FILTER_CONFIG_SCHEMA } from './regex-filter.config';
import { regexFilterPreInvoke, regexFilterPromptPreFetch } from './regex-filter.hooks';

@PlugboardPlugin({
  name: 'RegexFilterPlugin',
  version: '1.0.0',
  description: 'Blocks tool calls and prompts whose arguments contain a string matching a configured RE2 pattern.',
  hooks: {
    tool_pre_invoke: regexFilterPreInvoke as HookHandler<HookPayload, unknown>,
    prompt_pre_fetch: regexFilterPromptPreFetch as HookHandler<HookPayload, unknown>,
  },
  configSchema: REGEX_FILTER_CONFIG_SCHEMA,
})
@Module({})
export class RegexFilterPluginModule {}
