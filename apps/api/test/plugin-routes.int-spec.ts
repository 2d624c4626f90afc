/**
 * Plugin routes at /api/ext/<prefix>, plugin roles (namespaced per plugin), the bootstrap payload,
 * and start-up checks of plugin packages (SPEC 6, 7, 9), with the example third-party plugin
 * examples/acme-greeter installed as an npm workspace package and discovered only through the
 * "plugboard" field of its package.json under node_modules.
 */
import { lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectProblem, GREETER_REGISTRY_ENTRY, startTestApp, writePluginsConfig, type TestApp } from './harness';

const GREETER_LINK = resolve(__dirname, '../../../node_modules/@acme/plugboard-greeter');
const BAD_UI_DIR = resolve(__dirname, 'fixtures/plugin-routes/bad-ui-plugin');

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('plugin routes, plugin roles and bootstrap', () => {
  let t: TestApp;
  let dir: string;
  const ids = new Map<string, string>();

  const as = async (email: string) => bearer(await t.token(email));
  const idOf = async (email: string): Promise<string> => {
    if (!ids.has(email)) ids.set(email, ((await t.http().get('/api/users/me').set(await as(email))).body as { id: string }).id);
    return ids.get(email) as string;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pb-greeter-'));
    const config = join(dir, 'plugins.config.yaml');
    t = await startTestApp({ PLUGBOARD_PLUGINS_CONFIG: writePluginsConfig(config, GREETER_REGISTRY_ENTRY) });
    const admin = await as('admin@example.com');
    const res = await t.http().put(`/api/admin/plugins/AcmeGreeterPlugin/roles/${await idOf('olivia@example.com')}`).set(admin).send({ role: 'greeter' });
    expect(res.body).toMatchObject({ roles: ['greeter'] });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the example installed under node_modules as a workspace package', () => {
    expect(lstatSync(GREETER_LINK).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(GREETER_LINK, 'package.json'), 'utf8'))).toMatchObject({ name: '@acme/plugboard-greeter', plugboard: { plugin: './index.js' } });
  });

  it('the loader discovers the example through its package.json and reports it available', async () => {
    const catalog = await t.http().get('/api/plugins').set(await as('alice@example.com'));
    expect(catalog.status).toBe(200);
    expect(catalog.body.items.find((p: { name: string }) => p.name === 'AcmeGreeterPlugin')).toMatchObject({ status: 'available', hooks: [] });
  });

  describe('the example plugin\'s routes', () => {
    it('answers 401 anonymous, 403 without the role, 200 with it and for a platform admin', async () => {
      expectProblem(await t.http().get('/api/ext/acme-greeter/hello'), 401, 'UNAUTHENTICATED');
      const forbidden = await t.http().get('/api/ext/acme-greeter/hello').set(await as('alice@example.com'));
      expectProblem(forbidden, 403, 'FORBIDDEN');
      expect(forbidden.body).toMatchObject({ plugin: 'AcmeGreeterPlugin' });
      const holder = await t.http().get('/api/ext/acme-greeter/hello').set(await as('olivia@example.com'));
      expect(holder.status).toBe(200);
      expect(holder.body).toEqual({ greeting: 'Hello, olivia@example.com!', plugin: 'AcmeGreeterPlugin' });
      expect((await t.http().get('/api/ext/acme-greeter/hello').set(await as('admin@example.com'))).status).toBe(200);
    });

    it('serves a @Public route to anyone', async () => {
      const res = await t.http().get('/api/ext/acme-greeter/ping');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, plugin: 'AcmeGreeterPlugin' });
    });

    it('takes a revoked role away at once (no cache)', async () => {
      const admin = await as('admin@example.com');
      const bob = await idOf('bob@example.com');
      expect((await t.http().put(`/api/admin/plugins/AcmeGreeterPlugin/roles/${bob}`).set(admin).send({ role: 'greeter' })).status).toBe(200);
      expect((await t.http().get('/api/ext/acme-greeter/hello').set(await as('bob@example.com'))).status).toBe(200);
      expect((await t.http().delete(`/api/admin/plugins/AcmeGreeterPlugin/roles/${bob}?role=greeter`).set(admin)).status).toBe(204);
      expectProblem(await t.http().get('/api/ext/acme-greeter/hello').set(await as('bob@example.com')), 403, 'FORBIDDEN');
    });
  });

  describe('plugin roles', () => {
    it('GET /plugins/:name/me/role answers the caller\'s roles in that plugin only', async () => {
      const mine = await t.http().get('/api/plugins/AcmeGreeterPlugin/me/role').set(await as('olivia@example.com'));
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual({ pluginName: 'AcmeGreeterPlugin', roles: ['greeter'], isPlatformAdmin: false });
      // Namespaced: Olivia's greeter role is no role of another plugin.
      const other = await t.http().get('/api/plugins/AuditLoggerPlugin/me/role').set(await as('olivia@example.com'));
      expect(other.body).toEqual({ pluginName: 'AuditLoggerPlugin', roles: [], isPlatformAdmin: false });
      const admin = await t.http().get('/api/plugins/AcmeGreeterPlugin/me/role').set(await as('admin@example.com'));
      expect(admin.body).toEqual({ pluginName: 'AcmeGreeterPlugin', roles: [], isPlatformAdmin: true });
      expectProblem(await t.http().get('/api/plugins/NoSuchPlugin/me/role').set(await as('alice@example.com')), 404, 'PLUGIN_NOT_FOUND');
      expectProblem(await t.http().get('/api/plugins/AcmeGreeterPlugin/me/role'), 401, 'UNAUTHENTICATED');
    });

    it('a role of plugin A grants nothing in plugin B', async () => {
      const admin = await as('admin@example.com');
      const alice = await idOf('alice@example.com');
      // "greeter" is not a role AuditLoggerPlugin declares: refused, nothing granted.
      expectProblem(await t.http().put(`/api/admin/plugins/AuditLoggerPlugin/roles/${alice}`).set(admin).send({ role: 'greeter' }), 422, 'PLUGIN_ROLE_UNKNOWN');
      const [row] = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM plugin_role_assignments WHERE user_id = '${alice}'`,
      ) as { n: string | number }[];
      expect(Number(row?.n)).toBe(0);
      // Even a row written behind the API's back for another plugin does not open the greeter's route.
      await t.dataSource.query(`INSERT INTO plugin_role_assignments (id, user_id, plugin_name, role, created_at) VALUES ('${'0000000a-0000-4000-8000-000000000001'}', '${alice}', 'AuditLoggerPlugin', 'greeter', CURRENT_TIMESTAMP)`);
      expectProblem(await t.http().get('/api/ext/acme-greeter/hello').set(await as('alice@example.com')), 403, 'FORBIDDEN');
      await t.dataSource.query(`DELETE FROM plugin_role_assignments WHERE user_id = '${alice}'`);
    });

    it('admin grant/revoke: validation, 404s, 422 for undeclared roles, admin only', async () => {
      const admin = await as('admin@example.com');
      const alice = await idOf('alice@example.com');
      const url = `/api/admin/plugins/AcmeGreeterPlugin/roles/${alice}`;
      expectProblem(await t.http().put(url).set(admin).send({ role: 'wizard' }), 422, 'PLUGIN_ROLE_UNKNOWN');
      expectProblem(await t.http().put(url).set(admin).send({}), 400, 'VALIDATION_FAILED');
      expectProblem(await t.http().put('/api/admin/plugins/NoSuchPlugin/roles/' + alice).set(admin).send({ role: 'greeter' }), 404, 'PLUGIN_NOT_FOUND');
      expectProblem(await t.http().put('/api/admin/plugins/AcmeGreeterPlugin/roles/00000000-0000-4000-8000-000000000000').set(admin).send({ role: 'greeter' }), 404, 'NOT_FOUND');
      expectProblem(await t.http().put(url).set(await as('olivia@example.com')).send({ role: 'greeter' }), 403, 'FORBIDDEN');
      const granted = await t.http().put(url).set(admin).send({ role: 'greeter' });
      expect(granted.body).toEqual({ pluginName: 'AcmeGreeterPlugin', userId: alice, roles: ['greeter'] });
      // Idempotent.
      expect((await t.http().put(url).set(admin).send({ role: 'greeter' })).body).toEqual(granted.body);
      expect((await t.http().delete(url).set(admin)).status).toBe(204);
      expect((await t.http().get('/api/plugins/AcmeGreeterPlugin/me/role').set(await as('alice@example.com'))).body.roles).toEqual([]);
    });
  });

  describe('GET /api/bootstrap', () => {
    it('gives anonymous callers only the public part', async () => {
      const res = await t.http().get('/api/bootstrap');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: null,
        features: { oidc: false, pluginRbac: true, userPluginCustomization: true, plugin: [] },
        menu: [],
        routes: [],
        slots: {},
        plugins: [],
      });
    });

    it('gives a signed-in caller their identity and what they may see', async () => {
      const res = await t.http().get('/api/bootstrap').set(await as('alice@example.com'));
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ email: 'alice@example.com' });
      expect(res.body.plugins).toContainEqual({ name: 'AcmeGreeterPlugin', version: '1.0.0', routePrefix: 'acme-greeter', roles: [] });
      expect(res.body.features.plugin).toContainEqual({ plugin: 'AcmeGreeterPlugin', name: 'greetings' });
      expect(res.body.slots['home:after-projects']).toEqual([expect.objectContaining({ id: 'acme-greeter-card', plugin: 'AcmeGreeterPlugin' })]);
      // The menu item and route need the greeter role.
      expect(res.body.menu).toEqual([]);
      expect(res.body.routes).toEqual([]);
    });

    it('gives a role holder (and an admin) the items needing the role', async () => {
      for (const email of ['olivia@example.com', 'admin@example.com']) {
        const res = await t.http().get('/api/bootstrap').set(await as(email));
        const greeter = <T extends { plugin: string }>(items: T[]) => items.filter((i) => i.plugin === 'AcmeGreeterPlugin');
        expect(greeter(res.body.menu)).toEqual([expect.objectContaining({ id: 'acme-greeter', plugin: 'AcmeGreeterPlugin' })]);
        expect(greeter(res.body.routes)).toEqual([expect.objectContaining({ path: 'ext/acme-greeter', plugin: 'AcmeGreeterPlugin' })]);
      }
    });
  });

  describe('once the plugin is disabled', () => {
    it('its routes answer 404 and it leaves the bootstrap payload', async () => {
      const admin = await as('admin@example.com');
      const patch = await t.http().patch('/api/admin/plugins/global/AcmeGreeterPlugin').set(admin).send({ mode: 'disabled' });
      expect(patch.status).toBe(200);
      expectProblem(await t.http().get('/api/ext/acme-greeter/hello').set(await as('olivia@example.com')), 404, 'PLUGIN_NOT_FOUND');
      expectProblem(await t.http().get('/api/ext/acme-greeter/hello').set(admin), 404, 'PLUGIN_NOT_FOUND');
      expectProblem(await t.http().get('/api/ext/acme-greeter/ping'), 404, 'PLUGIN_NOT_FOUND');
      expectProblem(await t.http().get('/api/ext/acme-greeter/hello'), 404, 'PLUGIN_NOT_FOUND');
      const boot = await t.http().get('/api/bootstrap').set(await as('olivia@example.com'));
      expect(boot.body.plugins.map((p: { name: string }) => p.name)).not.toContain('AcmeGreeterPlugin');
      expect(boot.body.slots).toEqual({});
    });
  });

  describe('start-up', () => {
    it('answers 404 for a loaded plugin that is not in the registry', async () => {
      const other = await startTestApp();
      try {
        expectProblem(await other.http().get('/api/ext/acme-greeter/ping'), 404, 'PLUGIN_NOT_FOUND');
        expectProblem(await other.http().get('/api/ext/acme-greeter/hello').set(bearer(await other.token('admin@example.com'))), 404, 'PLUGIN_NOT_FOUND');
      } finally {
        await other.close();
      }
    });

    it('refuses a plugin whose UI manifest carries a dangerous URL', async () => {
      await expect(startTestApp({ PLUGBOARD_PLUGIN_PATHS: BAD_UI_DIR })).rejects.toThrow(/BadUiPlugin.*UI manifest was refused/);
    });
  });
});
