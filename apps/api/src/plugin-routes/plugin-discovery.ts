/**
 * The plugin modules known when the application is built, for mounting their routes (Nest cannot
 * add routes after start-up). Discovery itself is the runtime loader's (plugins-runtime): the
 * built-in libs, packages under node_modules with a "plugboard" field, and PLUGBOARD_PLUGIN_PATHS.
 * A package that fails to load is left out here; the loader reports it (and fails closed when
 * the plugin is mandatory).
 */
import type { Type } from '@nestjs/common';
import { defaultRoutePrefix, type PluginManifest } from '@plugboard/plugin-sdk';
import type { Settings } from '../config/settings';
import { BUILTIN_PLUGIN_KINDS } from '../plugins-runtime/builtin-plugins';
import {
  discoverPluginPackages,
  discoverPluginPackagesIn,
  loadDiscovered,
  pluginFromExports,
  type LoadedKind,
} from '../plugins-runtime/plugin-discovery';

export interface KnownPluginModule {
  /** The registry `kind`: the package name. */
  kind: string;
  module: Type<unknown>;
  manifest: PluginManifest;
  /** Where the routes are mounted: /api/ext/<routePrefix>. */
  routePrefix: string;
}

function known(loaded: LoadedKind): KnownPluginModule {
  return {
    kind: loaded.kind,
    module: loaded.module as Type<unknown>,
    manifest: loaded.manifest,
    routePrefix: loaded.manifest.routePrefix ?? defaultRoutePrefix(loaded.manifest.name),
  };
}

/** Every plugin module known for these settings, with distinct route prefixes. */
export function pluginModulesForRouting(settings: Pick<Settings, 'pluginPaths'>): KnownPluginModule[] {
  const modules = Object.entries(BUILTIN_PLUGIN_KINDS).map(([kind, module]) => known(pluginFromExports(kind, module)));
  const seen = new Set(modules.map((m) => m.kind));
  for (const pkg of [...discoverPluginPackagesIn(settings.pluginPaths ?? []), ...discoverPluginPackages()]) {
    if (seen.has(pkg.name)) continue;
    seen.add(pkg.name);
    try {
      modules.push(known(loadDiscovered(pkg)));
    } catch {
      // Reported by the loader, which decides whether start-up may go on.
    }
  }
  const prefixes = new Map<string, string>();
  for (const m of modules) {
    const other = prefixes.get(m.routePrefix);
    if (other) throw new Error(`Plugins ${other} and ${m.manifest.name} share the route prefix "${m.routePrefix}"`);
    prefixes.set(m.routePrefix, m.manifest.name);
  }
  return modules;
}
