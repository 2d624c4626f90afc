/**
 * `npm run bench:admin`: the platform admin operations at full scale on PostgreSQL (SPEC 10): the
 * usage report (JSON and CSV), promote to mandatory, demote and restore, through HTTP against the
 * real app, on a fresh database of 10,000 servers / 1,000 teams / 5,000 users / 100 plugins generated
 * set-based (generate_series). Median of 3 runs each; figures go to docs/benchmarks.md.
 *
 * Options: --runs=N (default 3), --keep (keep the database), --no-docs (print only).
 * Environment: PLUGBOARD_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import './admin-paths';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { buildApp } from '../../apps/api/src/bootstrap';
import { createUser } from '../../apps/api/src/cli/users.command';
import { loadSettings } from '../../apps/api/src/config/settings';

const ROOT = join(__dirname, '..', '..');
const DOCS = join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:admin:start -->';
const END = '<!-- bench:admin:end -->';
const ADMIN = { email: 'bench-admin@bench.example', password: 'bench-admin-password' };
const PLUGIN = 'BenchPlugin050';
const SCALE = { servers: 10_000, teams: 1_000, users: 5_000, plugins: 100 };

const args = process.argv.slice(2);
const RUNS = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const KEEP = args.includes('--keep');
const DOCS_ON = !args.includes('--no-docs');

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const pad3 = (n: number): string => String(n).padStart(3, '0');

async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pb_bench_admin_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The data set, set-based: ids are md5-derived UUIDs (users u1…, teams t1…, servers s1…), so
 * every table is one INSERT … SELECT over generate_series with no lookups.
 *   registry: 4 mandatory, 20 enabled globally, 76 optional (#100 conflicts with mandatory #2 and is never set)
 *   memberships: user i in team ((i-1) mod 1000)+1 (users 1-1000 own their team), every 10th user in a second team
 *   servers: 90 % in a team (owned by one of its members), 10 % personal
 *   rows: 4 per team (+1 mandatory-config row for every 10th team), 2 for 30 % of users, 1-2 for 20 % of servers;
 *         some disabled, some without config, some with a priority, some not inheriting
 */
async function generate(db: DataSource, adminId: string): Promise<Record<string, number>> {
  const q = (sql: string, params: unknown[] = []): Promise<unknown> => db.query(sql, params);
  await q(`INSERT INTO global_plugin_registry (id, name, kind, version, description, mandatory, enabled_globally, available_for_teams,
             available_for_users, allow_team_override, allow_user_override, allow_server_override, requires, conflicts_with,
             default_config, default_priority, mode, managed_by)
           SELECT md5('p' || i)::uuid, 'BenchPlugin' || lpad(i::text, 3, '0'), '@bench/plugin-' || i, '1.0.' || (i % 10),
                  'Benchmark plugin ' || i, i <= 4, i <= 24, true, true, true, i > 2, i > 2, '[]'::jsonb,
                  CASE WHEN i = 100 THEN '["BenchPlugin002"]'::jsonb WHEN i = 2 THEN '["BenchPlugin100"]'::jsonb ELSE '[]'::jsonb END,
                  jsonb_build_object('threshold', i, 'mode', 'standard', 'tags', jsonb_build_array('a', 'b'), 'nested', jsonb_build_object('depth', 1, 'name', 'plugin-' || i)),
                  i * 3, CASE WHEN i % 11 = 0 THEN 'permissive' ELSE 'enforce' END, 'yaml'
             FROM generate_series(1, ${SCALE.plugins}) i`);
  await q(`INSERT INTO users (id, email, display_name, password_hash, platform_role, plugin_customization_allowed)
           SELECT md5('u' || i)::uuid, 'user' || i || '@bench.example', 'Bench User ' || i, NULL, 'user', true FROM generate_series(1, ${SCALE.users}) i`);
  await q(`INSERT INTO teams (id, slug, name, description)
           SELECT md5('t' || k)::uuid, 'bench-team-' || k, 'Bench Team ' || k, '' FROM generate_series(1, ${SCALE.teams}) k`);
  await q(`INSERT INTO team_memberships (id, team_id, user_id, role)
           SELECT gen_random_uuid(), md5('t' || (((i - 1) % ${SCALE.teams}) + 1))::uuid, md5('u' || i)::uuid, CASE WHEN i <= ${SCALE.teams} THEN 'owner' ELSE 'member' END
             FROM generate_series(1, ${SCALE.users}) i`);
  await q(`INSERT INTO team_memberships (id, team_id, user_id, role)
           SELECT gen_random_uuid(), md5('t' || (((i * 7) % ${SCALE.teams}) + 1))::uuid, md5('u' || i)::uuid, 'member'
             FROM generate_series(10, ${SCALE.users}, 10) i
           ON CONFLICT DO NOTHING`);
  await q(`INSERT INTO virtual_servers (id, name, description, owner_id, team_id)
           SELECT md5('s' || g)::uuid, 'bench-server-' || g, '',
                  CASE WHEN g <= ${SCALE.servers * 0.9} THEN md5('u' || ((((g * 7) % ${SCALE.teams}) + 1) + ${SCALE.teams} * (g % 5)))::uuid
                       ELSE md5('u' || ((g % ${SCALE.users}) + 1))::uuid END,
                  CASE WHEN g <= ${SCALE.servers * 0.9} THEN md5('t' || (((g * 7) % ${SCALE.teams}) + 1))::uuid END
             FROM generate_series(1, ${SCALE.servers}) g`);
  const config = (owner: string, j: string): string =>
    `CASE WHEN (${owner} * 13 + ${j} * 7) % 5 = 0 THEN '{}'::jsonb
          ELSE jsonb_build_object('threshold', (${owner} * 7 + ${j}) % 50, 'tags', jsonb_build_array('x-' || ${owner})) END`;
  const stamp = (owner: string): string => `now() - ((${owner} * 13) % 40000 || ' minutes')::interval`;
  // Plugins 5-98: the global and optional ones (never #100, which conflicts with a mandatory plugin).
  await q(`INSERT INTO team_plugins (id, team_id, plugin_name, enabled, config, priority, inherit_config, added_by, created_at, updated_at, version)
           SELECT gen_random_uuid(), md5('t' || k)::uuid, 'BenchPlugin' || lpad((5 + ((k * 3 + j * 17) % 94))::text, 3, '0'),
                  (k + j) % 6 <> 0, ${config('k', 'j')}, CASE WHEN (k + j) % 5 = 0 THEN 40 + j END, (k + j) % 10 <> 0,
                  md5('u' || k)::uuid, ${stamp('k')}, ${stamp('k')}, 1 + (k + j) % 3
             FROM generate_series(1, ${SCALE.teams}) k, generate_series(0, 3) j`);
  await q(`INSERT INTO team_plugins (id, team_id, plugin_name, enabled, config, priority, inherit_config, added_by, created_at, updated_at, version)
           SELECT gen_random_uuid(), md5('t' || k)::uuid, 'BenchPlugin001', true, jsonb_build_object('threshold', k), NULL, true,
                  md5('u' || k)::uuid, ${stamp('k')}, ${stamp('k')}, 1
             FROM generate_series(10, ${SCALE.teams}, 10) k`);
  await q(`INSERT INTO user_plugins (id, user_id, plugin_name, enabled, config, priority, inherit_team_config, created_at, updated_at, version)
           SELECT gen_random_uuid(), md5('u' || i)::uuid, 'BenchPlugin' || lpad((5 + ((i * 5 + j * 29) % 94))::text, 3, '0'),
                  (i + j) % 8 <> 0, ${config('i', 'j')}, NULL, (i + j) % 9 <> 0, ${stamp('i')}, ${stamp('i')}, 1
             FROM generate_series(1, ${SCALE.users}) i, generate_series(0, 1) j WHERE i % 10 < 3`);
  await q(`INSERT INTO server_plugins (id, server_id, plugin_name, enabled, config, priority, inherit_config, added_by, created_at, updated_at, version)
           SELECT gen_random_uuid(), s.id, 'BenchPlugin' || lpad((5 + ((g * 11 + j * 31) % 94))::text, 3, '0'),
                  (g + j) % 4 <> 0, ${config('g', 'j')}, CASE WHEN (g + j) % 7 = 0 THEN 200 + j END, true, s.owner_id, ${stamp('g')}, ${stamp('g')}, 1
             FROM generate_series(5, ${SCALE.servers}, 5) g
             CROSS JOIN generate_series(0, 1) j
             JOIN virtual_servers s ON s.id = md5('s' || g)::uuid
            WHERE j = 0 OR g % 10 = 0`);
  // A month of history for "recent changes" and the timeline.
  await q(`INSERT INTO plugin_audit_log (id, at, actor_id, actor_email, action, level, plugin_name, entity_type, entity_id, entity_name, old_value, new_value, reason, request_id)
           SELECT gen_random_uuid(), now() - (n * 131 || ' seconds')::interval, md5('u' || ((n % ${SCALE.users}) + 1))::uuid,
                  'user' || ((n % ${SCALE.users}) + 1) || '@bench.example',
                  (ARRAY['setting.created', 'setting.updated', 'setting.deleted'])[1 + n % 3], 'server',
                  'BenchPlugin' || lpad((5 + (n % 94))::text, 3, '0'), 'server', md5('s' || ((n % ${SCALE.servers}) + 1))::uuid::text,
                  'bench-server-' || ((n % ${SCALE.servers}) + 1), '{"enabled": false}'::jsonb, '{"enabled": true}'::jsonb, NULL, NULL
             FROM generate_series(1, 20000) n`);
  await q('UPDATE team_plugins SET added_by = $1 WHERE plugin_name = $2', [adminId, 'BenchPlugin001']);
  await q('ANALYZE');
  const counts: Record<string, number> = {};
  for (const table of ['global_plugin_registry', 'users', 'teams', 'team_memberships', 'virtual_servers', 'team_plugins', 'user_plugins', 'server_plugins', 'plugin_audit_log']) {
    const [row] = (await db.query(`SELECT COUNT(*)::int AS n FROM ${table}`)) as { n: number }[];
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

interface Figure {
  label: string;
  runs: number[];
  target: string;
  limit?: number;
  note?: string;
}

async function main(): Promise<void> {
  const adminUrl = process.env['PLUGBOARD_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await createDatabase(adminUrl);
  const loadBefore = loadavg().map((n) => n.toFixed(2)).join(' ');
  const settings = loadSettings({
    DATABASE_URL: database.url,
    PLUGBOARD_JWT_SECRET: 'bench-admin-secret-0123456789abcdef',
    PLUGBOARD_SEED_DEMO: 'false',
    PLUGBOARD_LOG_LEVEL: 'silent',
    PLUGBOARD_PLUGINS_CONFIG: join(ROOT, 'plugins.config.yaml'),
  });
  const { app, dataSource } = await buildApp(settings, { logger: false });
  try {
    const admin = await createUser(dataSource, { email: ADMIN.email, password: ADMIN.password, displayName: 'Bench Admin', role: 'admin' });
    let start = process.hrtime.bigint();
    const counts = await generate(dataSource, admin.id);
    const generatedIn = ms(start);
    console.log(`data set in ${(generatedIn / 1000).toFixed(1)} s:`, counts);

    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string; ms: number }> => {
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      // The CSV is tens of MB: count its bytes and lines instead of decoding it (this process is the server too).
      let text = '';
      if ((res.headers.get('content-type') ?? '').startsWith('text/csv') && res.body) {
        let bytes = 0;
        let lines = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
          const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
          for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) lines++;
        }
        text = JSON.stringify({ bytes, lines });
      } else {
        text = await res.text();
      }
      const elapsed = ms(t0);
      if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
      return { status: res.status, text, ms: elapsed };
    };

    const figures: Figure[] = [
      { label: 'usage report, JSON (matrix page of 100 servers + all aggregates)', runs: [], target: '< 1 s', limit: 1000 },
      { label: 'usage report, JSON, drill-down of one plugin', runs: [], target: '< 1 s', limit: 1000 },
      { label: 'usage report, CSV (every cell)', runs: [], target: '< 1 s', limit: 1000 },
      { label: 'promote to mandatory, dry run', runs: [], target: '< 2 s', limit: 2000 },
      { label: 'promote to mandatory', runs: [], target: '< 2 s', limit: 2000 },
      { label: 'demote to optional', runs: [], target: '< 2 s', limit: 2000 },
      { label: 'restore the snapshot taken before promote', runs: [], target: '< 2 s (as promote)', limit: 2000 },
    ];
    const [report, drill, csv, dry, promote, demote, restore] = figures as [Figure, Figure, Figure, Figure, Figure, Figure, Figure];
    const facts: string[] = [];
    const rowsNow = async (): Promise<string> =>
      JSON.stringify(await dataSource.query('SELECT (SELECT COUNT(*) FROM team_plugins)::int AS t, (SELECT COUNT(*) FROM user_plugins)::int AS u, (SELECT COUNT(*) FROM server_plugins)::int AS s'));
    const initialRows = await rowsNow();

    for (let run = 1; run <= RUNS; run++) {
      const r = await call('GET', '/admin/plugins/usage-report');
      report.runs.push(r.ms);
      const parsed = JSON.parse(r.text) as { totals: { servers: number }; plugins: { servers: number }[] };
      if (parsed.totals.servers !== SCALE.servers) throw new Error(`the report counted ${parsed.totals.servers} servers`);
      drill.runs.push((await call('GET', `/admin/plugins/usage-report?plugin=${PLUGIN}`)).ms);
      const c = await call('GET', '/admin/plugins/usage-report?format=csv');
      csv.runs.push(c.ms);
      if (run === 1) {
        const size = JSON.parse(c.text) as { bytes: number; lines: number };
        facts.push(`report: JSON ${(r.text.length / 1024).toFixed(0)} KiB (100 servers in the matrix page), CSV ${(size.bytes / 1024 / 1024).toFixed(1)} MiB (${size.lines - 1} cells, streamed)`);
      }

      dry.runs.push((await call('POST', `/admin/plugins/${PLUGIN}/promote-to-mandatory`, { dryRun: true })).ms);
      const p = await call('POST', `/admin/plugins/${PLUGIN}/promote-to-mandatory`, { reason: `bench run ${run}` });
      promote.runs.push(p.ms);
      const impact = JSON.parse(p.text) as { snapshotId: string; servers: { total: number; affected: number }; rows: { removed: { total: number }; kept: { total: number } }; teams: { owners: number } };
      if (impact.servers.affected !== SCALE.servers) throw new Error(`promotion affected ${impact.servers.affected} servers`);
      if (run === 1) {
        facts.push(
          `promote ${PLUGIN}: ${impact.servers.affected} servers affected, ${impact.rows.removed.total} rows removed, ${impact.rows.kept.total} kept, ${impact.teams.owners} team owners notified`,
        );
      }
      demote.runs.push((await call('POST', `/admin/plugins/${PLUGIN}/demote-to-optional`, { reason: `bench run ${run}` })).ms);
      restore.runs.push((await call('POST', `/admin/policy/snapshots/${impact.snapshotId}/restore`, { reason: `bench run ${run}` })).ms);
      if ((await rowsNow()) !== initialRows) throw new Error('the restore did not bring the setting rows back');
      console.log(`run ${run}: ${figures.map((f) => `${f.label.split(',')[0]} ${f.runs.at(-1)?.toFixed(0)} ms`).join(' | ')}`);
    }

    const loadAfter = loadavg().map((n) => n.toFixed(2)).join(' ');
    const [pg] = (await dataSource.query('SELECT version() AS v')) as { v: string }[];
    const section = renderSection({
      figures,
      counts,
      facts,
      generatedIn,
      loadBefore,
      loadAfter,
      postgres: (pg?.v ?? '').split(' on ')[0] ?? '',
    });
    console.log(section);
    if (DOCS_ON) writeDocs(section);
  } finally {
    await app.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    if (!KEEP) await database.drop();
    else console.log(`kept ${database.url}`);
  }
}

function renderSection(input: { figures: Figure[]; counts: Record<string, number>; facts: string[]; generatedIn: number; loadBefore: string; loadAfter: string; postgres: string }): string {
  const free = (() => {
    try {
      return execSync('free -h', { encoding: 'utf8' }).trimEnd();
    } catch {
      return '(free not available)';
    }
  })();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const rows = input.figures.map((f) => {
    const m = median(f.runs);
    const verdict = f.limit === undefined ? '' : m < f.limit ? 'pass' : '**FAIL**';
    return `| ${f.label} | **${m.toFixed(0)}** | ${f.runs.map((v) => v.toFixed(0)).join(' / ')} | ${f.target} | ${verdict} |`;
  });
  return [
    START,
    `## Admin operations, full scale (${SCALE.servers.toLocaleString('en-US')} servers / ${SCALE.teams.toLocaleString('en-US')} teams / ${SCALE.users.toLocaleString('en-US')} users / ${SCALE.plugins} plugins)`,
    '',
    `- date: ${new Date().toUTCString()}`,
    `- machine: ${cpus().length} cores (${cpu}), node ${process.version}, ${input.postgres}`,
    `- load average (1/5/15 min) before: ${input.loadBefore}, after: ${input.loadAfter}${Number(input.loadBefore.split(' ')[0]) > 1 ? ' — other jobs shared the machine' : ''}`,
    `- command: \`npm run bench:admin\` (tools/bench/admin.bench.ts; ${RUNS} runs, median), through HTTP against the real app (\`buildApp\`, one process, PostgreSQL, no Redis)`,
    `- data (generate_series, ${(input.generatedIn / 1000).toFixed(1)} s): ${Object.entries(input.counts).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}`,
    ...input.facts.map((f) => `- ${f}`),
    '- each run: report JSON, report drill-down, report CSV, promote dry run, promote, demote, restore (which brings every row back, checked), so every run starts from the same state',
    '',
    '```',
    'free -h',
    free,
    '```',
    '',
    '| operation | median (ms) | runs (ms) | target (SPEC 10) | result |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    END,
  ].join('\n');
}

/** Rewrites this script's section of docs/benchmarks.md (other sections stay), or appends it. */
function writeDocs(section: string): void {
  const header = '# Benchmarks\n\nMeasured by the scripts in `tools/bench/`; each marked section is rewritten by its script. Targets: SPEC section 10.\n';
  const current = existsSync(DOCS) ? readFileSync(DOCS, 'utf8') : header;
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  const next = from >= 0 && to > from ? `${current.slice(0, from)}${section}${current.slice(to + END.length)}` : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOCS, next);
  console.log(`wrote ${DOCS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
