import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistryYaml } from '@plugboard/governance';
import { RegistryEntryEntity } from '../src/governance/registry-entry.entity';
import { registryEntityFields } from '../src/governance/registry.mapper';
import { expectProblem, startTestApp, type TestApp } from './harness';

async function ensureRegistry(t: TestApp): Promise<void> {
  const repo = t.dataSource.getRepository(RegistryEntryEntity);
  if ((await repo.count()) > 0) return;
  const { entries } = parseRegistryYaml(readFileSync(join(__dirname, '../../../plugins.config.yaml'), 'utf8'), 'plugins.config.yaml');
  for (const e of entries) await repo.save(repo.create(registryEntityFields(e)));
}

interface Ids {
  engineering: string;
  security: string;
  production: string;
  external: string;
  alice: string;
}

async function ids(t: TestApp): Promise<Ids> {
  const admin = { Authorization: `Bearer ${await t.token('admin@example.com')}` };
  const teams = (await t.http().get('/api/teams').set(admin)).body.items as { id: string; slug: string }[];
  const servers = (await t.http().get('/api/servers').set(admin)).body.items as { id: string; name: string }[];
  const users = (await t.http().get('/api/admin/users?q=alice').set(admin)).body.items as { id: string }[];
  return {
    engineering: teams.find((x) => x.slug === 'engineering')!.id,
    security: teams.find((x) => x.slug === 'security')!.id,
    production: servers.find((s) => s.name === 'production_tools')!.id,
    external: servers.find((s) => s.name === 'external_api')!.id,
    alice: users[0]!.id,
  };
}

describe('plugin settings: who may read and write each level', () => {
  let t: TestApp;
  let x: Ids;
  const as = async (email: string) => ({ Authorization: `Bearer ${await t.token(email)}` });

  beforeAll(async () => {
    t = await startTestApp();
    await ensureRegistry(t);
    x = await ids(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('anonymous callers get 401 on every settings route', async () => {
    for (const path of [`/api/teams/${x.engineering}/plugins`, '/api/users/me/plugins', `/api/servers/${x.production}/plugins`]) {
      expectProblem(await t.http().get(path), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http().post(path).send({ pluginName: 'RegexFilterPlugin', enabled: true }), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http().put(`${path}/RegexFilterPlugin`).send({ enabled: true }), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http().delete(`${path}/RegexFilterPlugin`), 401, 'UNAUTHENTICATED');
    }
  });

  it('viewers get 403 on every settings route', async () => {
    const viewer = await as('victor@example.com');
    for (const path of [`/api/teams/${x.engineering}/plugins`, '/api/users/me/plugins', `/api/servers/${x.production}/plugins`]) {
      expectProblem(await t.http().get(path).set(viewer), 403, 'FORBIDDEN');
      expectProblem(await t.http().put(`${path}/RegexFilterPlugin`).set(viewer).send({ enabled: true }), 403, 'FORBIDDEN');
    }
  });

  it('team level: owner writes, member reads, stranger 404, admin writes any team', async () => {
    const path = `/api/teams/${x.engineering}/plugins`;
    expect((await t.http().get(path).set(await as('olivia@example.com'))).body.canWrite).toBe(true);
    expect((await t.http().get(path).set(await as('alice@example.com'))).body.canWrite).toBe(false);
    expectProblem(await t.http().put(`${path}/ResourceFilterPlugin`).set(await as('alice@example.com')).send({ enabled: true }), 403, 'FORBIDDEN');
    expectProblem(await t.http().get(path).set(await as('bob@example.com')), 404, 'NOT_FOUND');
    expectProblem(await t.http().put(`${path}/ResourceFilterPlugin`).set(await as('sam@example.com')).send({ enabled: true }), 404, 'NOT_FOUND');
    const admin = await t.http().put(`${path}/ResourceFilterPlugin`).set(await as('admin@example.com')).send({ enabled: true, reason: 'admin on a team it is not in' });
    expect(admin.status).toBe(200);
    // Admins are exempt from availability: CustomMetricsPlugin is not available to teams.
    expect((await t.http().put(`${path}/CustomMetricsPlugin`).set(await as('admin@example.com')).send({ enabled: true })).status).toBe(200);
    expectProblem(await t.http().put(`/api/teams/${x.security}/plugins/CustomMetricsPlugin`).set(await as('sam@example.com')).send({ enabled: true }), 403, 'PLUGIN_NOT_AVAILABLE');
    expectProblem(await t.http().get('/api/teams/not-a-uuid/plugins').set(await as('admin@example.com')), 404, 'NOT_FOUND');
  });

  it('server level: owner and admin write; team members and the team owner read; strangers 404', async () => {
    const path = `/api/servers/${x.production}/plugins`;
    const owner = await t.http().get(path).set(await as('alice@example.com'));
    expect([owner.status, owner.body.canWrite]).toEqual([200, true]);
    const teamOwner = await t.http().get(path).set(await as('olivia@example.com'));
    expect([teamOwner.status, teamOwner.body.canWrite]).toEqual([200, false]);
    expectProblem(await t.http().put(`${path}/ResourceFilterPlugin`).set(await as('olivia@example.com')).send({ enabled: true }), 403, 'FORBIDDEN');
    expectProblem(await t.http().get(path).set(await as('bob@example.com')), 404, 'NOT_FOUND');
    expect((await t.http().put(`${path}/RegexFilterPlugin`).set(await as('alice@example.com')).send({ enabled: true })).status).toBe(200);
    expect((await t.http().put(`${path}/RegexFilterPlugin`).set(await as('admin@example.com')).send({ enabled: false })).status).toBe(200);
    expectProblem(await t.http().post(path).set(await as('alice@example.com')).send({ pluginName: 'RegexFilterPlugin', enabled: true }), 409, 'ALREADY_EXISTS');
    expectProblem(await t.http().get(`/api/servers/${x.external}/plugins`).set(await as('alice@example.com')), 404, 'NOT_FOUND');
  });

  it('user level: the per-user customization flag stops user rows (403), admins may lift it', async () => {
    const admin = await as('admin@example.com');
    expect((await t.http().patch(`/api/admin/users/${x.alice}`).set(admin).send({ pluginCustomizationAllowed: false })).status).toBe(200);
    const alice = await as('alice@example.com');
    const view = await t.http().get('/api/users/me/plugins').set(alice);
    expect(view.body.plugins.every((p: { canToggle: boolean; reason: string }) => !p.canToggle && p.reason === 'Plugin customization is turned off for you')).toBe(true);
    expectProblem(await t.http().put('/api/users/me/plugins/ResourceFilterPlugin').set(alice).send({ enabled: true }), 403, 'USER_CUSTOMIZATION_DISABLED');
    expect((await t.http().patch(`/api/admin/users/${x.alice}`).set(admin).send({ pluginCustomizationAllowed: true })).status).toBe(200);
    expect((await t.http().put('/api/users/me/plugins/ResourceFilterPlugin').set(alice).send({ enabled: true })).status).toBe(200);
  });

  it('user level: PLUGBOARD_USER_PLUGIN_CUSTOMIZATION_ALLOWED=false stops every user row', async () => {
    const locked = await startTestApp({ PLUGBOARD_USER_PLUGIN_CUSTOMIZATION_ALLOWED: 'false' });
    try {
      await ensureRegistry(locked);
      const res = await locked.http().put('/api/users/me/plugins/ResourceFilterPlugin').set({ Authorization: `Bearer ${await locked.token('bob@example.com')}` }).send({ enabled: true });
      expectProblem(res, 403, 'USER_CUSTOMIZATION_DISABLED');
    } finally {
      await locked.close();
    }
  });

  it('validates write bodies: unknown fields, wrong types, bad plugin names, bad If-Match', async () => {
    const owner = await as('olivia@example.com');
    const path = `/api/teams/${x.engineering}/plugins`;
    expectProblem(await t.http().put(`${path}/RegexFilterPlugin`).set(owner).send({ enabled: true, teamId: x.security }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().put(`${path}/RegexFilterPlugin`).set(owner).send({ enabled: 'yes' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().put(`${path}/RegexFilterPlugin`).set(owner).send({ enabled: true, inheritTeamConfig: false }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().put('/api/users/me/plugins/RegexFilterPlugin').set(owner).send({ enabled: true, inheritConfig: false }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().put(`${path}/${encodeURIComponent('../etc')}`).set(owner).send({ enabled: true }), 404, 'PLUGIN_NOT_FOUND');
    expectProblem(await t.http().put(`${path}/RegexFilterPlugin`).set(owner).set('If-Match', '*').send({ enabled: true }), 400, 'VALIDATION_FAILED');
    const big = { blocked_patterns: Array.from({ length: 5000 }, (_, i) => `pattern-number-${i}-xxxxxxxx`) };
    expectProblem(await t.http().put(`${path}/RegexFilterPlugin`).set(owner).send({ enabled: true, config: big }), 422, 'CONFIG_INVALID');
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { nested: deep };
    expectProblem(await t.http().put(`${path}/RegexFilterPlugin`).set(owner).send({ enabled: true, config: deep }), 422, 'CONFIG_INVALID');
  });
});
