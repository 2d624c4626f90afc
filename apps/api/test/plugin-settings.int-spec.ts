import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistryYaml } from '@plugboard/governance';
import { RegistryEntryEntity } from '../src/governance/registry-entry.entity';
import { registryEntityFields } from '../src/governance/registry.mapper';
import { PluginAuditLogEntity } from '../src/governance/plugin-audit-log.entity';
import { TeamPluginEntity } from '../src/governance/team-plugin.entity';
import { expectProblem, startTestApp, type TestApp } from './harness';

const REPO_ROOT = join(__dirname, '../../..');

/** The repository's registry, whether or not start-up already synced it. */
async function ensureRegistry(t: TestApp): Promise<void> {
  const repo = t.dataSource.getRepository(RegistryEntryEntity);
  if ((await repo.count()) > 0) return;
  const { entries, errors } = parseRegistryYaml(readFileSync(join(REPO_ROOT, 'plugins.config.yaml'), 'utf8'), 'plugins.config.yaml');
  expect(errors).toEqual([]);
  for (const e of entries) await repo.save(repo.create(registryEntityFields(e)));
}

describe('plugin settings at the team, user and server levels (US-1..US-4, US-6)', () => {
  let t: TestApp;
  let engineering: string;
  let security: string;
  let production: string;
  let dev: string;
  let external: string;
  const auth = async (email: string) => ({ Authorization: `Bearer ${await t.token(email)}` });

  beforeAll(async () => {
    t = await startTestApp();
    await ensureRegistry(t);
    const teams = await t.http().get('/api/teams').set(await auth('admin@example.com'));
    engineering = teams.body.items.find((x: { slug: string }) => x.slug === 'engineering').id;
    security = teams.body.items.find((x: { slug: string }) => x.slug === 'security').id;
    const servers = await t.http().get('/api/servers').set(await auth('admin@example.com'));
    const byName = (n: string) => servers.body.items.find((s: { name: string }) => s.name === n).id as string;
    production = byName('production_tools');
    dev = byName('dev_tools');
    external = byName('external_api');
  });
  afterAll(async () => {
    await t.close();
  });

  it('US-1: mandatory plugins run on every server, in priority order, badged MANDATORY', async () => {
    for (const id of [production, dev, external]) {
      const res = await t.http().get(`/api/servers/${id}/plugins`).set(await auth('admin@example.com'));
      expect(res.status).toBe(200);
      expect(res.body.chain.map((e: { name: string }) => e.name)).toEqual(['AuditLoggerPlugin', 'PIIFilterPlugin']);
      expect(res.body.chain.every((e: { badge: string }) => e.badge === 'MANDATORY')).toBe(true);
      expect(res.body.degraded).toBe(false);
    }
  });

  it('US-2: a team owner sees mandatory, available and unavailable plugins, and enables one for the team', async () => {
    const view = await t.http().get(`/api/teams/${engineering}/plugins`).set(await auth('olivia@example.com'));
    expect(view.status).toBe(200);
    const by = new Map(view.body.plugins.map((p: { name: string }) => [p.name, p]));
    expect(by.get('AuditLoggerPlugin')).toMatchObject({ badge: 'MANDATORY', canToggle: false });
    expect(by.get('RegexFilterPlugin')).toMatchObject({ enabled: false, canToggle: true });
    expect(by.get('CustomMetricsPlugin')).toMatchObject({ canToggle: false, reason: 'Not available for teams (platform policy)' });

    const created = await t.http().post(`/api/teams/${engineering}/plugins`).set(await auth('olivia@example.com'))
      .send({ pluginName: 'RegexFilterPlugin', enabled: true, config: { blocked_patterns: ['internal-regex-123', 'proprietary-term'] }, reason: 'US-2' });
    expect(created.status).toBe(201);
    expect(created.body.setting).toMatchObject({ pluginName: 'RegexFilterPlugin', enabled: true, version: 1 });
    expect(created.body.plan.servers.map((s: { serverId: string }) => s.serverId).sort()).toEqual([dev, production].sort());

    const chain = await t.http().get(`/api/servers/${production}/plugins`).set(await auth('alice@example.com'));
    const regex = chain.body.chain.find((e: { name: string }) => e.name === 'RegexFilterPlugin');
    expect(regex).toMatchObject({ badge: 'TEAM DEFAULT', config: { blocked_patterns: ['internal-regex-123', 'proprietary-term'] } });
    // Other teams' servers are untouched.
    const other = await t.http().get(`/api/servers/${external}/plugins`).set(await auth('bob@example.com'));
    expect(other.body.chain.map((e: { name: string }) => e.name)).not.toContain('RegexFilterPlugin');

    const audit = await t.dataSource.getRepository(PluginAuditLogEntity).findBy({ pluginName: 'RegexFilterPlugin', entityId: engineering });
    expect(audit).toEqual([expect.objectContaining({ action: 'setting.created', actorEmail: 'olivia@example.com', reason: 'US-2' })]);
  });

  it('US-2: members read team settings but may not change them; strangers get 404', async () => {
    const read = await t.http().get(`/api/teams/${engineering}/plugins`).set(await auth('alice@example.com'));
    expect(read.status).toBe(200);
    expect(read.body.canWrite).toBe(false);
    expectProblem(await t.http().put(`/api/teams/${engineering}/plugins/DenyFilterPlugin`).set(await auth('alice@example.com')).send({ enabled: true }), 403, 'FORBIDDEN');
    expectProblem(await t.http().get(`/api/teams/${security}/plugins`).set(await auth('alice@example.com')), 404, 'NOT_FOUND');
  });

  it('US-3: user config merges with the team config when inheriting, replaces it otherwise', async () => {
    const put = await t.http().put('/api/users/me/plugins/RegexFilterPlugin').set(await auth('alice@example.com'))
      .send({ enabled: true, config: { blocked_patterns: ['my-personal-pattern'] }, inheritTeamConfig: true });
    expect(put.status).toBe(200);
    let chain = await t.http().get(`/api/servers/${production}/plugins`).set(await auth('alice@example.com'));
    expect(chain.body.chain.find((e: { name: string }) => e.name === 'RegexFilterPlugin').config.blocked_patterns)
      .toEqual(['internal-regex-123', 'proprietary-term', 'my-personal-pattern']);

    const replace = await t.http().put('/api/users/me/plugins/RegexFilterPlugin').set(await auth('alice@example.com'))
      .send({ enabled: true, config: { blocked_patterns: ['my-personal-pattern'] }, inheritTeamConfig: false, version: put.body.setting.version });
    expect(replace.status).toBe(200);
    chain = await t.http().get(`/api/servers/${production}/plugins`).set(await auth('alice@example.com'));
    expect(chain.body.chain.find((e: { name: string }) => e.name === 'RegexFilterPlugin').config.blocked_patterns).toEqual(['my-personal-pattern']);
  });

  it('US-4: a server-specific plugin applies to one server; a server-only disable keeps the user default elsewhere', async () => {
    const user = await t.http().post('/api/users/me/plugins').set(await auth('alice@example.com')).send({ pluginName: 'ResourceFilterPlugin', enabled: true });
    expect(user.status).toBe(201);
    const off = await t.http().put(`/api/servers/${dev}/plugins/ResourceFilterPlugin`).set(await auth('alice@example.com')).send({ enabled: false });
    expect(off.status).toBe(200);
    const names = async (id: string) =>
      (await t.http().get(`/api/servers/${id}/plugins`).set(await auth('alice@example.com'))).body.chain.map((e: { name: string }) => e.name);
    expect(await names(production)).toContain('ResourceFilterPlugin');
    expect(await names(dev)).not.toContain('ResourceFilterPlugin');
  });

  it('US-6: a conflict with a mandatory plugin is refused with the exact message and suggestions', async () => {
    const res = await t.http().post(`/api/teams/${engineering}/plugins`).set(await auth('olivia@example.com')).send({ pluginName: 'DenyFilterPlugin', enabled: true });
    expectProblem(res, 409, 'PLUGIN_CONFLICT');
    expect(res.body.detail).toBe('DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)');
    expect(res.body.suggestions.length).toBeGreaterThan(0);
  });

  it('US-6: a missing requirement is refused, and autoEnableRequirements enables it in the same transaction', async () => {
    const refused = await t.http().post('/api/users/me/plugins').set(await auth('bob@example.com')).send({ pluginName: 'CachingPlugin', enabled: true });
    expectProblem(refused, 409, 'PLUGIN_REQUIREMENT_MISSING');
    expect(refused.body.detail).toBe('CachingPlugin requires AuthenticationPlugin to be enabled');
    const ok = await t.http().post('/api/users/me/plugins').set(await auth('bob@example.com')).send({ pluginName: 'CachingPlugin', enabled: true, autoEnableRequirements: true });
    expect(ok.status).toBe(201);
    expect(ok.body.autoEnabled).toEqual(['AuthenticationPlugin']);
    const chain = await t.http().get(`/api/servers/${external}/plugins`).set(await auth('bob@example.com'));
    expect(chain.body.chain.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['AuthenticationPlugin', 'CachingPlugin']));
  });

  it('rules of SPEC 4: mandatory, availability, versions, dry runs, unknown plugins', async () => {
    const owner = await auth('olivia@example.com');
    expectProblem(await t.http().put(`/api/teams/${engineering}/plugins/PIIFilterPlugin`).set(owner).send({ enabled: false }), 409, 'MANDATORY_PLUGIN');
    expectProblem(await t.http().put(`/api/teams/${engineering}/plugins/CustomMetricsPlugin`).set(owner).send({ enabled: true }), 403, 'PLUGIN_NOT_AVAILABLE');
    expectProblem(await t.http().put(`/api/teams/${engineering}/plugins/NoSuchPlugin`).set(owner).send({ enabled: true }), 404, 'PLUGIN_NOT_FOUND');
    expectProblem(await t.http().put('/api/users/me/plugins/PIIFilterPlugin').set(await auth('alice@example.com')).send({ enabled: true, config: { action: 'block' } }), 409, 'OVERRIDE_NOT_ALLOWED');
    expectProblem(await t.http().put(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner).send({ enabled: true, version: 99 }), 409, 'VERSION_CONFLICT');
    expectProblem(await t.http().put(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner).set('If-Match', '"99"').send({ enabled: true }), 409, 'VERSION_CONFLICT');
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const raw = `{"enabled":true,"config":{"blocked_patterns":[],"nested":{"${key}":{"polluted":true}}}}`;
      const res = await t.http().put(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner).set('Content-Type', 'application/json').send(raw);
      expectProblem(res, 422, 'CONFIG_INVALID');
      expect(JSON.stringify(res.body.errors)).toContain(key);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

    const rows = t.dataSource.getRepository(TeamPluginEntity);
    const audits = t.dataSource.getRepository(PluginAuditLogEntity);
    const [rowsBefore, auditBefore] = [await rows.count(), await audits.count()];
    const plan = await t.http().put(`/api/teams/${engineering}/plugins/ResourceFilterPlugin`).set(owner).send({ enabled: true, dryRun: true });
    expect(plan.status).toBe(200);
    expect(plan.body.dryRun).toBe(true);
    expect(plan.body.plan.servers.length).toBe(2);
    expect([await rows.count(), await audits.count()]).toEqual([rowsBefore, auditBefore]);

    const del = await t.http().delete(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner);
    expect(del.status).toBe(200);
    expectProblem(await t.http().delete(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner), 404, 'NOT_FOUND');
  });
});
