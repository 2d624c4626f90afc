/** ResourceFilterPlugin: config, hooks and Nest module. Only listed resources may be used. */
import { Module } from '@nestjs/common';
import {
  block,
  CONTINUE,
  PlugboardPlugin,
  type FetchPayload,
  type HookContext,
  type HookHandler,
  type HookPayload,
  type HookResult,
  type JsonSchema,
  type ToolPayload,
} from '@plugboard/plugin-sdk';

export const RESOURCE_DENIED = 'RESOURCE_DENIED';

export interface ResourceFilterConfig {
  /** Resource names or hosts (`*.example.com` matches subdomains); empty allows everything. */
  allowed_resources: string[];
}

export const RESOURCE_FILTER_DEFAULT_CONFIG: Readonly<ResourceFilterConfig> = Object.freeze({ allowed_resources: [] });

export const RESOURCE_FILTER_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'ResourceFilterPlugin config',
  type: 'object',
  additionalProperties: false,
  properties: {
    allowed_resources: {
      type: 'array',
      description: 'Allowed tool resources and resource URI hosts ("*.example.com" allows subdomains). Empty allows all.',
      items: { type: 'string', minLength: 1, maxLength: 512 },
      maxItems: 1000,
      uniqueItems: true,
      default: [],
    },
  },
};

/** The host of a URI (lower case), or null when it has none (`file:`, `urn:`, not a URI). */
export function uriHost(uri: string): string | null {
  try {
    const host = new URL(uri).hostname;
    return host === '' ? null : host.toLowerCase();
  } catch {
    return null;
  }
}

function hostAllowed(host: string, allowed: readonly string[]): boolean {
  for (const entry of allowed) {
    const pattern = entry.toLowerCase();
    if (pattern === host) return true;
    if (pattern.startsWith('*.') && host.endsWith(pattern.slice(1))) return true;
  }
  return false;
}

/** Whether a tool's resource is allowed: listed verbatim, or a URL whose host is allowed. */
export function resourceAllowed(resource: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0 || allowed.includes(resource)) return true;
  const host = resource.includes(':') ? uriHost(resource) : null;
  return host !== null && hostAllowed(host, allowed);
}

export function resourceFilterPreInvoke(
  payload: ToolPayload,
  context: HookContext<Partial<ResourceFilterConfig>>,
): HookResult<ToolPayload> {
  const allowed = context.config.allowed_resources;
  const resource = payload.tool.resource;
  // A tool without a resource touches none, so there is nothing to filter.
  if (!allowed || allowed.length === 0 || resource === null || resourceAllowed(resource, allowed)) return CONTINUE;
  return block(RESOURCE_DENIED, `Resource "${resource}" is not allowed`, { tool: payload.tool.name, resource });
}

export function resourceFilterPreFetch(
  payload: FetchPayload,
  context: HookContext<Partial<ResourceFilterConfig>>,
): HookResult<FetchPayload> {
  const allowed = context.config.allowed_resources;
  if (!allowed || allowed.length === 0) return CONTINUE;
  const host = uriHost(payload.uri);
  // Fail closed: with an allow-list, a URI without a host matches nothing.
  if (host !== null && hostAllowed(host, allowed)) return CONTINUE;
  return block(RESOURCE_DENIED, host === null ? 'Resource URI has no host' : `Resource host "${host}" is not allowed`, {
    host,
  });
}

@PlugboardPlugin({
  name: 'ResourceFilterPlugin',
  version: '1.0.0',
  description: 'Allows only the listed tool resources and resource hosts.',
  hooks: {
    tool_pre_invoke: resourceFilterPreInvoke as HookHandler<HookPayload, unknown>,
    resource_pre_fetch: resourceFilterPreFetch as HookHandler<HookPayload, unknown>,
  },
  configSchema: RESOURCE_FILTER_CONFIG_SCHEMA,
})
@Module({})
export class ResourceFilterPluginModule {}
