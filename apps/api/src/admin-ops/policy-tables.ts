/**
 * The four policy tables (the registry and the three setting levels) read and written exactly as
 * stored: every column, ids, versions, JSON values and timestamps to the microsecond. Snapshots
 * are made of this, and a restore writes it back.
 */
import type { EntityManager } from 'typeorm';
import type { JsonValue, SettingLevel } from '@plugboard/governance';
import { RegistryEntryEntity } from '../governance/registry-entry.entity';
import { ServerPluginEntity } from '../governance/server-plugin.entity';
import { TeamPluginEntity } from '../governance/team-plugin.entity';
import { UserPluginEntity } from '../governance/user-plugin.entity';

export const POLICY_TABLES = ['registry', 'team', 'user', 'server'] as const;
export type PolicyTable = (typeof POLICY_TABLES)[number];

/** One row: database column name → value (timestamps as text, booleans as booleans, JSON parsed). */
export type ExactRow = Record<string, JsonValue>;
export type PolicyTablesData = Record<PolicyTable, ExactRow[]>;

/** The column holding the owner of a setting row, per level. */
export const OWNER_COLUMN: Record<SettingLevel, string> = { team: 'team_id', user: 'user_id', server: 'server_id' };

const ENTITY = {
  registry: RegistryEntryEntity,
  team: TeamPluginEntity,
  user: UserPluginEntity,
  server: ServerPluginEntity,
} as const;

type ColumnKind = 'timestamp' | 'json' | 'boolean' | 'plain';

interface ColumnSpec {
  name: string;
  kind: ColumnKind;
}

interface TableSpec {
  table: string;
  columns: ColumnSpec[];
}

/** Rows per INSERT: far below the bind-parameter limits of both databases (65,535 and 32,766). */
const INSERT_CHUNK = 500;

function kindOf(type: unknown): ColumnKind {
  if (type === 'timestamptz' || type === 'datetime' || type === 'timestamp') return 'timestamp';
  if (type === 'jsonb' || type === 'json' || type === 'simple-json') return 'json';
  if (type === 'boolean' || type === Boolean) return 'boolean';
  return 'plain';
}

const isPostgres = (em: EntityManager): boolean => em.connection.options.type === 'postgres';

/** Every column of a policy table, from the entity metadata (so a new column is snapshotted too). */
export function tableSpec(em: EntityManager, table: PolicyTable): TableSpec {
  const metadata = em.connection.getMetadata(ENTITY[table]);
  const seen = new Set<string>();
  const columns: ColumnSpec[] = [];
  for (const column of metadata.columns) {
    if (seen.has(column.databaseName)) continue;
    seen.add(column.databaseName);
    columns.push({ name: column.databaseName, kind: kindOf(column.type) });
  }
  return { table: metadata.tableName, columns };
}

function selectExpression(postgres: boolean, column: ColumnSpec): string {
  const name = `"${column.name}"`;
  switch (column.kind) {
    case 'timestamp':
      // Microseconds in UTC, independent of the session's DateStyle and TimeZone.
      return postgres ? `to_char(${name} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${name}` : name;
    case 'json':
      return postgres ? name : `json(${name}) AS ${name}`;
    case 'boolean':
    case 'plain':
      return name;
  }
}

function readValue(column: ColumnSpec, value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'json':
      return (typeof value === 'string' ? JSON.parse(value) : value) as JsonValue;
    case 'boolean':
      return Boolean(value);
    case 'timestamp':
      return value instanceof Date ? value.toISOString() : String(value);
    case 'plain':
      return typeof value === 'bigint' ? Number(value) : (value as JsonValue);
  }
}

/** Every row of one policy table, ordered by id. */
export async function readTable(em: EntityManager, table: PolicyTable): Promise<ExactRow[]> {
  const spec = tableSpec(em, table);
  const postgres = isPostgres(em);
  const raw: Record<string, unknown>[] = await em.query(
    `SELECT ${spec.columns.map((c) => selectExpression(postgres, c)).join(', ')} FROM "${spec.table}" ORDER BY "id"`,
  );
  return raw.map((r) => {
    const row: ExactRow = {};
    for (const column of spec.columns) row[column.name] = readValue(column, r[column.name]);
    return row;
  });
}

/** The whole policy, one query per table (in one transaction when `em` is a transaction's). */
export async function readPolicyTables(em: EntityManager): Promise<PolicyTablesData> {
  // One after the other: a transaction has one connection.
  const data = {} as PolicyTablesData;
  for (const table of POLICY_TABLES) data[table] = await readTable(em, table);
  return data;
}

function bindValue(postgres: boolean, column: ColumnSpec, value: JsonValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  switch (column.kind) {
    case 'json':
      return JSON.stringify(value);
    case 'boolean':
      return postgres ? Boolean(value) : value ? 1 : 0;
    case 'timestamp':
    case 'plain':
      return value;
  }
}

function placeholder(postgres: boolean, column: ColumnSpec, index: number): string {
  if (!postgres) return column.kind === 'json' ? 'jsonb(?)' : '?';
  switch (column.kind) {
    case 'json':
      return `$${index}::jsonb`;
    case 'timestamp':
      return `$${index}::timestamptz`;
    case 'boolean':
    case 'plain':
      return `$${index}`;
  }
}

/**
 * Inserts rows exactly as given, in multi-row statements. Only the columns the rows carry are
 * written (a snapshot older than a migration leaves the newer columns at their defaults).
 */
export async function insertExact(em: EntityManager, table: PolicyTable, rows: readonly ExactRow[]): Promise<void> {
  if (rows.length === 0) return;
  const spec = tableSpec(em, table);
  const first = rows[0] as ExactRow;
  const columns = spec.columns.filter((c) => Object.prototype.hasOwnProperty.call(first, c.name));
  const postgres = isPostgres(em);
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const slots = columns.map((column) => {
        params.push(bindValue(postgres, column, row[column.name]));
        return placeholder(postgres, column, params.length);
      });
      return `(${slots.join(', ')})`;
    });
    await em.query(`INSERT INTO "${spec.table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

export async function deleteAll(em: EntityManager, table: PolicyTable): Promise<void> {
  await em.query(`DELETE FROM "${tableSpec(em, table).table}"`);
}

export function countsOf(data: PolicyTablesData): Record<PolicyTable, number> {
  return { registry: data.registry.length, team: data.team.length, user: data.user.length, server: data.server.length };
}
