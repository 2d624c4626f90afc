/** Factories for tests of the API, CLI and benchmarks: a valid entry or row with overrides. */
import type {
  RegistryEntry,
  SettingLevel,
  SettingRow,
} from '../lib/registry.model';
import { registryDefaults } from '../lib/registry-yaml-fields';

/** A registry entry with the YAML defaults, named and kinded after `name`. */
export function newRegistryEntry(
  name: string,
  overrides: Partial<RegistryEntry> = {},
): RegistryEntry {
  const entry: RegistryEntry = {
    ...registryDefaults(),
    name,
    kind: `@plugboard/plugin-${kebab(name)}`,
    version: '1.0.0',
  };
  Object.assign(entry, overrides);
  if (entry.mandatory && overrides.enabledGlobally === undefined)
    entry.enabledGlobally = true;
  return entry;
}

/** An enabling, inheriting row without config or priority, with overrides. */
export function newSettingRow(
  level: SettingLevel,
  pluginName: string,
  overrides: Partial<SettingRow> = {},
): SettingRow {
  return {
    level,
    pluginName,
    enabled: true,
    config: {},
    priority: null,
    inheritConfig: true,
    ...overrides,
  };
}

function kebab(name: string): string {
  return name
    .replace(/Plugin$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
