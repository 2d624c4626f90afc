/** DenyFilterPlugin: config, hook and Nest module. A call to a listed tool is blocked. */
import { Module } from '@nestjs/common';
import {
  block,
  CONTINUE,
  PlugboardPlugin,
  type HookContext,
  type HookHandler,
  type HookPayload,
  type HookResult,
  type JsonSchema,
  type ToolPayload,
} from '@plugboard/plugin-sdk';

export const TOOL_DENIED = 'TOOL_DENIED';

export interface DenyFilterConfig {
  blocked_tools: string[];
}

export const DENY_FILTER_DEFAULT_CONFIG: Readonly<DenyFilterConfig> = Object.freeze({ blocked_tools: [] });

export const DENY_FILTER_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'DenyFilterPlugin config',
  type: 'object',
  additionalProperties: false,
  properties: {
    blocked_tools: {
      type: 'array',
      description: 'Names of tools that may not be called.',
      items: { type: 'string', minLength: 1, maxLength: 256 },
      maxItems: 1000,
      uniqueItems: true,
      default: [],
    },
  },
};

export function denyFilterPreInvoke(
  payload: ToolPayload,
  context: HookContext<Partial<DenyFilterConfig>>,
): HookResult<ToolPayload> {
  const blocked = context.config.blocked_tools;
  if (!blocked || !blocked.includes(payload.tool.name)) return CONTINUE;
  return block(TOOL_DENIED, `Tool "${payload.tool.name}" is denied`, { tool: payload.tool.name });
}

@PlugboardPlugin({
  name: 'DenyFilterPlugin',
  version: '1.0.0',
  description: 'Blocks calls to the tools listed in blocked_tools.',
  hooks: { tool_pre_invoke: denyFilterPreInvoke as HookHandler<HookPayload, unknown> },
  configSchema: DENY_FILTER_CONFIG_SCHEMA,
})
@Module({})
export class DenyFilterPluginModule {}
