import Ajv from 'ajv';
import { pluginManifestOf } from '@plugboard/plugin-sdk';
import {
  AUTHENTICATION_CONFIG_SCHEMA,
  authenticationPreInvoke,
  AuthenticationPluginModule,
  IDENTITY_STATE_KEY,
  missingScopes,
} from './authentication.plugin';
import { newHookContext, newIdentity, newToolPayload } from './test-factories';

describe('AuthenticationPlugin', () => {
  it('refuses anonymous calls with AUTHENTICATION_REQUIRED', () => {
    const ctx = newHookContext({});
    expect(authenticationPreInvoke(newToolPayload(), ctx)).toEqual({
      continueProcessing: false,
      violation: { code: 'AUTHENTICATION_REQUIRED', reason: 'This call requires an authenticated user' },
    });
    expect(ctx.state.has(IDENTITY_STATE_KEY)).toBe(false);
  });

  it('lets an authenticated user through with the default config and shares the identity', () => {
    const identity = newIdentity();
    const ctx = newHookContext({}, { identity });
    expect(authenticationPreInvoke(newToolPayload(), ctx)).toEqual({ continueProcessing: true });
    expect(ctx.state.get(IDENTITY_STATE_KEY)).toBe(identity);
  });

  it('requires every configured scope, naming the missing ones', () => {
    const ctx = newHookContext({ required_scopes: ['tools:read', 'tools:write'] }, { identity: newIdentity({ scopes: ['tools:read'] }) });
    expect(authenticationPreInvoke(newToolPayload(), ctx)).toEqual({
      continueProcessing: false,
      violation: { code: 'INSUFFICIENT_SCOPE', reason: 'Missing required scope(s): tools:write', details: { missing_scopes: ['tools:write'] } },
    });
    expect(ctx.state.has(IDENTITY_STATE_KEY)).toBe(false);
  });

  it('treats "*" as holding every scope', () => {
    expect(missingScopes(newIdentity({ scopes: ['*'] }), ['a', 'b'])).toEqual([]);
    expect(missingScopes(newIdentity({ scopes: ['a', 'b', 'c'] }), ['a', 'b'])).toEqual([]);
    expect(missingScopes(newIdentity({ scopes: [] }), ['a'])).toEqual(['a']);
  });

  it('ships a strict schema and guards tool calls and fetches', () => {
    const validate = new Ajv({ useDefaults: true }).compile(AUTHENTICATION_CONFIG_SCHEMA);
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ required_scopes: [] });
    expect(validate({ required_scopes: 'a' })).toBe(false);
    expect(Object.keys(pluginManifestOf(AuthenticationPluginModule)?.hooks ?? {})).toEqual(['tool_pre_invoke', 'resource_pre_fetch', 'prompt_pre_fetch']);
  });
});
