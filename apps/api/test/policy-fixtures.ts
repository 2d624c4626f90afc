/* Helpers of the admin-operation suites: the registry, exact exports of the policy, row counts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistryYaml } from '@plugboard/governance';
import { RegistryEntryEntity } from '../src/governance/registry-entry.entity';
import { registryEntityFields } from '../src/governance/registry.mapper';
import { TEST_DB, type TestApp } from './harness';

/** The repository's registry, whether or not start-up already synced it. */
export async function ensureRegistry(t: TestApp): Promise<void> {
  const repo = t.dataSource.getRepository(RegistryEntryEntity);
  if ((await repo.count()) > 0) return;
  const { entries, errors } = parseRegistryYaml(readFileSync(join(__dirname, '../../../plugins.config.yaml'), 'utf8'), 'plugins.config.yaml');
  expect(errors).toEqual([]);
  for (const e of entries) await repo.save(repo.create(registryEntityFields(e)));
}

export const POLICY_TABLES = ['global_plugin_registry', 'team_plugins', 'user_plugins', 'server_plugins'] as const;
export const GOVERNANCE_TABLES = [...POLICY_TABLES, 'plugin_audit_log', 'notifications', 'policy_snapshots'] as const;

/**
 * Every row of every policy table as text, every column included and timestamps to the
 * microsecond, read independently of the code under test.
 */
export async function exportPolicy(t: TestApp): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of POLICY_TABLES) {
    if (TEST_DB === 'postgres') {
      const rows = (await t.dataSource.query(`SELECT row_to_json(t)::text AS j FROM "${table}" t ORDER BY t.id`)) as { j: string }[];
      out[table] = rows.map((r) => r.j);
    } else {
      const columns = (await t.dataSource.query(`PRAGMA table_info("${table}")`)) as { name: string; type: string }[];
      const select = columns.map((c) => (c.type.toLowerCase() === 'jsonb' ? `json("${c.name}") AS "${c.name}"` : `"${c.name}"`)).join(', ');
      const rows = (await t.dataSource.query(`SELECT ${select} FROM "${table}" ORDER BY id`)) as Record<string, unknown>[];
      out[table] = rows.map((r) => JSON.stringify(r));
    }
  }
  return out;
}

export async function rowCounts(t: TestApp, tables: readonly string[] = GOVERNANCE_TABLES): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = (await t.dataSource.query(`SELECT COUNT(*) AS n FROM "${table}"`)) as { n: string | number }[];
    counts[table] = Number(row?.n);
  }
  return counts;
}

export interface DemoIds {
  teams: Record<string, string>;
  servers: Record<string, string>;
  users: Record<string, string>;
}

/** Ids of the demo seed's teams (by slug), servers (by name) and users (by email). */
export async function demoIds(t: TestApp): Promise<DemoIds> {
  const admin = { Authorization: `Bearer ${await t.token('admin@example.com')}` };
  const teams = (await t.http().get('/api/teams').set(admin)).body.items as { id: string; slug: string }[];
  const servers = (await t.http().get('/api/servers').set(admin)).body.items as { id: string; name: string }[];
  const users = (await t.http().get('/api/admin/users').set(admin)).body.items as { id: string; email: string }[];
  return {
    teams: Object.fromEntries(teams.map((x) => [x.slug, x.id])),
    servers: Object.fromEntries(servers.map((x) => [x.name, x.id])),
    users: Object.fromEntries(users.map((x) => [x.email, x.id])),
  };
}
