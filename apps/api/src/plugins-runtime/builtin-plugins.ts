/** The built-in plugin kinds: package name → plugin module, imported from the workspace libs. */
import { AuditLoggerPluginModule } from '@plugboard/plugin-audit-logger';
import { AuthenticationPluginModule } from '@plugboard/plugin-authentication';
import { CachingPluginModule } from '@plugboard/plugin-caching';
import { CustomMetricsPluginModule } from '@plugboard/plugin-custom-metrics';
import { DenyFilterPluginModule } from '@plugboard/plugin-deny-filter';
import { PiiFilterPluginModule } from '@plugboard/plugin-pii-filter';
import { RegexFilterPluginModule } from '@plugboard/plugin-regex-filter';
import { ResourceFilterPluginModule } from '@plugboard/plugin-resource-filter';

export const BUILTIN_PLUGIN_KINDS: Readonly<Record<string, unknown>> = Object.freeze({
  '@plugboard/plugin-audit-logger': AuditLoggerPluginModule,
  '@plugboard/plugin-authentication': AuthenticationPluginModule,
  '@plugboard/plugin-caching': CachingPluginModule,
  '@plugboard/plugin-custom-metrics': CustomMetricsPluginModule,
  '@plugboard/plugin-deny-filter': DenyFilterPluginModule,
  '@plugboard/plugin-pii-filter': PiiFilterPluginModule,
  '@plugboard/plugin-regex-filter': RegexFilterPluginModule,
  '@plugboard/plugin-resource-filter': ResourceFilterPluginModule,
});
