/** The platform registry as the API shows it: the catalog, the admin table, sync reports, the audit trail. */
import type { HookName } from './plugin-runtime';

export type PluginModeName = 'enforce' | 'permissive' | 'disabled';
export type ChainLevelName = 'mandatory' | 'global' | 'team' | 'user' | 'server';
export type AuditLevelName = 'global' | 'mandatory' | 'team' | 'user' | 'server' | 'platform';

/** Where the caller may use a plugin in their own settings (platform admins: everywhere). */
export interface PluginAvailability {
  team: boolean;
  user: boolean;
  server: boolean;
  /** Why some level is not available, for a tooltip. */
  reason?: string;
}

/** One plugin of `GET /plugins`. */
export interface PluginCatalogItem {
  name: string;
  kind: string;
  version: string;
  description: string;
  mandatory: boolean;
  enabledGlobally: boolean;
  allowTeamOverride: boolean;
  allowUserOverride: boolean;
  allowServerOverride: boolean;
  mode: PluginModeName;
  priority: number;
  requires: string[];
  conflictsWith: string[];
  defaultConfig: Record<string, unknown>;
  configSchema: Record<string, unknown> | null;
  /** Whether the plugin's package is loaded in this instance. */
  status: 'available' | 'unavailable';
  statusReason: string | null;
  /** The hooks the loaded plugin implements, in HOOK_NAMES order; empty when it is not loaded. */
  hooks: HookName[];
  availability: PluginAvailability;
}

/** `GET /plugins`: every registry plugin, sorted by name. */
export interface PluginCatalog {
  items: PluginCatalogItem[];
}

/** Policy fields an admin may change with `PATCH /admin/plugins/global/:pluginName`. */
export interface RegistryPolicyFields {
  description: string;
  enabledGlobally: boolean;
  availableForTeams: boolean;
  availableForUsers: boolean;
  allowTeamOverride: boolean;
  allowUserOverride: boolean;
  allowServerOverride: boolean;
  requires: string[];
  conflictsWith: string[];
  defaultConfig: Record<string, unknown>;
  priority: number;
  mode: PluginModeName;
}

/** One row of the admin registry table. */
export interface RegistryEntryView extends RegistryPolicyFields {
  name: string;
  kind: string;
  version: string;
  mandatory: boolean;
  configSchema: Record<string, unknown> | null;
  managedBy: 'yaml' | 'api';
  /** Fields whose value was changed through the API since the last sync from the YAML. */
  apiChangedFields: string[];
  /** Optimistic concurrency: send it back (body `revision` or `If-Match`) when changing the entry. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface UpdateRegistryEntryRequest extends Partial<RegistryPolicyFields> {
  revision?: number;
  reason?: string;
  dryRun?: boolean;
}

export interface PlannedChainEntry {
  name: string;
  level: ChainLevelName;
  overriddenBy: string[];
  enabled: true;
  priority: number;
  mode: PluginModeName;
  config: Record<string, unknown>;
  configSources: Record<string, string>;
}

export interface PlannedChange {
  plugin: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  fields: string[];
}

export interface ServerImpact {
  serverId: string;
  serverName: string;
  before: PlannedChainEntry[];
  after: PlannedChainEntry[];
  changes: PlannedChange[];
  degradedBefore: boolean;
  degradedAfter: boolean;
}

/** The chains a registry change alters: only the servers whose chain changes are listed. */
export interface RegistryImpact {
  servers: ServerImpact[];
  summary: { servers: number; serversChanged: number; added: number; removed: number; changed: number };
}

export interface RegistryUpdateResult {
  dryRun: boolean;
  /** The fields the request changes (empty: nothing to do). */
  changedFields: string[];
  entry: RegistryEntryView;
  impact: RegistryImpact;
}

export interface RegistryList {
  items: RegistryEntryView[];
}

/** What `plugins sync` did (or, with dryRun, would do). Field names are the API's camelCase ones. */
export interface RegistrySyncReport {
  file: string;
  dryRun: boolean;
  force: boolean;
  created: string[];
  updated: { name: string; fields: string[] }[];
  kept: { name: string; fields: string[]; reason: string }[];
  removed: string[];
  unchanged: string[];
  warnings: string[];
}

export interface SyncRegistryRequest {
  force?: boolean;
  dryRun?: boolean;
  reason?: string;
}

export interface AuditLogEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  level: string;
  pluginName: string | null;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown> | null;
  reason: string | null;
  requestId: string | null;
}

export interface AuditLogPage {
  items: AuditLogEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
