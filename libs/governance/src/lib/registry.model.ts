/** The governance model: registry entries, setting rows and the level vocabulary. */

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Where a chain entry came from; `mandatory` and `global` are the platform. */
export type Level = 'mandatory' | 'global' | 'team' | 'user' | 'server';
/** Levels that hold setting rows. */
export type SettingLevel = 'team' | 'user' | 'server';
/** How the runtime treats a plugin's verdicts; resolution carries it through unchanged. */
export type PluginMode = 'enforce' | 'permissive' | 'disabled';

export const SETTING_LEVELS: readonly SettingLevel[] = [
  'team',
  'user',
  'server',
];
export const PLUGIN_MODES: readonly PluginMode[] = [
  'enforce',
  'permissive',
  'disabled',
];

/** Sort rank of an origin level, second sort key of a chain (SPEC 3.4). */
export const LEVEL_RANK: Readonly<Record<Level, number>> = {
  mandatory: 0,
  global: 1,
  team: 2,
  user: 3,
  server: 4,
};

/** Priority of a plugin first enabled at a level by a row without a priority (SPEC 3.2). */
export const DEFAULT_LEVEL_PRIORITY: Readonly<Record<SettingLevel, number>> = {
  team: 50,
  user: 60,
  server: 70,
};

/** The platform's policy for one plugin (a row of `global_plugin_registry`). */
export interface RegistryEntry {
  name: string;
  /** The plugin's package name. */
  kind: string;
  version: string;
  description: string;
  mandatory: boolean;
  enabledGlobally: boolean;
  availableForTeams: boolean;
  availableForUsers: boolean;
  allowTeamOverride: boolean;
  allowUserOverride: boolean;
  allowServerOverride: boolean;
  requires: string[];
  conflictsWith: string[];
  defaultConfig: JsonObject;
  priority: number;
  mode: PluginMode;
  /** The JSON Schema the plugin ships for its config; absent = any object is accepted. */
  configSchema?: JsonObject | null;
}

/** One setting row at a level. On user rows `inheritConfig` carries `inherit_team_config`. */
export interface SettingRow {
  level: SettingLevel;
  pluginName: string;
  enabled: boolean;
  config: JsonObject;
  priority: number | null;
  inheritConfig: boolean;
}

/**
 * The rows that apply to one chain: the server's team, the server's owner and the
 * server itself. A template chain (SPEC 4) simply omits the levels below its own.
 */
export interface Layers {
  team?: readonly SettingRow[];
  user?: readonly SettingRow[];
  server?: readonly SettingRow[];
}

/** `allow_L_override` of an entry for level L. */
export function overrideAllowed(
  entry: RegistryEntry,
  level: SettingLevel,
): boolean {
  switch (level) {
    case 'team':
      return entry.allowTeamOverride;
    case 'user':
      return entry.allowUserOverride;
    case 'server':
      return entry.allowServerOverride;
  }
}

/** Availability of a plugin for rows at a level: server rows are written by users. */
export function availableAt(
  entry: RegistryEntry,
  level: SettingLevel,
): boolean {
  return level === 'team' ? entry.availableForTeams : entry.availableForUsers;
}
