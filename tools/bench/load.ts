/**
 * The benchmark's fresh PostgreSQL database, and the data set written into it set-based: one
 * `INSERT … SELECT FROM unnest(…)` per table, whatever the scale.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { SettingLevel } from '@plugboard/governance';
import type { BenchRow, Dataset } from './dataset';

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `pb_bench_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

const TABLES: Record<SettingLevel, { table: string; key: string; inherit: string }> = {
  team: { table: 'team_plugins', key: 'team_id', inherit: 'inherit_config' },
  user: { table: 'user_plugins', key: 'user_id', inherit: 'inherit_team_config' },
  server: { table: 'server_plugins', key: 'server_id', inherit: 'inherit_config' },
};

/** Writes the data set; returns the number of rows written per table. */
export async function loadDataset(db: DataSource, ds: Dataset): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(async (em) => {
    // Whatever start-up may have synced: the benchmark's registry is the only one.
    await em.query('DELETE FROM global_plugin_registry');
    const r = ds.registry;
    await em.query(
      `INSERT INTO global_plugin_registry (id, name, kind, version, description, mandatory, enabled_globally,
         available_for_teams, available_for_users, allow_team_override, allow_user_override, allow_server_override,
         requires, conflicts_with, default_config, default_priority, mode, managed_by)
       SELECT *, 'api' FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::bool[], $7::bool[],
         $8::bool[], $9::bool[], $10::bool[], $11::bool[], $12::bool[], $13::jsonb[], $14::jsonb[], $15::jsonb[], $16::int[], $17::varchar[])`,
      [
        r.map(() => randomUUID()),
        r.map((e) => e.name),
        r.map((e) => e.kind),
        r.map((e) => e.version),
        r.map((e) => e.description),
        r.map((e) => e.mandatory),
        r.map((e) => e.enabledGlobally),
        r.map((e) => e.availableForTeams),
        r.map((e) => e.availableForUsers),
        r.map((e) => e.allowTeamOverride),
        r.map((e) => e.allowUserOverride),
        r.map((e) => e.allowServerOverride),
        r.map((e) => JSON.stringify(e.requires)),
        r.map((e) => JSON.stringify(e.conflictsWith)),
        r.map((e) => JSON.stringify(e.defaultConfig)),
        r.map((e) => e.priority),
        r.map((e) => e.mode),
      ],
    );
    counts['global_plugin_registry'] = r.length;

    const users = [ds.admin, ...ds.users];
    await em.query(
      `INSERT INTO users (id, email, display_name, platform_role)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[])`,
      [users.map((u) => u.id), users.map((u) => u.email), users.map((u) => u.displayName), users.map((u) => (u === ds.admin ? 'admin' : 'user'))],
    );
    counts['users'] = users.length;

    await em.query(`INSERT INTO teams (id, slug, name) SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[])`, [
      ds.teams.map((t) => t.id),
      ds.teams.map((t) => t.slug),
      ds.teams.map((t) => t.name),
    ]);
    counts['teams'] = ds.teams.length;

    const memberships = ds.teams.flatMap((t) => t.members.map((m) => ({ teamId: t.id, ...m })));
    await em.query(
      `INSERT INTO team_memberships (id, team_id, user_id, role)
       SELECT gen_random_uuid(), * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[])`,
      [memberships.map((m) => m.teamId), memberships.map((m) => m.userId), memberships.map((m) => m.role)],
    );
    counts['team_memberships'] = memberships.length;

    await em.query(
      `INSERT INTO virtual_servers (id, name, description, owner_id, team_id)
       SELECT id, name, 'Benchmark server', owner_id, team_id FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[]) AS s(id, name, owner_id, team_id)`,
      [ds.servers.map((s) => s.id), ds.servers.map((s) => s.name), ds.servers.map((s) => s.ownerId), ds.servers.map((s) => s.teamId)],
    );
    counts['virtual_servers'] = ds.servers.length;

    for (const level of ['team', 'user', 'server'] as const) {
      const t = TABLES[level];
      const rows: BenchRow[] = [...ds.rows[level].values()].flat();
      await em.query(
        `INSERT INTO ${t.table} (id, ${t.key}, plugin_name, enabled, config, priority, ${t.inherit}, version)
         SELECT *, 1 FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::bool[], $5::jsonb[], $6::int[], $7::bool[])`,
        [
          rows.map((x) => x.id),
          rows.map((x) => x.ownerId),
          rows.map((x) => x.pluginName),
          rows.map((x) => x.enabled),
          rows.map((x) => JSON.stringify(x.config)),
          rows.map((x) => x.priority),
          rows.map((x) => x.inheritConfig),
        ],
      );
      counts[t.table] = rows.length;
    }
  });
  // Fresh statistics, as a database that has lived a while would have.
  await db.query('ANALYZE');
  return counts;
}
