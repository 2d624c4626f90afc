/**
 * The plugin modules known when the application is built (SPEC 7 discovery): the built-in libs,
 * plus every package directory named in PLUGBOARD_PLUGIN_PATHS whose package.json carries a
 * `"plugboard": {"plugin": "./entry.js"}` field. Nest cannot add routes after start-up, so the
 * plugin routes are mounted from this list; the runtime loader may use the same function.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Type } from '@nestjs/common';
import { defaultRoutePrefix, pluginManifestOf, type PluginManifest } from '@plugboard/plugin-sdk';
import * as auditLogger from '@plugboard/plugin-audit-logger';
import * as authentication from '@plugboard/plugin-authentication';
import * as caching from '@plugboard/plugin-caching';
import * as customMetrics from '@plugboard/plugin-custom-metrics';
import * as denyFilter from '@plugboard/plugin-deny-filter';
import * as piiFilter from '@plugboard/plugin-pii-filter';
import * as regexFilter from '@plugboard/plugin-regex-filter';
import * as resourceFilter from '@plugboard/plugin-resource-filter';
import type { Settings } from '../config/settings';

export interface KnownPluginModule {
  /** The registry `kind`: the package name. */
  kind: string;
  module: Type<unknown>;
  manifest: PluginManifest;
  /** Where the routes are mounted: /api/ext/<routePrefix>. */
  routePrefix: string;
}

const BUILT_IN: Record<string, Record<string, unknown>> = {
  '@plugboard/plugin-audit-logger': auditLogger,
  '@plugboard/plugin-authentication': authentication,
  '@plugboard/plugin-caching': caching,
  '@plugboard/plugin-custom-metrics': customMetrics,
  '@plugboard/plugin-deny-filter': denyFilter,
  '@plugboard/plugin-pii-filter': piiFilter,
  '@plugboard/plugin-regex-filter': regexFilter,
  '@plugboard/plugin-resource-filter': resourceFilter,
};

function pluginModuleIn(kind: string, exports: Record<string, unknown>): KnownPluginModule | null {
  for (const value of Object.values(exports)) {
    const manifest = pluginManifestOf(value);
    if (manifest) {
      return { kind, module: value as Type<unknown>, manifest, routePrefix: manifest.routePrefix ?? defaultRoutePrefix(manifest.name) };
    }
  }
  return null;
}

/** A plugin package directory: its package.json names the entry in `plugboard.plugin`. */
export function loadPluginPackage(dir: string): KnownPluginModule {
  const pkgPath = join(dir, 'package.json');
  if (!existsSync(pkgPath)) throw new Error(`Plugin package ${dir} has no package.json`);
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { name?: string; plugboard?: { plugin?: string } };
  const entry = pkg.plugboard?.plugin;
  if (!pkg.name || typeof entry !== 'string') throw new Error(`${pkgPath} needs "name" and "plugboard": {"plugin": "<entry>"}`);
  // Runtime require of a package chosen by the operator (webpack must not bundle it).
  const req = (typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require) as NodeJS.Require;
  const found = pluginModuleIn(pkg.name, req(resolve(dir, entry)) as Record<string, unknown>);
  if (!found) throw new Error(`${pkg.name}: ${entry} exports no @PlugboardPlugin module`);
  return found;
}

declare const __non_webpack_require__: NodeJS.Require | undefined;

/** Every plugin module known for these settings; a broken package fails start-up. */
export function pluginModulesForRouting(settings: Pick<Settings, 'pluginPaths'>): KnownPluginModule[] {
  const modules: KnownPluginModule[] = [];
  for (const [kind, exports] of Object.entries(BUILT_IN)) {
    const found = pluginModuleIn(kind, exports);
    if (found) modules.push(found);
  }
  for (const dir of settings.pluginPaths ?? []) modules.push(loadPluginPackage(dir));
  const prefixes = new Map<string, string>();
  for (const m of modules) {
    const other = prefixes.get(m.routePrefix);
    if (other) throw new Error(`Plugins ${other} and ${m.manifest.name} share the route prefix "${m.routePrefix}"`);
    prefixes.set(m.routePrefix, m.manifest.name);
  }
  return modules;
}
