/**
 * Plugin settings at the team, user and server levels as the API shows them
 * (apps/api/src/governance/dto: plugin-setting.dto.ts and setting-views.dto.ts).
 */

/** A level that has its own setting rows. */
export type PluginSettingLevel = 'team' | 'user' | 'server';
/** Where a plugin's state in a chain comes from. */
export type PluginOrigin = 'mandatory' | 'global' | 'team' | 'user' | 'server';
export type PluginBadge =
  | 'MANDATORY'
  | 'GLOBAL DEFAULT'
  | 'TEAM DEFAULT'
  | 'USER DEFAULT'
  | 'SERVER SPECIFIC';
export type ChainPluginMode = 'enforce' | 'permissive' | 'disabled';

/** One stored row (`SettingViewDto`). */
export interface PluginSettingView {
  pluginName: string;
  level: PluginSettingLevel;
  enabled: boolean;
  config: Record<string, unknown>;
  priority: number | null;
  /** `inherit_config`, or `inherit_team_config` on user rows. */
  inheritConfig: boolean;
  /** Send it back as `version` (or If-Match) to update safely. */
  version: number;
  updatedAt: string | null;
}

/** One registry plugin as a level of one entity sees it (`LevelPluginDto`). */
export interface LevelPluginView {
  name: string;
  mandatory: boolean;
  /** Enabled in this level's template chain. */
  enabled: boolean;
  badge: PluginBadge | null;
  origin: PluginOrigin | null;
  priority: number | null;
  config: Record<string, unknown> | null;
  canToggle: boolean;
  canConfigure: boolean;
  /** Why the caller may not change it. */
  reason: string | null;
  /** The entity's own row at this level, if any. */
  setting: PluginSettingView | null;
}

/** `GET /teams/:teamId/plugins` and `GET /users/me/plugins` (`LevelSettingsDto`). */
export interface LevelPluginSettings {
  level: PluginSettingLevel;
  /** The team, user or server id. */
  entityId: string;
  canWrite: boolean;
  plugins: LevelPluginView[];
}

/** One enabled plugin of a resolved chain (as in write plans). */
export interface ChainEntryView {
  name: string;
  /** Origin: the level that first put the plugin in the chain. */
  level: PluginOrigin;
  /** Levels whose row changed the plugin after its origin, in order. */
  overriddenBy: PluginSettingLevel[];
  enabled: true;
  priority: number;
  mode: ChainPluginMode;
  /** The effective config. */
  config: Record<string, unknown>;
  /** Which level set each top-level key of `config`. */
  configSources: Record<string, PluginOrigin>;
}

/** A chain entry of `GET /servers/:serverId/plugins` (`ChainEntryDto`). */
export interface ServerChainEntry extends ChainEntryView {
  badge: PluginBadge;
}

/** A setting row that had no effect on the chain (`IgnoredRowDto`). */
export interface IgnoredSettingRow {
  level: PluginSettingLevel;
  pluginName: string;
  code: string;
  reason: string;
}

/** Why a chain is invalid (`ChainProblemDto`). */
export interface ChainProblemView {
  code: string;
  plugin: string;
  other: string;
  message: string;
  suggestions?: string[];
}

/** `GET /servers/:serverId/plugins` (`ServerChainDto`). */
export interface ServerPluginChain {
  serverId: string;
  /** Execution order. */
  chain: ServerChainEntry[];
  ignored: IgnoredSettingRow[];
  degraded: boolean;
  problems: ChainProblemView[];
  canWrite: boolean;
  /** Every plugin as the server level sees it. */
  plugins: LevelPluginView[];
}

export type ChainChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface ChainChange {
  plugin: string;
  change: ChainChangeKind;
  /** For `changed`: which fields differ (config, priority, level, mode). */
  fields: string[];
}

/** One chain before and after a write. */
export interface ChainPlanView {
  before: ChainEntryView[];
  after: ChainEntryView[];
  changes: ChainChange[];
  degradedBefore: boolean;
  degradedAfter: boolean;
}

export interface ServerChainPlan extends ChainPlanView {
  serverId: string;
}

/** The level's own template chain and every affected server. */
export interface SettingWritePlan {
  template: ChainPlanView;
  servers: ServerChainPlan[];
}

/** What every setting write answers (`WriteOutcomeDto`); with `dryRun` nothing was committed. */
export interface SettingWriteOutcome {
  dryRun: boolean;
  setting: PluginSettingView | null;
  /** Requirements enabled at the same level. */
  autoEnabled: string[];
  plan: SettingWritePlan;
}

/** Fields every setting write shares. */
interface PluginSettingWriteFields {
  enabled: boolean;
  config?: Record<string, unknown>;
  /** 0..100000; null: the level's default (or the one already in effect). */
  priority?: number | null;
  /** Optimistic concurrency: the version this write expects. */
  version?: number;
  reason?: string;
  autoEnableRequirements?: boolean;
  dryRun?: boolean;
}

/** `PUT /teams/:teamId/plugins/:pluginName` and `PUT /servers/:serverId/plugins/:pluginName`. */
export interface PluginSettingRequest extends PluginSettingWriteFields {
  /** Merge into the config from the levels above (default true). */
  inheritConfig?: boolean;
}

/** `PUT /users/me/plugins/:pluginName`. */
export interface UserPluginSettingRequest extends PluginSettingWriteFields {
  /** Merge into the team's config (default true). */
  inheritTeamConfig?: boolean;
}

/** `POST /teams/:teamId/plugins`, `POST /servers/:serverId/plugins`. */
export interface CreatePluginSettingRequest extends PluginSettingRequest {
  pluginName: string;
}

/** `POST /users/me/plugins`. */
export interface CreateUserPluginSettingRequest
  extends UserPluginSettingRequest {
  pluginName: string;
}

/** The body of `DELETE …/plugins/:pluginName`. */
export interface DeletePluginSettingRequest {
  version?: number;
  reason?: string;
  dryRun?: boolean;
}

/** An entry of a `CONFIG_INVALID` problem's `errors`: pointer relative to the plugin's config. */
export interface PluginConfigError {
  pointer: string;
  message: string;
  keyword?: string;
  /** The row alone, the level's template chain, or one server's chain. */
  scope?: 'row' | 'template' | 'server';
  serverId?: string;
  pluginName?: string;
}
