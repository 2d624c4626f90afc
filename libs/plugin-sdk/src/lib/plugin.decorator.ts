/** `@PlugboardPlugin({...})` marks a Nest module as a Plugboard plugin and carries its manifest. */
import 'reflect-metadata';
import type { PluginUiManifest } from './frontend-registry';
import type { HookHandler, HookName, HookPayload } from './hooks';
import type { SignalName, SignalReceiver } from './signals';

export const PLUGBOARD_PLUGIN = Symbol.for('plugboard:plugin');

export interface PluginRoleDefinition {
  name: string;
  description: string;
}

/** A JSON Schema (draft-07 unless `$schema` says otherwise). */
export type JsonSchema = Record<string, unknown>;

export interface PluginManifest {
  /** The registry name, e.g. `PIIFilterPlugin`. */
  name: string;
  version: string;
  description?: string;
  /** The hooks the plugin implements, by hook name. */
  hooks: Partial<Record<HookName, HookHandler<HookPayload, any>>>;
  /** JSON Schema of the plugin's config (snake_case keys). */
  configSchema: JsonSchema;
  /** Plugin roles, namespaced by plugin: a role of plugin A grants nothing in plugin B. */
  roles?: PluginRoleDefinition[];
  /** Route segment under /api/ext/ (default: the name in kebab case without "Plugin"). */
  routePrefix?: string;
  /** Web UI contributions; every URL is validated when the runtime loads the plugin. */
  ui?: PluginUiManifest;
  /** Signal receivers, subscribed (isolated, time-limited) when the plugin loads. */
  signals?: { [S in SignalName]?: SignalReceiver<S> };
}

type ModuleClass = abstract new (...args: never[]) => unknown;

export function PlugboardPlugin(manifest: PluginManifest): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(PLUGBOARD_PLUGIN, manifest, target);
  };
}

/** The manifest of a plugin module, or null when the value is not a decorated module. */
export function pluginManifestOf(value: unknown): PluginManifest | null {
  if (typeof value !== 'function') return null;
  const manifest = Reflect.getMetadata(PLUGBOARD_PLUGIN, value as ModuleClass) as PluginManifest | undefined;
  return manifest ?? null;
}

/** `PIIFilterPlugin` → `pii-filter`. */
export function defaultRoutePrefix(name: string): string {
  return name
    .replace(/Plugin$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
