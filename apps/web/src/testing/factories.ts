// Test data builders: sensible defaults, unique ids, override what the test is about.
import { HttpErrorResponse } from '@angular/common/http';
import type {
  AuditLogEntry,
  BootstrapPayload,
  ChainEntryView,
  ChainPlanView,
  InvokeResponse,
  LevelPluginSettings,
  LevelPluginView,
  Me,
  NotificationPage,
  NotificationView,
  Page,
  PluginCatalogItem,
  PluginSettingView,
  PluginSlotEntry,
  ProblemDetails,
  PromotionImpact,
  RegistryEntryView,
  ServerChainEntry,
  ServerChainPlan,
  ServerDetail,
  ServerPluginChain,
  ServerSummary,
  SettingWriteOutcome,
  TeamDetail,
  TeamRef,
  TeamSummary,
  Tool,
  TraceEntry,
} from '@plugboard/shared-contracts';
import type { CallLogItem } from '../app/plugin-ui/audit-logger/call-log-api';

let sequence = 0;
const next = (): number => ++sequence;

export function newTeamRef(overrides: Partial<TeamRef> = {}): TeamRef {
  const n = next();
  return {
    id: `team-${n}`,
    slug: `team-${n}`,
    name: `Team ${n}`,
    role: 'member',
    ...overrides,
  };
}

export function newMe(overrides: Partial<Me> = {}): Me {
  const n = next();
  return {
    id: `user-${n}`,
    email: `user${n}@example.com`,
    displayName: `User ${n}`,
    platformRole: 'user',
    pluginCustomizationAllowed: true,
    teams: [newTeamRef()],
    ...overrides,
  };
}

export function newServerSummary(
  overrides: Partial<ServerSummary> = {},
): ServerSummary {
  const n = next();
  return {
    id: `server-${n}`,
    name: `server_${n}`,
    description: `Server number ${n}`,
    ownerId: 'user-owner',
    ownerEmail: 'owner@example.com',
    teamId: 'team-eng',
    teamName: 'Engineering',
    toolCount: 2,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function newTool(overrides: Partial<Tool> = {}): Tool {
  const n = next();
  return {
    name: `tool_${n}`,
    description: `Tool number ${n}`,
    inputSchema: { type: 'object' },
    resource: null,
    target: { type: 'echo' },
    ...overrides,
  };
}

export function newServerDetail(
  overrides: Partial<ServerDetail> = {},
): ServerDetail {
  return {
    ...newServerSummary(),
    tools: [newTool({ name: 'echo' }), newTool({ name: 'search' })],
    permissions: {
      update: true,
      delete: true,
      manageTools: true,
      invoke: true,
    },
    ...overrides,
  };
}

export function newPage<T>(
  items: T[],
  overrides: Partial<Page<T>> = {},
): Page<T> {
  return { items, total: items.length, limit: 20, offset: 0, ...overrides };
}

export function newTraceEntry(overrides: Partial<TraceEntry> = {}): TraceEntry {
  return {
    plugin: `plugin-${next()}`,
    hook: 'tool_pre_invoke',
    outcome: 'continue',
    durationMs: 0.12,
    ...overrides,
  };
}

export function newInvokeResponse(
  overrides: Partial<InvokeResponse> = {},
): InvokeResponse {
  return {
    result: { ok: true },
    trace: [newTraceEntry()],
    durationMs: 1.5,
    ...overrides,
  };
}

export function newProblem(
  overrides: Partial<ProblemDetails> = {},
): ProblemDetails {
  return {
    type: 'https://plugboard.dev/problems/validation-failed',
    title: 'Validation failed',
    status: 400,
    detail: `Problem ${next()}`,
    code: 'VALIDATION_FAILED',
    ...overrides,
  };
}

/** What HttpClient throws for a problem+json answer. */
export function problemResponse(
  problem: ProblemDetails,
  url = '/api/test',
): HttpErrorResponse {
  return new HttpErrorResponse({
    error: problem,
    status: problem.status,
    statusText: problem.title,
    url,
  });
}

export function newTeamSummary(
  overrides: Partial<TeamSummary> = {},
): TeamSummary {
  const n = next();
  return {
    id: `team-${n}`,
    slug: `team-${n}`,
    name: `Team ${n}`,
    description: `Team number ${n}`,
    myRole: 'member',
    memberCount: 3,
    ...overrides,
  };
}

export function newTeamDetail(overrides: Partial<TeamDetail> = {}): TeamDetail {
  return {
    ...newTeamSummary(),
    members: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A stored row at a level; `level` defaults to team. */
export function newPluginSetting(
  overrides: Partial<PluginSettingView> = {},
): PluginSettingView {
  return {
    pluginName: `Plugin${next()}`,
    level: 'team',
    enabled: true,
    config: {},
    priority: null,
    inheritConfig: true,
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** An optional plugin, off, that the caller may switch on (override what the test is about). */
export function newLevelPlugin(
  overrides: Partial<LevelPluginView> = {},
): LevelPluginView {
  return {
    name: `Plugin${next()}`,
    mandatory: false,
    enabled: false,
    badge: null,
    origin: null,
    priority: null,
    config: null,
    canToggle: true,
    canConfigure: true,
    reason: null,
    setting: null,
    ...overrides,
  };
}

/** A mandatory plugin as a level sees it: always on, not switchable. */
export function newMandatoryPlugin(
  overrides: Partial<LevelPluginView> = {},
): LevelPluginView {
  return newLevelPlugin({
    mandatory: true,
    enabled: true,
    badge: 'MANDATORY',
    origin: 'mandatory',
    priority: 1,
    config: {},
    canToggle: false,
    canConfigure: false,
    reason: 'Mandatory: always on and not configurable at this level',
    ...overrides,
  });
}

export function newLevelSettings(
  plugins: LevelPluginView[],
  overrides: Partial<LevelPluginSettings> = {},
): LevelPluginSettings {
  return {
    level: 'team',
    entityId: `entity-${next()}`,
    canWrite: true,
    plugins,
    ...overrides,
  };
}

export function newChainEntry(
  overrides: Partial<ChainEntryView> = {},
): ChainEntryView {
  return {
    name: `Plugin${next()}`,
    level: 'team',
    overriddenBy: [],
    enabled: true,
    priority: 50,
    mode: 'enforce',
    config: {},
    configSources: {},
    ...overrides,
  };
}

export function newServerChainEntry(
  overrides: Partial<ServerChainEntry> = {},
): ServerChainEntry {
  return { ...newChainEntry(), badge: 'TEAM DEFAULT', ...overrides };
}

export function newServerChain(
  overrides: Partial<ServerPluginChain> = {},
): ServerPluginChain {
  return {
    serverId: `server-${next()}`,
    chain: [],
    ignored: [],
    degraded: false,
    problems: [],
    canWrite: true,
    plugins: [],
    ...overrides,
  };
}

export function newChainPlan(
  overrides: Partial<ChainPlanView> = {},
): ChainPlanView {
  return {
    before: [],
    after: [],
    changes: [],
    degradedBefore: false,
    degradedAfter: false,
    ...overrides,
  };
}

export function newServerPlan(
  overrides: Partial<ServerChainPlan> = {},
): ServerChainPlan {
  return { ...newChainPlan(), serverId: `server-${next()}`, ...overrides };
}

export function newWriteOutcome(
  overrides: Partial<SettingWriteOutcome> = {},
): SettingWriteOutcome {
  return {
    dryRun: false,
    setting: newPluginSetting(),
    autoEnabled: [],
    plan: { template: newChainPlan(), servers: [] },
    ...overrides,
  };
}

export function newRegistryEntry(
  overrides: Partial<RegistryEntryView> = {},
): RegistryEntryView {
  const n = next();
  return {
    name: `Plugin${n}`,
    kind: `plugins.p${n}.Plugin`,
    version: '1.0.0',
    description: `Plugin number ${n}`,
    mandatory: false,
    enabledGlobally: true,
    availableForTeams: true,
    availableForUsers: true,
    allowTeamOverride: true,
    allowUserOverride: false,
    allowServerOverride: true,
    requires: [],
    conflictsWith: [],
    defaultConfig: {},
    configSchema: null,
    priority: 100,
    mode: 'enforce',
    managedBy: 'yaml',
    apiChangedFields: [],
    revision: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export function newPromotionImpact(
  overrides: Partial<PromotionImpact> = {},
): PromotionImpact {
  const flags = {
    mandatory: false,
    enabledGlobally: true,
    availableForTeams: true,
    availableForUsers: true,
  };
  const rows = {
    total: 0,
    byLevel: { team: 0, user: 0, server: 0 },
    truncated: false,
  };
  return {
    pluginName: `Plugin${next()}`,
    operation: 'promote',
    dryRun: true,
    summary: 'This will enable the plugin on all 3 servers',
    snapshotId: null,
    registry: { before: flags, after: { ...flags, mandatory: true } },
    servers: {
      total: 3,
      affected: 2,
      added: 2,
      changed: 0,
      removed: 0,
      degradedAfter: 0,
      truncated: false,
    },
    rows: { removed: rows, kept: rows },
    teams: { notified: 1, owners: 1, items: [], truncated: false },
    ...overrides,
  };
}

export function newNotification(
  overrides: Partial<NotificationView> = {},
): NotificationView {
  const n = next();
  return {
    id: `notification-${n}`,
    kind: 'plugin.promoted',
    title: `Notification ${n}`,
    body: `Body ${n}`,
    data: {},
    readAt: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

export function newNotificationPage(
  items: NotificationView[],
  overrides: Partial<NotificationPage> = {},
): NotificationPage {
  return {
    items,
    total: items.length,
    unreadCount: items.filter((item) => item.readAt === null).length,
    limit: 20,
    offset: 0,
    ...overrides,
  };
}

export function newAuditEntry(
  overrides: Partial<AuditLogEntry> = {},
): AuditLogEntry {
  const n = next();
  return {
    id: `audit-${n}`,
    at: '2026-11-23T10:00:00.000Z',
    actorId: 'user-1',
    actorEmail: 'admin@example.com',
    action: 'plugin.promoted',
    level: 'global',
    pluginName: `Plugin${n}`,
    entityType: 'registry',
    entityId: null,
    entityName: null,
    oldValue: null,
    newValue: null,
    reason: null,
    requestId: null,
    ...overrides,
  };
}

export function newBootstrapPayload(
  overrides: Partial<BootstrapPayload> = {},
): BootstrapPayload {
  return {
    user: null,
    features: {
      oidc: false,
      pluginRbac: true,
      userPluginCustomization: true,
      plugin: [],
    },
    menu: [],
    routes: [],
    slots: {},
    plugins: [],
    ...overrides,
  };
}

export function newPluginSlotEntry(
  overrides: Partial<PluginSlotEntry> = {},
): PluginSlotEntry {
  const n = next();
  return {
    plugin: `Plugin${n}`,
    slot: 'home:after-projects',
    id: `entry-${n}`,
    component: `component-${n}`,
    title: `Entry ${n}`,
    order: n,
    ...overrides,
  };
}

export function newCallLogItem(
  overrides: Partial<CallLogItem> = {},
): CallLogItem {
  const n = next();
  return {
    id: `call-${n}`,
    at: `2026-11-23T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    serverId: `server-${n}`,
    serverName: `server_${n}`,
    toolName: 'echo',
    userId: `user-${n}`,
    userEmail: `user${n}@example.com`,
    outcome: 'success',
    durationMs: 3,
    pluginViolation: null,
    arguments: null,
    result: null,
    ...overrides,
  };
}

export function newPluginCatalogItem(
  overrides: Partial<PluginCatalogItem> = {},
): PluginCatalogItem {
  const n = next();
  return {
    name: `Plugin${n}`,
    kind: `@plugboard/plugin-${n}`,
    version: '1.0.0',
    description: `Plugin number ${n}`,
    mandatory: false,
    enabledGlobally: false,
    allowTeamOverride: true,
    allowUserOverride: true,
    allowServerOverride: true,
    mode: 'enforce',
    priority: 10,
    requires: [],
    conflictsWith: [],
    defaultConfig: {},
    configSchema: { type: 'object' },
    status: 'available',
    statusReason: null,
    hooks: ['tool_pre_invoke', 'tool_post_invoke'],
    availability: { team: true, user: true, server: true },
    ...overrides,
  };
}
