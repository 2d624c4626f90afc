import Ajv from 'ajv';
import { pluginManifestOf, type FetchPayload } from '@plugboard/plugin-sdk';
import {
  RESOURCE_FILTER_CONFIG_SCHEMA,
  resourceFilterPreFetch,
  resourceFilterPreInvoke,
  ResourceFilterPluginModule,
  uriHost,
} from './resource-filter.plugin';
import { newHookContext, newToolPayload } from './test-factories';

const fetchPayload = (uri: string): FetchPayload => ({ server: { id: 's', name: 's' }, uri });
const tool = (resource: string | null) => newToolPayload({ tool: { name: 'read', resource } });

describe('ResourceFilterPlugin', () => {
  const ctx = newHookContext({ allowed_resources: ['crm', 'docs.example.com', '*.internal.io'] });

  it('allows listed tool resources and URL resources by host', () => {
    expect(resourceFilterPreInvoke(tool('crm'), ctx).continueProcessing).toBe(true);
    expect(resourceFilterPreInvoke(tool('https://docs.example.com/a'), ctx).continueProcessing).toBe(true);
    expect(resourceFilterPreInvoke(tool('https://api.internal.io/x'), ctx).continueProcessing).toBe(true);
    expect(resourceFilterPreInvoke(tool(null), ctx).continueProcessing).toBe(true);
  });

  it('blocks unlisted tool resources with RESOURCE_DENIED', () => {
    expect(resourceFilterPreInvoke(tool('billing'), ctx)).toEqual({
      continueProcessing: false,
      violation: { code: 'RESOURCE_DENIED', reason: 'Resource "billing" is not allowed', details: { tool: 'read', resource: 'billing' } },
    });
    expect(resourceFilterPreInvoke(tool('https://internal.io.evil.com/'), ctx).violation?.code).toBe('RESOURCE_DENIED');
  });

  it('filters fetched resources by URI host, failing closed on hostless URIs', () => {
    expect(resourceFilterPreFetch(fetchPayload('https://DOCS.example.com/page'), ctx).continueProcessing).toBe(true);
    expect(resourceFilterPreFetch(fetchPayload('https://evil.com/docs.example.com'), ctx).violation).toEqual({
      code: 'RESOURCE_DENIED',
      reason: 'Resource host "evil.com" is not allowed',
      details: { host: 'evil.com' },
    });
    expect(resourceFilterPreFetch(fetchPayload('file:///etc/passwd'), ctx).violation?.code).toBe('RESOURCE_DENIED');
    expect(resourceFilterPreFetch(fetchPayload('not a uri'), ctx).violation?.code).toBe('RESOURCE_DENIED');
  });

  it('allows everything with the default (empty) config', () => {
    expect(resourceFilterPreInvoke(tool('billing'), newHookContext({}))).toEqual({ continueProcessing: true });
    expect(resourceFilterPreFetch(fetchPayload('https://evil.com'), newHookContext({ allowed_resources: [] }))).toEqual({ continueProcessing: true });
  });

  it('parses hosts', () => {
    expect(uriHost('https://User:pw@Host.Example.com:8443/p')).toBe('host.example.com');
    expect(uriHost('urn:isbn:1')).toBeNull();
  });

  it('ships a strict schema and a manifest', () => {
    const validate = new Ajv({ useDefaults: true }).compile(RESOURCE_FILTER_CONFIG_SCHEMA);
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ allowed_resources: [] });
    expect(validate({ allowed_resources: [1] })).toBe(false);
    expect(pluginManifestOf(ResourceFilterPluginModule)?.hooks).toEqual({
      tool_pre_invoke: resourceFilterPreInvoke,
      resource_pre_fetch: resourceFilterPreFetch,
    });
  });
});
