/*
 * The usage report (SPEC 6, US-5): matrix, adoption, unused plugins, plugins per team, recent
 * changes, the drill-down of one plugin, filters, and the CSV export, through HTTP and the CLI.
 */
import { runCli } from '../src/cli/cli-runner';
import { expectProblem, startTestApp, TEST_DB, type TestApp } from './harness';
import { demoIds, ensureRegistry, rowCounts, type DemoIds } from './policy-fixtures';

type Headers = { Authorization: string };
const CSV_HEADER = 'server_id,server_name,plugin_name,level,enabled,config_summary,modified_by,modified_at';

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF records), to read the export back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

describe(`usage report (US-5) on ${TEST_DB}`, () => {
  let t: TestApp;
  let ids: DemoIds;
  const auth = async (email: string): Promise<Headers> => ({ Authorization: `Bearer ${await t.token(email)}` });
  const admin = (): Promise<Headers> => auth('admin@example.com');
  const report = async (query: Record<string, string> = {}) => {
    const res = await t.http().get('/api/admin/plugins/usage-report').query(query).set(await admin());
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await ensureRegistry(t);
    ids = await demoIds(t);
    const ok = (res: { status: number; body: unknown }): void => {
      if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    };
    // Team-level configs of the mandatory PII filter: custom patterns (engineering), strict mode (security).
    ok(await t.http().put(`/api/teams/${ids.teams['engineering']}/plugins/PIIFilterPlugin`).set(await auth('olivia@example.com'))
      .send({ enabled: true, config: { pii_patterns: ['EMP-\\d{6}'] } }));
    ok(await t.http().put(`/api/teams/${ids.teams['security']}/plugins/PIIFilterPlugin`).set(await auth('sam@example.com'))
      .send({ enabled: true, config: { action: 'block' } }));
    ok(await t.http().put(`/api/teams/${ids.teams['engineering']}/plugins/RegexFilterPlugin`).set(await auth('olivia@example.com'))
      .send({ enabled: true, config: { blocked_patterns: ['internal-regex-123', 'has,comma', 'say "hi"'] } }));
    ok(await t.http().put('/api/users/me/plugins/RegexFilterPlugin').set(await auth('bob@example.com')).send({ enabled: true, config: { blocked_patterns: ['bob'] } }));
    ok(await t.http().put(`/api/servers/${ids.servers['dev_tools']}/plugins/RegexFilterPlugin`).set(await auth('alice@example.com')).send({ enabled: false }));
    ok(await t.http().put(`/api/servers/${ids.servers['production_tools']}/plugins/ResourceFilterPlugin`).set(await auth('alice@example.com'))
      .send({ enabled: true, config: { allowed_resources: ['kb.internal'] } }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('US-5: matrix, adoption, unused plugins, plugins per team and recent changes', async () => {
    const body = await report();
    expect(body.totals).toMatchObject({ servers: 3, plugins: 8, teamSettings: 3, userSettings: 1, serverSettings: 2 });

    const adoption = new Map(body.plugins.map((p: { name: string }) => [p.name, p]));
    expect(adoption.get('PIIFilterPlugin')).toMatchObject({ mandatory: true, servers: 3, byLevel: { mandatory: 3 } });
    expect(adoption.get('RegexFilterPlugin')).toMatchObject({ servers: 2, byLevel: { team: 1, user: 1 }, disabled: 1 });
    expect(adoption.get('ResourceFilterPlugin')).toMatchObject({ servers: 1, byLevel: { server: 1 } });
    const counts = body.plugins.map((p: { servers: number }) => p.servers);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));

    expect(body.unusedPlugins).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'CustomMetricsPlugin', summary: 'CustomMetricsPlugin (0 servers - consider removing?)' }),
    ]));
    expect(body.unusedPlugins.map((p: { name: string }) => p.name)).not.toContain('RegexFilterPlugin');

    const teams = new Map(body.teams.map((x: { slug: string }) => [x.slug, x]));
    // engineering: audit logger, PII, regex (production_tools), resource filter (production_tools).
    expect(teams.get('engineering')).toMatchObject({ servers: 2, plugins: 4, teamSettings: 2 });
    expect(teams.get('security')).toMatchObject({ servers: 1, plugins: 3, teamSettings: 1 });

    expect(body.recentChanges[0]).toMatchObject({ action: 'setting.created', actorEmail: 'alice@example.com', pluginName: 'ResourceFilterPlugin' });
    expect(body.recentChanges[0].summary).toBe("alice@example.com enabled ResourceFilterPlugin on server 'production_tools' just now");
    expect(body.recentChanges[1].summary).toBe("alice@example.com disabled RegexFilterPlugin on server 'dev_tools' just now");
    expect(body.timeline).toEqual([{ date: new Date().toISOString().slice(0, 10), changes: expect.any(Number) }]);

    expect(body.matrix).toMatchObject({ total: 3, limit: 100, offset: 0 });
    expect(body.matrix.plugins).toHaveLength(8);
    const production = body.matrix.servers.find((s: { serverName: string }) => s.serverName === 'production_tools');
    expect(production).toMatchObject({ teamName: 'Engineering', ownerEmail: 'alice@example.com', degraded: false });
    const cells = new Map(production.cells.map((c: { plugin: string }) => [c.plugin, c]));
    expect(cells.get('RegexFilterPlugin')).toMatchObject({ level: 'team', enabled: true, modifiedBy: 'olivia@example.com', configSummary: 'blocked_patterns=[internal-regex-123, has,comma, say "hi"]' });
    expect(cells.get('PIIFilterPlugin')).toMatchObject({ level: 'mandatory', enabled: true, modifiedBy: 'olivia@example.com' });
    expect(cells.get('AuditLoggerPlugin')).toMatchObject({ level: 'mandatory', enabled: true, modifiedBy: 'system' });
    const dev = body.matrix.servers.find((s: { serverName: string }) => s.serverName === 'dev_tools');
    expect(dev.cells.find((c: { plugin: string }) => c.plugin === 'RegexFilterPlugin')).toMatchObject({ level: 'server', enabled: false, modifiedBy: 'alice@example.com', configSummary: '' });
    expect(body.drillDown).toBeNull();
  });

  it('US-5: the drill-down of one plugin: servers using it, team configs, user and server overrides', async () => {
    const pii = await report({ plugin: 'PIIFilterPlugin' });
    expect(pii.drillDown).toMatchObject({ plugin: 'PIIFilterPlugin', mandatory: true, serversUsing: 3, serversTotal: 3, summary: 'Total servers using it: 3 (all servers - mandatory)' });
    expect(pii.drillDown.teamConfigs.map((c: { entityName: string; configSummary: string }) => [c.entityName, c.configSummary])).toEqual([
      ['Engineering', 'pii_patterns=[EMP-\\d{6}]'],
      ['Security', 'action=block'],
    ]);
    expect(pii.drillDown.userOverrides).toEqual([]);
    expect(pii.matrix.plugins).toEqual(['PIIFilterPlugin']);
    expect(pii.matrix.servers.every((s: { cells: { plugin: string }[] }) => s.cells.every((c) => c.plugin === 'PIIFilterPlugin'))).toBe(true);

    const regex = await report({ plugin: 'RegexFilterPlugin' });
    expect(regex.drillDown).toMatchObject({ mandatory: false, serversUsing: 2, summary: 'Total servers using it: 2' });
    expect(regex.drillDown.userOverrides).toEqual([expect.objectContaining({ entityName: 'bob@example.com', configSummary: 'blocked_patterns=[bob]', modifiedBy: 'bob@example.com' })]);
    expect(regex.drillDown.serverOverrides).toEqual([expect.objectContaining({ entityName: 'dev_tools', enabled: false })]);
    expect(regex.recentChanges.every((c: { pluginName: string }) => c.pluginName === 'RegexFilterPlugin')).toBe(true);
  });

  it('filters by team and by user; pages the matrix; from/to bound the changes', async () => {
    const engineering = await report({ team: ids.teams['engineering'] as string });
    expect(engineering.matrix.servers.map((s: { serverName: string }) => s.serverName)).toEqual(['dev_tools', 'production_tools']);
    expect(engineering.teams.map((x: { slug: string }) => x.slug)).toEqual(['engineering']);
    const bob = await report({ user: ids.users['bob@example.com'] as string });
    expect(bob.matrix.servers.map((s: { serverName: string }) => s.serverName)).toEqual(['external_api']);
    expect(bob.recentChanges.map((c: { actorEmail: string }) => c.actorEmail)).toEqual(expect.arrayContaining(['bob@example.com']));
    const page = await report({ limit: '1', offset: '1' });
    expect(page.matrix).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.matrix.servers.map((s: { serverName: string }) => s.serverName)).toEqual(['external_api']);
    const future = await report({ from: '2999-01-01' });
    expect(future.recentChanges).toEqual([]);
    expect(future.timeline).toEqual([]);
    const today = await report({ to: new Date().toISOString().slice(0, 10) });
    expect(today.recentChanges.length).toBeGreaterThan(0);

    expectProblem(await t.http().get('/api/admin/plugins/usage-report').query({ plugin: 'NoSuchPlugin' }).set(await admin()), 404, 'PLUGIN_NOT_FOUND');
    expectProblem(await t.http().get('/api/admin/plugins/usage-report').query({ team: '00000000-0000-4000-8000-000000000000' }).set(await admin()), 404, 'NOT_FOUND');
    expectProblem(await t.http().get('/api/admin/plugins/usage-report').query({ user: '00000000-0000-4000-8000-000000000000' }).set(await admin()), 404, 'NOT_FOUND');
    for (const query of [{ format: 'xml' }, { team: 'engineering' }, { from: 'yesterday' }, { from: '2026-02-01', to: '2026-01-01' }, { limit: '0' }, { plugin: '../x' }, { unknown: '1' }]) {
      expectProblem(await t.http().get('/api/admin/plugins/usage-report').query(query).set(await admin()), 400, 'VALIDATION_FAILED');
    }
  });

  it('US-5: the CSV export has exactly the columns asked, RFC 4180 quoting, and no formulas', async () => {
    // A user whose email starts with "+" writes a setting: their email must not run as a formula.
    const created = await t.http().post('/api/admin/users').set(await admin()).send({ email: '+formula@example.com', displayName: 'Formula', password: 'plugboard-demo' });
    expect(created.status).toBe(201);
    const server = await t.http().post('/api/servers').set(await auth('+formula@example.com')).send({ name: 'formula_server' });
    expect(server.status).toBe(201);
    expect((await t.http().put(`/api/servers/${server.body.id}/plugins/RegexFilterPlugin`).set(await auth('+formula@example.com'))
      .send({ enabled: true, config: { blocked_patterns: ['=cmd'] } })).status).toBe(200);

    const res = await t.http().get('/api/admin/plugins/usage-report').query({ format: 'csv' }).set(await admin());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="plugin-usage-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = res.text;
    expect(text.split('\r\n')[0]).toBe(CSV_HEADER);
    const records = parseCsv(text);
    expect(records.every((r) => r.length === 8)).toBe(true);
    const rows = records.slice(1);

    const json = await report();
    const cellCount = json.matrix.servers.reduce((n: number, s: { cells: unknown[] }) => n + s.cells.length, 0);
    expect(rows).toHaveLength(cellCount);
    const regex = rows.find((r) => r[1] === 'production_tools' && r[2] === 'RegexFilterPlugin');
    expect(regex).toEqual([ids.servers['production_tools'], 'production_tools', 'RegexFilterPlugin', 'team', 'true', 'blocked_patterns=[internal-regex-123, has,comma, say "hi"]', 'olivia@example.com', expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/)]);
    expect(text).toContain('"blocked_patterns=[internal-regex-123, has,comma, say ""hi""]"');
    const formula = rows.find((r) => r[1] === 'formula_server' && r[2] === 'RegexFilterPlugin');
    expect(formula?.[6]).toBe("'+formula@example.com");
    expect(rows.find((r) => r[1] === 'dev_tools' && r[2] === 'RegexFilterPlugin')).toEqual(expect.arrayContaining(['server', 'false']));
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);

    const one = await t.http().get('/api/admin/plugins/usage-report').query({ format: 'csv', plugin: 'PIIFilterPlugin' }).set(await admin());
    expect(parseCsv(one.text).slice(1).map((r) => r[2])).toEqual(['PIIFilterPlugin', 'PIIFilterPlugin', 'PIIFilterPlugin', 'PIIFilterPlugin']);
  });

  it('the CLI `report usage` gives the same output', async () => {
    const env = { DATABASE_URL: t.databaseUrl, PLUGBOARD_JWT_SECRET: 'integration-test-secret-0123456789', PLUGBOARD_SEED_DEMO: 'false', PLUGBOARD_LOG_LEVEL: 'silent' };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const csv: string[] = [];
      expect(await runCli(['report', 'usage', '--format', 'csv'], (line) => csv.push(line))).toBe(0);
      const http = await t.http().get('/api/admin/plugins/usage-report').query({ format: 'csv' }).set(await admin());
      expect(csv.join('\n')).toBe(http.text.replace(/\r\n$/, ''));

      const json: string[] = [];
      expect(await runCli(['report', 'usage', '--format', 'json', '--plugin', 'PIIFilterPlugin'], (line) => json.push(line))).toBe(0);
      const parsed = JSON.parse(json.join('\n'));
      const api = await report({ plugin: 'PIIFilterPlugin', limit: '1000' });
      // The CLI puts every server in one page; "2 minutes ago" may tick between the two calls.
      const stable = (r: { generatedAt?: string; matrix: object; recentChanges: { summary?: string }[] }) => ({
        ...r, generatedAt: null, matrix: { ...r.matrix, limit: null }, recentChanges: r.recentChanges.map((c) => ({ ...c, summary: null })),
      });
      expect(stable(parsed)).toEqual(stable(api));

      await expect(runCli(['report', 'usage', '--format', 'xml'], () => undefined)).rejects.toThrow('--format must be csv or json, not "xml"');
      await expect(runCli(['report', 'usage', '--team', 'engineering'], () => undefined)).rejects.toThrow('--team');
      const errors: string[] = [];
      expect(await runCli(['report', 'usage', '--plugin', 'NoSuchPlugin'], () => undefined, (line) => errors.push(line))).toBe(1);
      expect(errors).toEqual(['plugboard: There is no plugin named NoSuchPlugin in the registry']);
    } finally {
      process.env = saved;
    }
  });

  it('only platform admins may read it: users and viewers get 403, anonymous callers 401; reading writes nothing', async () => {
    const counts = await rowCounts(t);
    for (const query of [{}, { format: 'csv' }]) {
      expectProblem(await t.http().get('/api/admin/plugins/usage-report').query(query).set(await auth('olivia@example.com')), 403, 'FORBIDDEN');
      expectProblem(await t.http().get('/api/admin/plugins/usage-report').query(query).set(await auth('victor@example.com')), 403, 'FORBIDDEN');
      expectProblem(await t.http().get('/api/admin/plugins/usage-report').query(query), 401, 'UNAUTHENTICATED');
    }
    expect(await rowCounts(t)).toEqual(counts);
  });
});
