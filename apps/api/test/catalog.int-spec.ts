/* GET /plugins: the catalog every signed-in caller (viewers too) reads, with where each plugin is available to them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginSchemasService } from '../src/governance/plugin-schemas.service';
import { expectProblem, GREETER_REGISTRY_ENTRY, startTestApp, writePluginsConfig, type TestApp } from './harness';

interface CatalogItem {
  name: string;
  status: string;
  statusReason: string | null;
  configSchema: Record<string, unknown> | null;
  hooks: string[];
  availability: { team: boolean; user: boolean; server: boolean; reason?: string };
  [field: string]: unknown;
}

const NAMES = [
  'AuditLoggerPlugin', 'AuthenticationPlugin', 'CachingPlugin', 'CustomMetricsPlugin',
  'DenyFilterPlugin', 'PIIFilterPlugin', 'RegexFilterPlugin', 'ResourceFilterPlugin',
];
const ALL = { team: true, user: true, server: true };
const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

describe('GET /plugins', () => {
  let t: TestApp;
  let admin: { Authorization: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = bearer(await t.token('admin@example.com'));
    const uma = await t.http().post('/api/admin/users').set(admin).send({ email: 'uma@example.com', displayName: 'Uma User', password: 'uma-password-1' });
    expect(uma.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const catalogOf = async (headers: { Authorization: string }): Promise<Map<string, CatalogItem>> => {
    const res = await t.http().get('/api/plugins').set(headers);
    expect(res.status).toBe(200);
    const items = res.body.items as CatalogItem[];
    expect(items.map((p) => p.name)).toEqual(NAMES);
    return new Map(items.map((p) => [p.name, p]));
  };

  it('lists every registry plugin with its policy, config and schema, each loaded by the runtime', async () => {
    const catalog = await catalogOf(bearer(await t.token('alice@example.com')));
    expect(catalog.get('PIIFilterPlugin')).toEqual({
      name: 'PIIFilterPlugin', kind: '@plugboard/plugin-pii-filter', version: '1.0.0',
      description: 'Masks or blocks personal data in tool arguments and results',
      mandatory: true, enabledGlobally: true, allowTeamOverride: true, allowUserOverride: false, allowServerOverride: false,
      mode: 'enforce', priority: 2, requires: [], conflictsWith: ['DenyFilterPlugin'],
      defaultConfig: { pii_patterns: expect.any(Array), action: 'mask', mask: '[REDACTED]' },
      configSchema: expect.objectContaining({ type: 'object', properties: expect.objectContaining({ action: expect.any(Object), mask: expect.any(Object) }) }),
      status: 'available', statusReason: null,
      hooks: ['tool_pre_invoke', 'tool_post_invoke', 'resource_post_fetch', 'prompt_pre_fetch', 'prompt_post_fetch'],
      availability: ALL,
    });
    expect(catalog.get('CachingPlugin')).toMatchObject({ mandatory: false, enabledGlobally: false, requires: ['AuthenticationPlugin'], defaultConfig: { cache_ttl: 300 } });
    for (const item of catalog.values()) expect(item).toMatchObject({ status: 'available', statusReason: null, configSchema: expect.objectContaining({ type: 'object' }) });
  });

  it.each([
    ['a team owner', 'olivia@example.com'],
    ['a team member', 'alice@example.com'],
  ])('shows %s every plugin; CustomMetricsPlugin is listed but available to platform admins only', async (_label, email) => {
    const catalog = await catalogOf(bearer(await t.token(email)));
    for (const [name, item] of catalog) {
      if (name === 'CustomMetricsPlugin') {
        expect(item.availability).toEqual({ team: false, user: false, server: false, reason: 'available to platform admins only' });
      } else {
        expect([name, item.availability]).toEqual([name, ALL]);
      }
    }
  });

  it('shows a user in no team the same catalog', async () => {
    const catalog = await catalogOf(bearer(await t.token('uma@example.com', 'uma-password-1')));
    expect(catalog.get('RegexFilterPlugin')?.availability).toEqual(ALL);
    expect(catalog.get('CustomMetricsPlugin')?.availability.team).toBe(false);
  });

  it('shows admins everything available, CustomMetricsPlugin included', async () => {
    const catalog = await catalogOf(admin);
    for (const item of catalog.values()) expect(item.availability).toEqual(ALL);
  });

  it('lets viewers read the catalog, with nothing available to them', async () => {
    const catalog = await catalogOf(bearer(await t.token('victor@example.com')));
    for (const item of catalog.values()) {
      expect(item.availability).toEqual({ team: false, user: false, server: false, reason: 'viewers can read the catalog but not use plugins' });
    }
  });

  it('answers 401 to anonymous callers and forged tokens', async () => {
    expectProblem(await t.http().get('/api/plugins'), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http().get('/api/plugins').set('Authorization', 'Bearer pbt_forged'), 401, 'UNAUTHENTICATED');
  });

  it('follows the registry: availability flags and descriptions changed by an admin show at once', async () => {
    const bob = bearer(await t.token('bob@example.com'));
    expect((await catalogOf(bob)).get('DenyFilterPlugin')?.availability).toEqual(ALL);
    const res = await t.http().patch('/api/admin/plugins/global/DenyFilterPlugin').set(admin).send({ availableForTeams: false, description: 'Blocks listed tools (teams: ask the platform team)' });
    expect(res.status).toBe(200);
    const deny = (await catalogOf(bob)).get('DenyFilterPlugin');
    expect(deny).toMatchObject({ description: 'Blocks listed tools (teams: ask the platform team)', availability: { team: false, user: true, server: true, reason: 'not available for team settings' } });

    await t.http().patch('/api/admin/plugins/global/DenyFilterPlugin').set(admin).send({ availableForTeams: true, availableForUsers: false });
    expect((await catalogOf(bob)).get('DenyFilterPlugin')?.availability).toEqual({ team: true, user: false, server: false, reason: 'not available for user or server settings' });
  });

  it('takes a user\'s personal customization switch into account for the user level only', async () => {
    const users = await t.http().get('/api/admin/users?q=bob@').set(admin);
    const bobId = users.body.items[0].id as string;
    expect((await t.http().patch(`/api/admin/users/${bobId}`).set(admin).send({ pluginCustomizationAllowed: false })).status).toBe(200);
    const bob = bearer(await t.token('bob@example.com'));
    expect((await catalogOf(bob)).get('RegexFilterPlugin')?.availability).toEqual({
      team: true, user: false, server: true, reason: 'personal plugin settings are switched off for you',
    });
  });

  it('shows the config schema the loaded plugin package registered', async () => {
    const catalog = await catalogOf(bearer(await t.token('alice@example.com')));
    expect(catalog.get('CachingPlugin')).toMatchObject({ status: 'available', statusReason: null, configSchema: t.app.get(PluginSchemasService).schemaFor('CachingPlugin') });
    expect(catalog.get('CachingPlugin')?.configSchema).toMatchObject({ type: 'object', properties: { cache_ttl: expect.any(Object) } });
  });
});

describe('GET /plugins: the hooks each plugin implements', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-catalog-'));
    // The example plugin (loaded, no hooks) and a registry entry whose package is not installed.
    t = await startTestApp({
      PLUGBOARD_PLUGINS_CONFIG: writePluginsConfig(join(dir, 'plugins.config.yaml'), `${GREETER_REGISTRY_ENTRY}
  - name: MissingOptionalPlugin
    kind: "@acme/plugboard-plugin-missing"
    version: "1.0.0"
    description: An optional plugin whose package is not installed
    mandatory: false
    enabled_globally: false
    priority: 95
    mode: enforce
`),
    });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the loaded plugin\'s manifest hooks in hook order, and none for a plugin without hooks or not loaded', async () => {
    const res = await t.http().get('/api/plugins').set(bearer(await t.token('alice@example.com')));
    expect(res.status).toBe(200);
    const hooks = Object.fromEntries((res.body.items as CatalogItem[]).map((p) => [p.name, p.hooks]));
    expect(hooks).toEqual({
      AcmeGreeterPlugin: [],
      AuditLoggerPlugin: ['tool_pre_invoke', 'tool_post_invoke'],
      AuthenticationPlugin: ['tool_pre_invoke', 'resource_pre_fetch', 'prompt_pre_fetch'],
      CachingPlugin: ['tool_pre_invoke', 'tool_post_invoke'],
      CustomMetricsPlugin: ['tool_pre_invoke', 'tool_post_invoke'],
      DenyFilterPlugin: ['tool_pre_invoke'],
      MissingOptionalPlugin: [],
      PIIFilterPlugin: ['tool_pre_invoke', 'tool_post_invoke', 'resource_post_fetch', 'prompt_pre_fetch', 'prompt_post_fetch'],
      RegexFilterPlugin: ['tool_pre_invoke', 'prompt_pre_fetch'],
      ResourceFilterPlugin: ['tool_pre_invoke', 'resource_pre_fetch'],
    });
    const missing = (res.body.items as CatalogItem[]).find((p) => p.name === 'MissingOptionalPlugin');
    expect(missing).toMatchObject({ status: 'unavailable', statusReason: expect.stringContaining('@acme/plugboard-plugin-missing is not installed'), hooks: [] });
  });
});
