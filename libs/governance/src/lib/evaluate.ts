/** Steps 1-4 of SPEC 3: per-plugin state after every level, and the sorted (unchecked) chain. */
import { deepMerge } from './deep-merge';
import { cloneJson } from './json-value';
import {
  DEFAULT_LEVEL_PRIORITY,
  LEVEL_RANK,
  SETTING_LEVELS,
  overrideAllowed,
  type JsonObject,
  type Layers,
  type Level,
  type PluginMode,
  type RegistryEntry,
  type SettingLevel,
  type SettingRow,
} from './registry.model';
import { compareText, type RegistryIndex } from './validity';

export interface ResolveOptions {
  /** `PLUGBOARD_PLUGIN_RBAC_ENABLED`; when false only the registry (step 1) counts. */
  rbacEnabled: boolean;
}

export interface ChainEntry {
  name: string;
  /** Origin: the level that first put the plugin in the chain. */
  level: Level;
  /** Levels whose row changed the plugin after its origin, in order. */
  overriddenBy: SettingLevel[];
  enabled: true;
  priority: number;
  mode: PluginMode;
  /** The effective config. */
  config: JsonObject;
  /** Which level set each top-level key of `config` (registry defaults: mandatory/global). */
  configSources: Record<string, Level>;
}

export type IgnoredRowCode =
  | 'PLUGIN_NOT_FOUND'
  | 'OVERRIDE_NOT_ALLOWED'
  | 'MANDATORY_PLUGIN'
  | 'DUPLICATE_ROW'
  | 'RBAC_DISABLED';

/** A row (or, for `MANDATORY_PLUGIN`, the `enabled`/`priority` part of one) that had no effect. */
export interface IgnoredRow {
  level: SettingLevel;
  pluginName: string;
  code: IgnoredRowCode;
  reason: string;
}

/** A plugin after steps 1-3, enabled or not; `origin` null = never entered the chain. */
export interface PluginState {
  entry: RegistryEntry;
  enabled: boolean;
  origin: Level | null;
  priority: number;
  /** Still the registry's object until a row combines in; cloned before it leaves. */
  config: JsonObject;
  /** null = every key comes from the registry default. */
  configSources: Record<string, Level> | null;
  overriddenBy: SettingLevel[];
}

export interface Evaluation {
  /** In registry order. */
  states: Map<string, PluginState>;
  ignored: IgnoredRow[];
}

/** Steps 1-3 for every registry plugin. Rows of a layer are taken to be at that layer's level. */
export function evaluateLayers(
  index: RegistryIndex,
  layers: Layers,
  options: ResolveOptions,
): Evaluation {
  const states = new Map<string, PluginState>();
  for (const entry of index.values()) {
    states.set(entry.name, {
      entry,
      enabled: entry.mandatory || entry.enabledGlobally,
      origin: entry.mandatory
        ? 'mandatory'
        : entry.enabledGlobally
          ? 'global'
          : null,
      priority: entry.priority,
      config: entry.defaultConfig,
      configSources: null,
      overriddenBy: [],
    });
  }
  const ignored: IgnoredRow[] = [];
  for (const level of SETTING_LEVELS) {
    const rows = layers[level];
    if (!rows || rows.length === 0) continue;
    const seen = new Set<string>();
    for (const row of rows) {
      const ignore = (code: IgnoredRowCode, reason: string): void => {
        ignored.push({ level, pluginName: row.pluginName, code, reason });
      };
      const state = states.get(row.pluginName);
      if (seen.has(row.pluginName))
        ignore('DUPLICATE_ROW', `a second ${level} row for ${row.pluginName}`);
      else if (!state)
        ignore(
          'PLUGIN_NOT_FOUND',
          `${row.pluginName} is not in the plugin registry`,
        );
      else if (!options.rbacEnabled)
        ignore(
          'RBAC_DISABLED',
          'plugin RBAC is off: only the registry applies',
        );
      else applyRow(state, level, row, ignore);
      seen.add(row.pluginName);
    }
  }
  // Sorted so the explanation does not depend on the order rows were read in.
  ignored.sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      compareText(a.pluginName, b.pluginName) ||
      compareText(a.code, b.code),
  );
  return { states, ignored };
}

/** Step 2 for one row. */
function applyRow(
  state: PluginState,
  level: SettingLevel,
  row: SettingRow,
  ignore: (code: IgnoredRowCode, reason: string) => void,
): void {
  const { entry } = state;
  const allowed = overrideAllowed(entry, level);
  if (entry.mandatory) {
    if (!allowed) {
      ignore(
        'OVERRIDE_NOT_ALLOWED',
        `${entry.name} is mandatory and does not allow ${level} overrides`,
      );
      return;
    }
    const dropped = [
      row.enabled ? null : 'enabled: false',
      row.priority === null ? null : 'priority',
    ].filter(Boolean);
    if (dropped.length > 0) {
      ignore(
        'MANDATORY_PLUGIN',
        `${entry.name} is mandatory: ${dropped.join(' and ')} ignored, config applied`,
      );
    }
    combineConfig(state, level, row);
    state.overriddenBy.push(level);
    return;
  }
  if (state.origin !== null) {
    if (!allowed) {
      ignore(
        'OVERRIDE_NOT_ALLOWED',
        `${entry.name} is set at the ${state.origin} level and does not allow ${level} overrides`,
      );
      return;
    }
    state.enabled = row.enabled;
    combineConfig(state, level, row);
    state.priority = row.priority ?? state.priority;
    state.overriddenBy.push(level);
    return;
  }
  state.enabled = row.enabled;
  state.origin = level;
  combineConfig(state, level, row);
  state.priority = row.priority ?? DEFAULT_LEVEL_PRIORITY[level];
}

/** Step 3: inherit merges into what is there; otherwise restart from the registry default. */
function combineConfig(
  state: PluginState,
  level: SettingLevel,
  row: SettingRow,
): void {
  const base = row.inheritConfig ? state.config : state.entry.defaultConfig;
  state.config = deepMerge(base, row.config);
  const sources =
    row.inheritConfig && state.configSources
      ? state.configSources
      : registrySources(state.entry);
  for (const key of Object.keys(row.config)) {
    if (Object.prototype.hasOwnProperty.call(state.config, key))
      sources[key] = level;
  }
  state.configSources = sources;
}

function registrySources(entry: RegistryEntry): Record<string, Level> {
  const level: Level = entry.mandatory ? 'mandatory' : 'global';
  const sources: Record<string, Level> = {};
  for (const key of Object.keys(entry.defaultConfig)) sources[key] = level;
  return sources;
}

/** Step 4: the enabled plugins as chain entries, sorted by (priority, level rank, name). */
export function toChain(
  states: Iterable<PluginState>,
  exclude?: ReadonlySet<string>,
): ChainEntry[] {
  const chain: ChainEntry[] = [];
  for (const state of states) {
    if (
      !state.enabled ||
      state.origin === null ||
      exclude?.has(state.entry.name)
    )
      continue;
    chain.push({
      name: state.entry.name,
      level: state.origin,
      overriddenBy: [...state.overriddenBy],
      enabled: true,
      priority: state.priority,
      mode: state.entry.mode,
      config:
        state.config === state.entry.defaultConfig
          ? cloneJson(state.config)
          : state.config,
      configSources: state.configSources
        ? { ...state.configSources }
        : registrySources(state.entry),
    });
  }
  return chain.sort(compareChainEntries);
}

export function compareChainEntries(a: ChainEntry, b: ChainEntry): number {
  return (
    a.priority - b.priority ||
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
    compareText(a.name, b.name)
  );
}
