/**
 * The whole policy as the rules see it (registry entries, every server with its layers), built from
 * a handful of set-based queries: no query per server, whatever their number.
 */
import type { EntityManager } from 'typeorm';
import type { JsonObject, Layers, PluginMode, RegistryEntry, SettingLevel, SettingRow } from '@plugboard/governance';
import { RegistryEntryEntity } from '../governance/registry-entry.entity';
import { toRegistryEntry } from '../governance/registry.mapper';
import { OWNER_COLUMN, readPolicyTables, type ExactRow, type PolicyTablesData } from './policy-tables';

/** A setting row with what reports and clean-ups need besides the rule fields. */
export interface PolicyRow extends SettingRow {
  id: string;
  ownerId: string;
  version: number;
  updatedAt: string;
  /** Who last wrote a team or server row; user rows are written by their user. */
  addedBy: string | null;
}

export interface ServerRef {
  id: string;
  name: string;
  teamId: string | null;
  ownerId: string;
}

export interface PolicyState {
  tables: PolicyTablesData;
  registryRows: RegistryEntryEntity[];
  registry: RegistryEntry[];
  servers: ServerRef[];
  /** Rows by level, then by owner (team, user or server id). */
  rows: Record<SettingLevel, Map<string, PolicyRow[]>>;
}

const INHERIT_COLUMN: Record<SettingLevel, string> = { team: 'inherit_config', user: 'inherit_team_config', server: 'inherit_config' };

export function toPolicyRow(level: SettingLevel, r: ExactRow): PolicyRow {
  return {
    level,
    id: String(r['id']),
    ownerId: String(r[OWNER_COLUMN[level]]),
    pluginName: String(r['plugin_name']),
    enabled: r['enabled'] === true,
    config: (r['config'] ?? {}) as JsonObject,
    priority: r['priority'] === null || r['priority'] === undefined ? null : Number(r['priority']),
    inheritConfig: r[INHERIT_COLUMN[level]] !== false,
    version: Number(r['version']),
    updatedAt: String(r['updated_at']),
    addedBy: typeof r['added_by'] === 'string' ? r['added_by'] : null,
  };
}

/** A registry row as read exactly (snake_case columns), as the rules see it. */
export function registryEntryOfExact(r: ExactRow, configSchema: JsonObject | null): RegistryEntry {
  const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  return {
    name: String(r['name']),
    kind: String(r['kind']),
    version: String(r['version']),
    description: String(r['description'] ?? ''),
    mandatory: r['mandatory'] === true,
    enabledGlobally: r['enabled_globally'] === true,
    availableForTeams: r['available_for_teams'] === true,
    availableForUsers: r['available_for_users'] === true,
    allowTeamOverride: r['allow_team_override'] === true,
    allowUserOverride: r['allow_user_override'] === true,
    allowServerOverride: r['allow_server_override'] === true,
    requires: names(r['requires']),
    conflictsWith: names(r['conflicts_with']),
    defaultConfig: (r['default_config'] ?? {}) as JsonObject,
    priority: Number(r['default_priority']),
    mode: String(r['mode']) as PluginMode,
    configSchema,
  };
}

export function groupRows(level: SettingLevel, rows: readonly ExactRow[]): Map<string, PolicyRow[]> {
  const byOwner = new Map<string, PolicyRow[]>();
  for (const raw of rows) {
    const row = toPolicyRow(level, raw);
    const list = byOwner.get(row.ownerId);
    if (list) list.push(row);
    else byOwner.set(row.ownerId, [row]);
  }
  return byOwner;
}

export async function readServers(em: EntityManager): Promise<ServerRef[]> {
  const raw: { id: string; name: string; team_id: string | null; owner_id: string }[] = await em.query(
    'SELECT id, name, team_id, owner_id FROM virtual_servers ORDER BY name',
  );
  return raw.map((s) => ({ id: s.id, name: s.name, teamId: s.team_id, ownerId: s.owner_id }));
}

export async function readPolicyState(em: EntityManager, schemaFor: (name: string) => JsonObject | null): Promise<PolicyState> {
  const tables = await readPolicyTables(em);
  const registryRows = await em.getRepository(RegistryEntryEntity).find({ order: { name: 'ASC' } });
  const servers = await readServers(em);
  return {
    tables,
    registryRows,
    registry: registryRows.map((r) => toRegistryEntry(r, schemaFor(r.name))),
    servers,
    rows: { team: groupRows('team', tables.team), user: groupRows('user', tables.user), server: groupRows('server', tables.server) },
  };
}

const EMPTY: readonly PolicyRow[] = [];

/** The layers of one server's chain: its team's rows, its owner's rows, its own rows. */
export function layersOfServer(rows: PolicyState['rows'], server: ServerRef): Layers {
  return {
    team: server.teamId ? (rows.team.get(server.teamId) ?? EMPTY) : EMPTY,
    user: rows.user.get(server.ownerId) ?? EMPTY,
    server: rows.server.get(server.id) ?? EMPTY,
  };
}

/**
 * Servers whose layers are the same rows resolve to the same chain; this key names that set of
 * rows (the team, and the owner and server only when they have rows), so each chain is resolved
 * once per distinct set instead of once per server.
 */
export function layersKey(rows: PolicyState['rows'], server: ServerRef): string {
  const team = server.teamId && rows.team.has(server.teamId) ? server.teamId : '-';
  const user = rows.user.has(server.ownerId) ? server.ownerId : '-';
  const own = rows.server.has(server.id) ? server.id : '-';
  return `${team}|${user}|${own}`;
}
