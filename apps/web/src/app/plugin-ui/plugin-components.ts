// The plugin UI compiled into this build: component ids (from plugin manifests' `ui` routes and
// slots, served by GET /api/bootstrap) mapped to Angular components. An id not listed here is a
// plugin whose UI this build does not carry; the outlets show a notice for it, never an error.
import { InjectionToken } from '@angular/core';
import type { PluginComponentLoader } from './plugin-ui.types';

export type PluginComponentRegistry = Readonly<
  Record<string, PluginComponentLoader>
>;

export const BUILD_TIME_PLUGIN_COMPONENTS: PluginComponentRegistry = {
  // examples/acme-greeter
  'acme-greeter-page': () =>
    import('./acme-greeter/acme-greeter-page').then((m) => m.AcmeGreeterPage),
  'acme-greeter-card': () =>
    import('./acme-greeter/acme-greeter-card').then((m) => m.AcmeGreeterCard),
  // AuditLoggerPlugin
  'audit-logger-calls': () =>
    import('./audit-logger/audit-logger-calls-page').then(
      (m) => m.AuditLoggerCallsPage,
    ),
  'audit-logger-server-calls': () =>
    import('./audit-logger/audit-logger-server-calls').then(
      (m) => m.AuditLoggerServerCalls,
    ),
};

/** The registry the outlets use; tests provide their own. */
export const PLUGIN_COMPONENTS = new InjectionToken<PluginComponentRegistry>(
  'PLUGIN_COMPONENTS',
  { providedIn: 'root', factory: () => BUILD_TIME_PLUGIN_COMPONENTS },
);

export function loaderIn(
  registry: PluginComponentRegistry,
  componentId: string,
): PluginComponentLoader | undefined {
  return Object.prototype.hasOwnProperty.call(registry, componentId)
    ? registry[componentId]
    : undefined;
}
