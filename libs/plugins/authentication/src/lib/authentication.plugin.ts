/** AuthenticationPlugin: config, hook and Nest module. Requires an authenticated caller with scopes. */
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
  type PluginIdentity,
} from '@plugboard/plugin-sdk';

export const AUTHENTICATION_REQUIRED = 'AUTHENTICATION_REQUIRED';
export const INSUFFICIENT_SCOPE = 'INSUFFICIENT_SCOPE';
/** The `context.state` key under which the vouched-for identity is shared with later plugins. */
export const IDENTITY_STATE_KEY = 'identity';

export interface AuthenticationConfig {
  required_scopes: string[];
}

export const AUTHENTICATION_DEFAULT_CONFIG: Readonly<AuthenticationConfig> = Object.freeze({ required_scopes: [] });

export const AUTHENTICATION_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'AuthenticationPlugin config',
  type: 'object',
  additionalProperties: false,
  properties: {
    required_scopes: {
      type: 'array',
      description: 'Scopes the caller must hold ("*" holds every scope).',
      items: { type: 'string', minLength: 1, maxLength: 128 },
      maxItems: 50,
      uniqueItems: true,
      default: [],
    },
  },
};

/** The required scopes the identity lacks (none when it holds `*`). */
export function missingScopes(identity: PluginIdentity, required: readonly string[]): string[] {
  if (required.length === 0 || identity.scopes.includes('*')) return [];
  return required.filter((scope) => !identity.scopes.includes(scope));
}

/** Works for tool calls and fetches alike: it looks only at the context. */
export function authenticationPreInvoke<P extends HookPayload>(
  _payload: P,
  context: HookContext<Partial<AuthenticationConfig>>,
): HookResult<P> {
  const identity = context.identity;
  if (!identity) return block(AUTHENTICATION_REQUIRED, 'This call requires an authenticated user');
  const missing = missingScopes(identity, context.config.required_scopes ?? []);
  if (missing.length > 0) {
    return block(INSUFFICIENT_SCOPE, `Missing required scope(s): ${missing.join(', ')}`, { missing_scopes: missing });
  }
  context.state.set(IDENTITY_STATE_KEY, identity);
  return CONTINUE;
}

const handler = authenticationPreInvoke as HookHandler<HookPayload, unknown>;

@PlugboardPlugin({
  name: 'AuthenticationPlugin',
  version: '1.0.0',
  description: 'Requires an authenticated caller holding the configured scopes; shares the identity with later plugins.',
  hooks: { tool_pre_invoke: handler, resource_pre_fetch: handler, prompt_pre_fetch: handler },
  configSchema: AUTHENTICATION_CONFIG_SCHEMA,
})
@Module({})
export class AuthenticationPluginModule {}
