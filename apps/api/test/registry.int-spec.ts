/*
 * The platform registry: the start-up sync of plugins.config.yaml, syncing changes of the YAML (API changes
 * kept unless forced, removals keeping setting rows), GET /admin/plugins/global, PATCH
 * /admin/plugins/global/:pluginName and POST /admin/plugins/sync, for every role.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Response } from 'supertest';
import { buildApp } from '../src/bootstrap';
import { loadSettings } from '../src/config/settings';
import { PluginAuditLogEntity } from '../src/governance/plugin-audit-log.entity';
import { PluginSchemasService } from '../src/governance/plugin-schemas.service';
import { RegistryEntryEntity } from '../src/governance/registry-entry.entity';
import { ServerPluginEntity } from '../src/governance/server-plugin.entity';
import { TeamPluginEntity } from '../src/governance/team-plugin.entity';
import { PluginsConfigError } from '../src/registry/plugins-config';
import { RegistrySyncService } from '../src/registry/registry-sync.service';
import { createTestDatabase, expectProblem, REPO_PLUGINS_CONFIG, startTestApp, TEST_DB, type TestApp } from './harness';

type Headers = { Authorization: string };
type Plugin = Record<string, unknown>;
interface Entry {
  name: string;
  revision: number;
  managedBy: string;
  apiChangedFields: string[];
  [field: string]: unknown;
}

const REPO_YAML = readFileSync(REPO_PLUGINS_CONFIG, 'utf8');
const PLUGIN_NAMES = [
  'AuditLoggerPlugin', 'AuthenticationPlugin', 'CachingPlugin', 'CustomMetricsPlugin',
  'DenyFilterPlugin', 'PIIFilterPlugin', 'RegexFilterPlugin', 'ResourceFilterPlugin',
];
const bearer = (token: string): Headers => ({ Authorization: `Bearer ${token}` });
const tempDirs: string[] = [];

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-registry-'));
  tempDirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The repository's YAML with its plugin list edited. */
function yamlWith(edit: (plugins: Plugin[]) => void): string {
  const doc = parse(REPO_YAML) as { plugins: Plugin[] };
  edit(doc.plugins);
  return stringify(doc);
}

const pluginIn = (plugins: Plugin[], name: string): Plugin => {
  const found = plugins.find((p) => p['name'] === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function auditRows(t: TestApp): Promise<PluginAuditLogEntity[]> {
  return t.dataSource.getRepository(PluginAuditLogEntity).find({ order: { at: 'ASC' } });
}

async function registry(t: TestApp): Promise<Map<string, Entry>> {
  const res = await t.http().get('/api/admin/plugins/global').set(bearer(await t.token('admin@example.com')));
  expect(res.status).toBe(200);
  return new Map((res.body.items as Entry[]).map((e) => [e.name, e]));
}

async function entry(t: TestApp, name: string): Promise<Entry> {
  const found = (await registry(t)).get(name);
  if (!found) throw new Error(`${name} is not in the registry`);
  return found;
}

describe('start-up sync of plugins.config.yaml', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('loads the repository\'s plugins.config.yaml: 8 plugins, AuditLoggerPlugin and PIIFilterPlugin mandatory, audited as system', async () => {
    const rows = await t.dataSource.getRepository(RegistryEntryEntity).find({ order: { name: 'ASC' } });
    expect(rows.map((r) => r.name)).toEqual(PLUGIN_NAMES);
    expect(rows.filter((r) => r.mandatory).map((r) => r.name)).toEqual(['AuditLoggerPlugin', 'PIIFilterPlugin']);
    for (const row of rows) {
      expect(row).toMatchObject({ managedBy: 'yaml', revision: 1 });
      expect(row.lastSynced).toMatchObject({ kind: row.kind, priority: row.defaultPriority, defaultConfig: row.defaultConfig });
    }
    const pii = rows.find((r) => r.name === 'PIIFilterPlugin');
    expect(pii).toMatchObject({
      kind: '@plugboard/plugin-pii-filter', enabledGlobally: true, allowTeamOverride: true, allowUserOverride: false,
      allowServerOverride: false, conflictsWith: ['DenyFilterPlugin'], defaultPriority: 2, mode: 'enforce',
      defaultConfig: { action: 'mask', mask: '[REDACTED]' },
    });
    expect(rows.find((r) => r.name === 'CachingPlugin')?.requires).toEqual(['AuthenticationPlugin']);
    expect(rows.find((r) => r.name === 'CustomMetricsPlugin')).toMatchObject({ availableForTeams: false, availableForUsers: false });

    const audit = await auditRows(t);
    expect(audit.map((a) => a.pluginName).sort()).toEqual(PLUGIN_NAMES);
    for (const a of audit) {
      expect(a).toMatchObject({ action: 'registry.created', level: 'global', entityType: 'registry', actorId: null, actorEmail: 'system', reason: 'start-up sync', oldValue: null });
      expect(a.newValue).toMatchObject({ kind: expect.stringMatching(/^@plugboard\/plugin-/) });
    }
  });

  it('stops start-up on an invalid plugins config, naming each error by file:line', async () => {
    const file = tempFile('broken.yaml', [
      'plugins:',
      '  - name: Alpha',
      '    kind: "@acme/alpha"',
      '    mandatory: true',
      '    requires: [Beta]',
      '    colour: red',
      '  - name: Beta',
      '    kind: "@acme/beta"',
      '    priority: high',
      '',
    ].join('\n'));
    const error = await startTestApp({ PLUGBOARD_PLUGINS_CONFIG: file }).then(
      () => new Error('the app started'),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(PluginsConfigError);
    expect(error.message).toContain(`${file} is invalid (4 errors):`);
    expect(error.message).toContain(`${file}:3: plugins[0].kind: no loadable plugin package "@acme/alpha": a mandatory plugin that cannot load stops start-up`);
    expect(error.message).toContain(`${file}:5: plugins[0].requires[0]: mandatory plugin Alpha requires Beta, which is not mandatory`);
    expect(error.message).toContain(`${file}:6: plugins[0].colour: unknown field "colour"`);
    expect(error.message).toContain(`${file}:9: plugins[1].priority: must be an integer`);
  });

  it('starts with the registry left as it is when the file does not exist', async () => {
    const other = await startTestApp({ PLUGBOARD_PLUGINS_CONFIG: join(tmpdir(), 'no-such-dir-pb', 'plugins.config.yaml') });
    try {
      expect(await other.dataSource.getRepository(RegistryEntryEntity).count()).toBe(0);
      expect(await other.dataSource.getRepository(PluginAuditLogEntity).count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it(`inserts each plugin once when two instances start ${TEST_DB === 'postgres' ? 'together' : 'one after the other'} on one database`, async () => {
    const db = await createTestDatabase();
    const settings = loadSettings({
      DATABASE_URL: db.url,
      PLUGBOARD_JWT_SECRET: 'integration-test-secret-0123456789',
      PLUGBOARD_PLUGINS_CONFIG: REPO_PLUGINS_CONFIG,
      PLUGBOARD_LOG_LEVEL: 'silent',
    });
    const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
    try {
      for (let i = 0; i < 2; i++) apps.push(await buildApp(settings, { logger: false }));
      const sync = (i: number) => (apps[i] as (typeof apps)[number]).app.get(RegistrySyncService).syncAtStartup();
      const reports = TEST_DB === 'postgres' ? await Promise.all([sync(0), sync(1)]) : [await sync(0), await sync(1)];
      expect(reports.map((r) => r?.created.length).sort()).toEqual([0, 8]);
      expect(reports.map((r) => r?.unchanged.length).sort()).toEqual([0, 8]);
      const ds = (apps[0] as (typeof apps)[number]).dataSource;
      expect(await ds.getRepository(RegistryEntryEntity).count()).toBe(8);
      expect(await ds.getRepository(PluginAuditLogEntity).countBy({ action: 'registry.created' })).toBe(8);
    } finally {
      for (const a of apps) {
        await a.app.close();
        if (a.dataSource.isInitialized) await a.dataSource.destroy();
      }
      await db.drop();
    }
  });
});

describe('syncing changes of the YAML', () => {
  let t: TestApp;
  let file: string;
  let admin: Headers;
  let production: string;
  let engineering: string;

  /** The YAML of the "next quarter": new descriptions and priorities, one plugin added, one removed. */
  const nextQuarter = (plugins: Plugin[]): void => {
    Object.assign(pluginIn(plugins, 'RegexFilterPlugin'), { priority: 12, description: 'Blocks arguments matching patterns (v2)' });
    pluginIn(plugins, 'DenyFilterPlugin')['priority'] = 25;
    plugins.splice(plugins.indexOf(pluginIn(plugins, 'CustomMetricsPlugin')), 1);
    plugins.push({ name: 'HeaderPlugin', kind: '@acme/plugin-header', version: '0.1.0', description: 'Adds a trace header', priority: 60, config: { header: 'x-trace' } });
  };
  const sync = async (body: Record<string, unknown> = {}): Promise<Response> => t.http().post('/api/admin/plugins/sync').set(admin).send(body);
  const counts = async (): Promise<number[]> => [
    await t.dataSource.getRepository(RegistryEntryEntity).count(),
    await t.dataSource.getRepository(PluginAuditLogEntity).count(),
  ];

  beforeAll(async () => {
    file = tempFile('plugins.config.yaml', REPO_YAML);
    t = await startTestApp({ PLUGBOARD_PLUGINS_CONFIG: file });
    admin = bearer(await t.token('admin@example.com'));
    const servers = await t.http().get('/api/servers').set(admin);
    production = servers.body.items.find((s: { name: string }) => s.name === 'production_tools').id;
    const teams = await t.http().get('/api/teams').set(admin);
    engineering = teams.body.items.find((x: { slug: string }) => x.slug === 'engineering').id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps fields changed through the API and reports them, takes every other change, and removes plugins but not their settings', async () => {
    const patched = await t.http().patch('/api/admin/plugins/global/RegexFilterPlugin').set(admin).send({ priority: 15 });
    expect(patched.status).toBe(200);
    expect(patched.body.entry).toMatchObject({ managedBy: 'api', apiChangedFields: ['priority'], revision: 2 });
    // Settings of the plugin about to leave the registry (written while it is in it, as admins may).
    const teamRows = t.dataSource.getRepository(TeamPluginEntity);
    const serverRows = t.dataSource.getRepository(ServerPluginEntity);
    await teamRows.save(teamRows.create({ teamId: engineering, pluginName: 'CustomMetricsPlugin', enabled: true, config: {}, priority: null, inheritConfig: true, addedBy: null }));
    await serverRows.save(serverRows.create({ serverId: production, pluginName: 'CustomMetricsPlugin', enabled: true, config: { buckets: [1] }, priority: null, inheritConfig: true, addedBy: null }));
    writeFileSync(file, yamlWith(nextQuarter));

    const expected = {
      file,
      force: false,
      created: ['HeaderPlugin'],
      updated: [{ name: 'RegexFilterPlugin', fields: ['description'] }, { name: 'DenyFilterPlugin', fields: ['priority'] }],
      kept: [{ name: 'RegexFilterPlugin', fields: ['priority'], reason: expect.stringContaining('changed through the API since the last sync') }],
      removed: ['CustomMetricsPlugin'],
      unchanged: ['AuditLoggerPlugin', 'PIIFilterPlugin', 'ResourceFilterPlugin', 'AuthenticationPlugin', 'CachingPlugin'],
      warnings: [],
    };
    const before = await counts();
    const dry = await sync({ dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({ ...expected, dryRun: true });
    expect(await counts()).toEqual(before);
    expect((await entry(t, 'DenyFilterPlugin')).priority).toBe(20);

    const res = await sync({ reason: 'next quarter' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...expected, dryRun: false });

    const now = await registry(t);
    expect([...now.keys()].sort()).toEqual([...PLUGIN_NAMES.filter((n) => n !== 'CustomMetricsPlugin'), 'HeaderPlugin'].sort());
    expect(now.get('RegexFilterPlugin')).toMatchObject({
      priority: 15, description: 'Blocks arguments matching patterns (v2)', managedBy: 'api', apiChangedFields: ['priority'], revision: 3,
    });
    expect(now.get('DenyFilterPlugin')).toMatchObject({ priority: 25, managedBy: 'yaml', apiChangedFields: [], revision: 2 });
    expect(now.get('HeaderPlugin')).toMatchObject({ kind: '@acme/plugin-header', version: '0.1.0', defaultConfig: { header: 'x-trace' }, mandatory: false, revision: 1, managedBy: 'yaml' });
    expect(now.get('AuditLoggerPlugin')).toMatchObject({ revision: 1 });
    // The removed plugin's settings stay: its rows are now ignored ones.
    expect(await t.dataSource.getRepository(TeamPluginEntity).countBy({ pluginName: 'CustomMetricsPlugin' })).toBe(1);
    expect(await t.dataSource.getRepository(ServerPluginEntity).countBy({ pluginName: 'CustomMetricsPlugin' })).toBe(1);

    const audit = (await auditRows(t)).filter((a) => a.reason === 'next quarter');
    const byAction = (action: string) => audit.filter((a) => a.action === action).map((a) => [a.pluginName, a.oldValue, a.newValue]);
    expect(byAction('registry.created')).toEqual([['HeaderPlugin', null, expect.objectContaining({ kind: '@acme/plugin-header', priority: 60 })]]);
    expect(byAction('registry.synced')).toEqual(expect.arrayContaining([
      ['RegexFilterPlugin', { description: 'Blocks arguments matching configured patterns' }, { description: 'Blocks arguments matching patterns (v2)' }],
      ['DenyFilterPlugin', { priority: 20 }, { priority: 25 }],
    ]));
    expect(byAction('registry.removed')).toEqual([['CustomMetricsPlugin', expect.objectContaining({ kind: '@plugboard/plugin-custom-metrics' }), null]]);
    expect(audit).toHaveLength(4);
    for (const a of audit) expect(a).toMatchObject({ level: 'global', entityType: 'registry', actorEmail: 'admin@example.com', entityName: a.pluginName });

    // Readers see the new registry at once.
    const catalog = await t.http().get('/api/plugins').set(bearer(await t.token('alice@example.com')));
    expect(catalog.body.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['HeaderPlugin']));
    expect(catalog.body.items.map((p: { name: string }) => p.name)).not.toContain('CustomMetricsPlugin');
    const chain = await t.http().get(`/api/servers/${production}/plugins`).set(admin);
    expect(chain.status).toBe(200);
    expect(chain.body.chain.map((e: { name: string }) => e.name)).not.toContain('CustomMetricsPlugin');
    expect(JSON.stringify(chain.body.ignored)).toContain('CustomMetricsPlugin');
  });

  it('reports the kept API change on every sync until forced; then the YAML value wins', async () => {
    const again = await sync();
    expect(again.body).toMatchObject({ created: [], updated: [], removed: [], warnings: [], kept: [{ name: 'RegexFilterPlugin', fields: ['priority'] }] });
    expect(again.body.unchanged).toHaveLength(7);

    const forced = await sync({ force: true });
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ force: true, updated: [{ name: 'RegexFilterPlugin', fields: ['priority'] }], kept: [], created: [], removed: [] });
    expect(await entry(t, 'RegexFilterPlugin')).toMatchObject({ priority: 12, managedBy: 'yaml', apiChangedFields: [], revision: 4 });

    const before = await counts();
    const quiet = await sync();
    expect(quiet.body).toMatchObject({ created: [], updated: [], kept: [], removed: [] });
    expect(quiet.body.unchanged).toHaveLength(8);
    expect(await counts()).toEqual(before);
  });

  it('takes the YAML value when a kept API value would break the registry rules, with a warning', async () => {
    const patched = await t.http().patch('/api/admin/plugins/global/DenyFilterPlugin').set(admin).send({ requires: ['ResourceFilterPlugin'] });
    expect(patched.status).toBe(200);
    writeFileSync(file, yamlWith((plugins) => {
      nextQuarter(plugins);
      plugins.splice(plugins.indexOf(pluginIn(plugins, 'ResourceFilterPlugin')), 1);
    }));
    const res = await sync();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ removed: ['ResourceFilterPlugin'], updated: [{ name: 'DenyFilterPlugin', fields: ['requires'] }], kept: [] });
    expect(res.body.warnings).toEqual([expect.stringContaining('DenyFilterPlugin: the API value of requires would break the registry rules')]);
    expect(await entry(t, 'DenyFilterPlugin')).toMatchObject({ requires: [], managedBy: 'yaml' });
  });

  it('answers 422 CONFIG_INVALID with every error by file:line for an invalid YAML, and changes nothing', async () => {
    const valid = readFileSync(file, 'utf8');
    writeFileSync(file, valid.replace('priority: 25', 'priority: "25"').replace('mode: enforce', 'mode: strict'));
    const before = await counts();
    const res = await sync();
    expectProblem(res, 422, 'CONFIG_INVALID');
    const errors = res.body.configErrors as { file: string; line: number; path: string; message: string }[];
    expect(errors.map((e) => [e.path, e.message])).toEqual(expect.arrayContaining([
      [expect.stringMatching(/^plugins\[\d+\]\.priority$/), 'must be an integer'],
      [expect.stringMatching(/^plugins\[\d+\]\.mode$/), 'must be one of enforce, permissive, disabled'],
    ]));
    for (const e of errors) {
      expect(e.file).toBe(file);
      expect(res.body.detail).toContain(`${file}:${e.line}: ${e.path}: ${e.message}`);
    }
    expect(await counts()).toEqual(before);
    writeFileSync(file, valid);
  });

  it('is for admins only: 403 for owners, members, users and viewers, 401 anonymous; nothing synced', async () => {
    writeFileSync(file, REPO_YAML);
    const before = await counts();
    for (const email of ['olivia@example.com', 'alice@example.com', 'bob@example.com', 'victor@example.com']) {
      expectProblem(await t.http().post('/api/admin/plugins/sync').set(bearer(await t.token(email))).send({}), 403, 'FORBIDDEN');
    }
    expectProblem(await t.http().post('/api/admin/plugins/sync').send({}), 401, 'UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });

  it('a restart syncs the file as it now is, once', async () => {
    const second = await startTestApp({ DATABASE_URL: t.databaseUrl, PLUGBOARD_PLUGINS_CONFIG: file });
    try {
      const names = (await registry(t)).keys();
      expect([...names].sort()).toEqual(PLUGIN_NAMES);
      const created = (await auditRows(t)).filter((a) => a.reason === 'start-up sync' && a.action === 'registry.created').map((a) => a.pluginName);
      expect(created.sort()).toEqual([...PLUGIN_NAMES, 'CustomMetricsPlugin', 'ResourceFilterPlugin'].sort());
    } finally {
      await second.close();
    }
    const before = await counts();
    const third = await startTestApp({ DATABASE_URL: t.databaseUrl, PLUGBOARD_PLUGINS_CONFIG: file });
    await third.close();
    expect(await counts()).toEqual(before);
  });
});

describe('GET and PATCH /admin/plugins/global', () => {
  let t: TestApp;
  let admin: Headers;
  let production: string;
  const servers: string[] = [];
  const roles: [string, string][] = [
    ['a team owner', 'olivia@example.com'],
    ['a team member', 'alice@example.com'],
    ['a user in no team', 'uma@example.com'],
    ['a viewer', 'victor@example.com'],
  ];
  const as = async (email: string): Promise<Headers> => bearer(email === 'uma@example.com' ? await t.token(email, 'uma-password-1') : await t.token(email));
  const patch = async (name: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> =>
    t.http().patch(`/api/admin/plugins/global/${name}`).set(admin).set(headers).send(body);
  const chainOf = async (serverId: string): Promise<string[]> => {
    const res = await t.http().get(`/api/servers/${serverId}/plugins`).set(admin);
    expect(res.status).toBe(200);
    return res.body.chain.map((e: { name: string }) => e.name);
  };
  const state = async (): Promise<unknown> => [
    (await t.http().get('/api/admin/plugins/global').set(admin)).body,
    await t.dataSource.getRepository(PluginAuditLogEntity).count(),
  ];

  beforeAll(async () => {
    t = await startTestApp();
    admin = bearer(await t.token('admin@example.com'));
    const uma = await t.http().post('/api/admin/users').set(admin).send({ email: 'uma@example.com', displayName: 'Uma User', password: 'uma-password-1' });
    expect(uma.status).toBe(201);
    const list = await t.http().get('/api/servers').set(admin);
    for (const s of list.body.items as { id: string; name: string }[]) servers.push(s.id);
    production = (list.body.items as { id: string; name: string }[]).find((s) => s.name === 'production_tools')?.id ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET', () => {
    it('shows admins every entry with every policy field, its revision and who manages it', async () => {
      const res = await t.http().get('/api/admin/plugins/global').set(admin);
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: Entry) => e.name)).toEqual(PLUGIN_NAMES);
      const pii = res.body.items.find((e: Entry) => e.name === 'PIIFilterPlugin');
      expect(pii).toEqual({
        name: 'PIIFilterPlugin', kind: '@plugboard/plugin-pii-filter', version: '1.0.0',
        description: 'Masks or blocks personal data in tool arguments and results',
        mandatory: true, enabledGlobally: true, availableForTeams: true, availableForUsers: true,
        allowTeamOverride: true, allowUserOverride: false, allowServerOverride: false,
        requires: [], conflictsWith: ['DenyFilterPlugin'],
        defaultConfig: { pii_patterns: ['\\b\\d{3}-\\d{2}-\\d{4}\\b', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}'], action: 'mask', mask: '[REDACTED]' },
        priority: 2, mode: 'enforce', configSchema: expect.objectContaining({ type: 'object' }), managedBy: 'yaml', apiChangedFields: [], revision: 1,
        createdAt: expect.any(String), updatedAt: expect.any(String),
      });
    });

    it.each(roles)('refuses %s with 403', async (_label, email) => {
      expectProblem(await t.http().get('/api/admin/plugins/global').set(await as(email)), 403, 'FORBIDDEN');
    });

    it('answers 401 to anonymous callers', async () => {
      expectProblem(await t.http().get('/api/admin/plugins/global'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('PATCH', () => {
    it('changes policy fields: revision + 1, managed by the API, audited with old and new values, and chains see it at once', async () => {
      expect(await chainOf(production)).toEqual(['AuditLoggerPlugin', 'PIIFilterPlugin']);
      const res = await patch('ResourceFilterPlugin', { enabledGlobally: true, priority: 35, defaultConfig: { allowed_resources: ['kb.internal'] }, reason: 'allow the knowledge base' }, { 'x-request-id': 'req-registry-1' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        dryRun: false,
        changedFields: ['enabledGlobally', 'defaultConfig', 'priority'],
        entry: { name: 'ResourceFilterPlugin', enabledGlobally: true, priority: 35, defaultConfig: { allowed_resources: ['kb.internal'] }, revision: 2, managedBy: 'api', apiChangedFields: ['enabledGlobally', 'defaultConfig', 'priority'] },
        impact: { summary: { servers: servers.length, serversChanged: servers.length, added: servers.length, removed: 0, changed: 0 } },
      });
      expect(res.body.impact.servers.map((s: { serverId: string }) => s.serverId).sort()).toEqual([...servers].sort());
      const plan = res.body.impact.servers.find((s: { serverId: string }) => s.serverId === production);
      expect(plan).toMatchObject({ serverName: 'production_tools', degradedBefore: false, degradedAfter: false });
      expect(plan.changes).toContainEqual({ plugin: 'ResourceFilterPlugin', change: 'added', fields: [] });
      expect(plan.after.map((e: { name: string }) => e.name)).toEqual(['AuditLoggerPlugin', 'PIIFilterPlugin', 'ResourceFilterPlugin']);

      expect(await chainOf(production)).toEqual(['AuditLoggerPlugin', 'PIIFilterPlugin', 'ResourceFilterPlugin']);
      expect(await entry(t, 'ResourceFilterPlugin')).toMatchObject({ enabledGlobally: true, priority: 35, revision: 2 });
      const [audit] = await t.dataSource.getRepository(PluginAuditLogEntity).findBy({ action: 'registry.updated' });
      expect(audit).toMatchObject({
        level: 'global', pluginName: 'ResourceFilterPlugin', entityType: 'registry', entityName: 'ResourceFilterPlugin',
        actorEmail: 'admin@example.com', actorId: expect.any(String), reason: 'allow the knowledge base', requestId: 'req-registry-1',
        oldValue: { enabledGlobally: false, defaultConfig: { allowed_resources: [] }, priority: 30 },
        newValue: { enabledGlobally: true, defaultConfig: { allowed_resources: ['kb.internal'] }, priority: 35 },
      });
    });

    it('answers a request that changes nothing without a new revision or audit row', async () => {
      const before = await state();
      const res = await patch('ResourceFilterPlugin', { priority: 35, mode: 'enforce' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ changedFields: [], entry: { revision: 2 }, impact: { servers: [] } });
      expect(await state()).toEqual(before);
    });

    it('answers a dry run with the plan of every server and changes nothing', async () => {
      const before = await state();
      const res = await patch('AuthenticationPlugin', { enabledGlobally: true, mode: 'permissive', dryRun: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dryRun: true, changedFields: ['enabledGlobally', 'mode'], entry: { enabledGlobally: true, mode: 'permissive', revision: 1, managedBy: 'yaml' } });
      expect(res.body.impact.summary).toEqual({ servers: servers.length, serversChanged: servers.length, added: servers.length, removed: 0, changed: 0 });
      for (const plan of res.body.impact.servers) {
        expect(plan.before.map((e: { name: string }) => e.name)).not.toContain('AuthenticationPlugin');
        expect(plan.after).toContainEqual(expect.objectContaining({ name: 'AuthenticationPlugin', level: 'global', mode: 'permissive', priority: 5 }));
      }
      expect(await state()).toEqual(before);
      expect(await chainOf(production)).not.toContain('AuthenticationPlugin');
    });

    it('answers 409 VERSION_CONFLICT for a stale revision, in the body or If-Match, and lets one of two racing writes win', async () => {
      const { revision } = await entry(t, 'AuthenticationPlugin');
      const before = await state();
      const stale = await patch('AuthenticationPlugin', { description: 'stale', revision: revision + 5 });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
      expect(stale.body.currentRevision).toBe(revision);
      expectProblem(await patch('AuthenticationPlugin', { description: 'stale' }, { 'If-Match': `"${revision + 1}"` }), 409, 'VERSION_CONFLICT');
      expectProblem(await patch('AuthenticationPlugin', { description: 'stale' }, { 'If-Match': 'yesterday' }), 400, 'VALIDATION_FAILED');
      expect(await state()).toEqual(before);

      const ok = await patch('AuthenticationPlugin', { description: 'Requires a signed-in caller' }, { 'If-Match': `"${revision}"` });
      expect(ok.status).toBe(200);
      expect(ok.body.entry.revision).toBe(revision + 1);
      expectProblem(await patch('AuthenticationPlugin', { description: 'late' }, { 'If-Match': `W/"${revision}"` }), 409, 'VERSION_CONFLICT');

      const racing = await Promise.all([
        patch('AuthenticationPlugin', { description: 'first', revision: revision + 1 }),
        patch('AuthenticationPlugin', { description: 'second', revision: revision + 1 }),
      ]);
      expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await entry(t, 'AuthenticationPlugin')).toMatchObject({ revision: revision + 2, description: expect.stringMatching(/^(first|second)$/) });
    });

    it('refuses mandatory with 400, pointing to promotion and demotion', async () => {
      const before = await state();
      for (const [name, mandatory] of [['PIIFilterPlugin', false], ['RegexFilterPlugin', true], ['RegexFilterPlugin', null]] as const) {
        const res = await patch(name, { mandatory, description: 'sneaky' });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ pointer: '/mandatory', message: expect.stringContaining('promote-to-mandatory') }]);
        expect(res.body.detail).toContain('demote-to-optional');
      }
      expectProblem(await patch('RegexFilterPlugin', { name: 'Renamed', kind: '@evil/x', version: '9.9.9' }), 400, 'VALIDATION_FAILED');
      expect(await state()).toEqual(before);
    });

    it('answers 404 PLUGIN_NOT_FOUND for a name that is not in the registry', async () => {
      expectProblem(await patch('NoSuchPlugin', { description: 'x' }), 404, 'PLUGIN_NOT_FOUND');
      expectProblem(await patch('not a name', { description: 'x' }), 404, 'PLUGIN_NOT_FOUND');
      expectProblem(await patch('%2E%2E', { description: 'x' }), 404, 'PLUGIN_NOT_FOUND');
    });

    it.each([
      ['requiring an unknown plugin', 'RegexFilterPlugin', { requires: ['NoSuchPlugin'] }, 'RegexFilterPlugin: requires unknown plugin NoSuchPlugin', '/requires/0'],
      ['requiring itself', 'RegexFilterPlugin', { requires: ['AuthenticationPlugin', 'RegexFilterPlugin'] }, 'RegexFilterPlugin: RegexFilterPlugin cannot require itself', '/requires/1'],
      ['requiring what it conflicts with', 'RegexFilterPlugin', { requires: ['AuthenticationPlugin'], conflictsWith: ['AuthenticationPlugin'] }, 'RegexFilterPlugin: AuthenticationPlugin is both required and conflicting', '/requires/0'],
      ['a mandatory plugin not enabled globally', 'PIIFilterPlugin', { enabledGlobally: false }, 'PIIFilterPlugin: a mandatory plugin is always enabled globally', '/enabledGlobally'],
      ['a mandatory plugin requiring an optional one', 'AuditLoggerPlugin', { requires: ['RegexFilterPlugin'] }, 'AuditLoggerPlugin: mandatory plugin AuditLoggerPlugin requires RegexFilterPlugin, which is not mandatory', '/requires/0'],
      ['mandatory plugins in conflict', 'AuditLoggerPlugin', { conflictsWith: ['PIIFilterPlugin'] }, 'AuditLoggerPlugin: mandatory plugins AuditLoggerPlugin and PIIFilterPlugin conflict with each other', '/conflictsWith/0'],
    ])('answers 409 REGISTRY_INCONSISTENT for %s, and changes nothing', async (_label, name, body, detail, pointer) => {
      const before = await state();
      const res = await patch(name, body);
      expectProblem(res, 409, 'REGISTRY_INCONSISTENT');
      expect(res.body.detail).toBe(detail);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      expect(await state()).toEqual(before);
    });

    it('answers 409 PLUGIN_CONFLICT or PLUGIN_REQUIREMENT_MISSING when a chain would become invalid, naming where', async () => {
      const alice = bearer(await t.token('alice@example.com'));
      const row = await t.http().post(`/api/servers/${production}/plugins`).set(alice).send({ pluginName: 'RegexFilterPlugin', enabled: true, config: { blocked_patterns: ['secret'] } });
      expect(row.status).toBe(201);
      const team = await t.http().post('/api/teams').set(admin).send({ slug: 'no-servers', name: 'No Servers Yet' });
      const teamRow = await t.http().post(`/api/teams/${team.body.id}/plugins`).set(admin).send({ pluginName: 'AuthenticationPlugin', enabled: true });
      expect(teamRow.status).toBe(201);
      const before = await state();

      const onServer = await patch('RegexFilterPlugin', { conflictsWith: ['AuditLoggerPlugin'] });
      expectProblem(onServer, 409, 'PLUGIN_CONFLICT');
      expect(onServer.body.detail).toBe('RegexFilterPlugin conflicts with AuditLoggerPlugin (mandatory) (on server production_tools)');
      expect(onServer.body.problems).toEqual([expect.objectContaining({ code: 'PLUGIN_CONFLICT', scope: 'server', entityId: production, entityName: 'production_tools' })]);
      expect(onServer.body.suggestions.length).toBeGreaterThan(0);

      const missing = await patch('RegexFilterPlugin', { requires: ['CachingPlugin'] });
      expectProblem(missing, 409, 'PLUGIN_REQUIREMENT_MISSING');
      expect(missing.body.detail).toBe('RegexFilterPlugin requires CachingPlugin to be enabled (on server production_tools)');

      const onTemplate = await patch('AuthenticationPlugin', { conflictsWith: ['AuditLoggerPlugin'] });
      expectProblem(onTemplate, 409, 'PLUGIN_CONFLICT');
      expect(onTemplate.body.detail).toBe('AuthenticationPlugin conflicts with AuditLoggerPlugin (mandatory) (on team No Servers Yet)');

      const onPlatform = await patch('DenyFilterPlugin', { enabledGlobally: true });
      expectProblem(onPlatform, 409, 'PLUGIN_CONFLICT');
      expect(onPlatform.body.detail).toBe('DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory) (on the platform chain)');
      expect(await state()).toEqual(before);

      // Where nothing enables the plugin, the same kind of change is fine.
      expect((await patch('DenyFilterPlugin', { requires: ['ResourceFilterPlugin'] })).status).toBe(200);
    });

    it('answers 422 CONFIG_INVALID with JSON pointers for a default config too deep or refused by the plugin\'s schema (400 for forbidden keys)', async () => {
      const before = await state();
      let deep: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < 16; i++) deep = { nested: deep };
      const tooDeep = await patch('RegexFilterPlugin', { defaultConfig: deep });
      expectProblem(tooDeep, 422, 'CONFIG_INVALID');
      expect(tooDeep.body.errors[0].pointer).toMatch(/^\/defaultConfig\/nested/);
      // Forbidden keys never reach the service: the validation pipe refuses them for every body.
      for (const key of ['constructor', '__proto__', 'prototype']) {
        const forbidden = await t.http().patch('/api/admin/plugins/global/RegexFilterPlugin').set(admin).set('Content-Type', 'application/json')
          .send(`{"defaultConfig": {"blocked_patterns": [], "${key}": {"polluted": true}}}`);
        expectProblem(forbidden, 400, 'VALIDATION_FAILED');
        expect(forbidden.body.errors).toEqual([expect.objectContaining({ pointer: `/defaultConfig/${key}` })]);
      }
      expect(await state()).toEqual(before);

      t.app.get(PluginSchemasService).register('RegexFilterPlugin', {
        type: 'object',
        properties: { blocked_patterns: { type: 'array', items: { type: 'string' }, maxItems: 2 } },
        additionalProperties: false,
      });
      const withSchema = await state();
      const wrongType = await patch('RegexFilterPlugin', { defaultConfig: { blocked_patterns: [7] } });
      expectProblem(wrongType, 422, 'CONFIG_INVALID');
      expect(wrongType.body.errors).toEqual([expect.objectContaining({ pointer: '/defaultConfig/blocked_patterns/0' })]);
      expectProblem(await patch('RegexFilterPlugin', { defaultConfig: { blocked_patterns: [], colour: 'red' } }), 422, 'CONFIG_INVALID');
      // Valid alone, but production_tools adds its own pattern: three items there.
      const effective = await patch('RegexFilterPlugin', { defaultConfig: { blocked_patterns: ['a', 'b'] } });
      expectProblem(effective, 422, 'CONFIG_INVALID');
      expect(effective.body.detail).toContain('effective config of RegexFilterPlugin');
      expect(effective.body.configErrors).toEqual([expect.objectContaining({ pointer: '/blocked_patterns', subject: expect.objectContaining({ scope: 'server', id: production }) })]);
      expect(await state()).toEqual(withSchema);

      const fine = await patch('RegexFilterPlugin', { defaultConfig: { blocked_patterns: ['a'] } });
      expect(fine.status).toBe(200);
      expect(fine.body.entry.configSchema).toMatchObject({ type: 'object' });
    });

    it.each(roles)('refuses %s with 403 and changes nothing', async (_label, email) => {
      const before = await state();
      expectProblem(await t.http().patch('/api/admin/plugins/global/RegexFilterPlugin').set(await as(email)).send({ priority: 1 }), 403, 'FORBIDDEN');
      expectProblem(await t.http().patch('/api/admin/plugins/global/NoSuchPlugin').set(await as(email)).send({ priority: 1 }), 403, 'FORBIDDEN');
      expect(await state()).toEqual(before);
    });

    it('answers 401 to anonymous callers', async () => {
      expectProblem(await t.http().patch('/api/admin/plugins/global/RegexFilterPlugin').send({ priority: 1 }), 401, 'UNAUTHENTICATED');
    });
  });
});

describe('registry sync and policy snapshots', () => {
  it('snapshots the policy before a sync that changes the registry, and not before one that does not', async () => {
    const app = await startTestApp();
    try {
      const admin = { Authorization: `Bearer ${await app.token('admin@example.com')}` };
      const first = await app.http().get('/api/admin/policy/snapshots').set(admin);
      expect(first.status).toBe(200);
      const syncs = (first.body.items as { trigger: string }[]).filter((s) => s.trigger === 'sync');
      expect(syncs).toHaveLength(1); // the start-up sync that created the registry
      const again = await app.http().post('/api/admin/plugins/sync').set(admin).send({});
      expect(again.status).toBe(200);
      const after = await app.http().get('/api/admin/policy/snapshots').set(admin);
      expect((after.body.items as { trigger: string }[]).filter((s) => s.trigger === 'sync')).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
