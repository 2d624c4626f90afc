import { Module } from '@nestjs/common';
import { block, CONTINUE } from './hooks';
import { defaultRoutePrefix, PlugboardPlugin, pluginManifestOf } from './plugin.decorator';

describe('@PlugboardPlugin', () => {
  it('attaches the manifest to a Nest module and reads it back', () => {
    @PlugboardPlugin({ name: 'DemoPlugin', version: '1.0.0', hooks: { tool_pre_invoke: () => CONTINUE }, configSchema: { type: 'object' } })
    @Module({})
    class DemoPluginModule {}
    expect(pluginManifestOf(DemoPluginModule)).toMatchObject({ name: 'DemoPlugin', version: '1.0.0' });
    expect(pluginManifestOf(class NotAPlugin {})).toBeNull();
    expect(pluginManifestOf({})).toBeNull();
  });

  it('derives route prefixes from plugin names', () => {
    expect(defaultRoutePrefix('PIIFilterPlugin')).toBe('pii-filter');
    expect(defaultRoutePrefix('AuditLoggerPlugin')).toBe('audit-logger');
  });

  it('builds violations', () => {
    expect(block('TOOL_DENIED', 'no')).toEqual({ continueProcessing: false, violation: { code: 'TOOL_DENIED', reason: 'no' } });
  });
});
