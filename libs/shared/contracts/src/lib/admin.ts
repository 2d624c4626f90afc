// Admin operations: promote/demote, policy snapshots, notifications (SPEC §9).

/** Body of promote, demote and restore. */
export interface PolicyChangeRequest {
  dryRun?: boolean;
  reason?: string;
}

export interface RegistryFlags {
  mandatory: boolean;
  enabledGlobally: boolean;
  availableForTeams: boolean;
  availableForUsers: boolean;
}

export interface ServersImpactSummary {
  total: number;
  affected: number;
  added: number;
  changed: number;
  removed: number;
  degradedAfter: number;
  truncated: boolean;
}

export interface RowGroupSummary {
  total: number;
  byLevel: { team: number; user: number; server: number };
  truncated: boolean;
}

export interface TeamsNotifiedSummary {
  notified: number;
  owners: number;
  items: { teamId: string; slug: string; name: string; owners: string[] }[];
  truncated: boolean;
}

/** The answer of promote-to-mandatory / demote-to-optional (with dryRun nothing changed). */
export interface PromotionImpact {
  pluginName: string;
  operation: 'promote' | 'demote';
  dryRun: boolean;
  summary: string;
  snapshotId: string | null;
  registry: { before: RegistryFlags; after: RegistryFlags };
  servers: ServersImpactSummary;
  rows: { removed: RowGroupSummary; kept: RowGroupSummary };
  teams: TeamsNotifiedSummary;
}

export interface SnapshotSummary {
  id: string;
  createdAt: string;
  trigger: 'promote' | 'demote' | 'restore' | 'sync' | 'manual';
  actorId: string | null;
  actorEmail: string | null;
  reason: string | null;
  counts: { registry: number; team: number; user: number; server: number };
}

export interface SnapshotPage {
  items: SnapshotSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface RestoreResult {
  snapshotId: string;
  snapshotCreatedAt: string;
  dryRun: boolean;
  summary: string;
  preRestoreSnapshotId: string | null;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  /** null while unread */
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unreadCount: number;
  limit: number;
  offset: number;
}

/** The level that put a plugin in a server's chain (or switched it off). */
export type UsageLevel = 'mandatory' | 'global' | 'team' | 'user' | 'server';

export interface UsageReportQuery {
  plugin?: string;
  team?: string;
  user?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface PluginAdoption {
  name: string;
  mandatory: boolean;
  enabledGlobally: boolean;
  availableForTeams: boolean;
  availableForUsers: boolean;
  servers: number;
  byLevel: Record<UsageLevel, number>;
  disabled: number;
}

export interface RecentChange {
  id: string;
  at: string;
  actorEmail: string | null;
  action: string;
  pluginName: string | null;
  level: string;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  summary: string;
}

export interface UsageCell {
  plugin: string;
  level: UsageLevel;
  enabled: boolean;
  configSummary: string;
  modifiedBy: string;
  modifiedAt: string | null;
}

export interface ServerUsage {
  serverId: string;
  serverName: string;
  teamId: string | null;
  teamName: string | null;
  ownerEmail: string;
  degraded: boolean;
  cells: UsageCell[];
}

export interface SettingUsage {
  entityId: string;
  entityName: string;
  enabled: boolean;
  config: Record<string, unknown>;
  configSummary: string;
  inheritConfig: boolean;
  modifiedBy: string;
  modifiedAt: string;
}

export interface PluginDrillDown {
  plugin: string;
  mandatory: boolean;
  summary: string;
  serversUsing: number;
  serversTotal: number;
  servers: { serverId: string; serverName: string; level: UsageLevel }[];
  teamConfigs: SettingUsage[];
  userOverrides: SettingUsage[];
  serverOverrides: SettingUsage[];
}

export interface UsageReport {
  generatedAt: string;
  totals: {
    servers: number;
    plugins: number;
    teamSettings: number;
    userSettings: number;
    serverSettings: number;
  };
  plugins: PluginAdoption[];
  unusedPlugins: { name: string; summary: string }[];
  recentChanges: RecentChange[];
  timeline: { date: string; changes: number }[];
  matrix: {
    plugins: string[];
    total: number;
    limit: number;
    offset: number;
    servers: ServerUsage[];
  };
  drillDown: PluginDrillDown | null;
}
