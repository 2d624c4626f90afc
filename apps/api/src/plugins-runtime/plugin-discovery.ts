/** Discovery of installed plugin packages: a package.json with `"plugboard": {"plugin": "<entry>"}` (SPEC 7). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pluginManifestOf, type PluginManifest } from '@plugboard/plugin-sdk';

export interface DiscoveredPackage {
  name: string;
  dir: string;
  entry: string;
}

export interface LoadedKind {
  kind: string;
  module: unknown;
  manifest: PluginManifest;
}

export class PluginLoadError extends Error {
  constructor(readonly kind: string, reason: string) {
    super(`${kind}: ${reason}`);
    this.name = 'PluginLoadError';
  }
}

function readPlugboardField(dir: string): DiscoveredPackage | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; plugboard?: { plugin?: unknown } };
    const entry = pkg.plugboard?.plugin;
    if (typeof pkg.name !== 'string' || typeof entry !== 'string') return null;
    return { name: pkg.name, dir, entry };
  } catch {
    return null;
  }
}

/** Every package under `nodeModules` (top level and @scope dirs) that declares itself a Plugboard plugin. */
export function discoverPluginPackages(nodeModules = resolve(process.cwd(), 'node_modules')): DiscoveredPackage[] {
  if (!existsSync(nodeModules)) return [];
  const found: DiscoveredPackage[] = [];
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      let scoped: string[];
      try {
        scoped = readdirSync(join(nodeModules, name));
      } catch {
        continue;
      }
      for (const inner of scoped) {
        const pkg = readPlugboardField(join(nodeModules, name, inner));
        if (pkg) found.push(pkg);
      }
    } else {
      const pkg = readPlugboardField(join(nodeModules, name));
      if (pkg) found.push(pkg);
    }
  }
  return found;
}

/** The first export of a module that is a decorated plugin module, or a clear error naming the package. */
export function pluginFromExports(kind: string, exported: unknown): LoadedKind {
  const candidates = exported && (typeof exported === 'object' || typeof exported === 'function') ? [exported, ...Object.values(exported as object)] : [];
  for (const candidate of candidates) {
    const manifest = pluginManifestOf(candidate);
    if (manifest) return { kind, module: candidate, manifest };
  }
  throw new PluginLoadError(kind, 'the package exports no Nest module decorated with @PlugboardPlugin');
}

/** Package directories named explicitly (PLUGBOARD_PLUGIN_PATHS), each with the plugboard field. */
export function discoverPluginPackagesIn(dirs: readonly string[]): DiscoveredPackage[] {
  return dirs.map((dir) => {
    const pkg = readPlugboardField(resolve(dir));
    if (!pkg) throw new PluginLoadError(dir, 'package.json needs "name" and "plugboard": {"plugin": "<entry>"}');
    return pkg;
  });
}

declare const __non_webpack_require__: NodeJS.Require | undefined;

/** Node's own require: the built API is a webpack bundle, and plugin packages are not in it. */
const runtimeRequire = (typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require) as NodeJS.Require;

/** Loads a discovered package's entry point. */
export function loadDiscovered(pkg: DiscoveredPackage): LoadedKind {
  let exported: unknown;
  try {
    exported = runtimeRequire(resolve(pkg.dir, pkg.entry));
  } catch (error) {
    throw new PluginLoadError(pkg.name, `its entry point ${pkg.entry} failed to load: ${error instanceof Error ? error.message : String(error)}`);
  }
  return pluginFromExports(pkg.name, exported);
}
