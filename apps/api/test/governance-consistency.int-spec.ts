import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegistryYaml } from '@plugboard/governance';
import { ChainCacheService } from '../src/governance/chain-cache.service';
import { RegistryEntryEntity } from '../src/governance/registry-entry.entity';
import { registryEntityFields } from '../src/governance/registry.mapper';
import { expectProblem, startTestApp, TEST_DB, type TestApp } from './harness';

async function ensureRegistry(t: TestApp): Promise<void> {
  const repo = t.dataSource.getRepository(RegistryEntryEntity);
  if ((await repo.count()) > 0) return;
  const { entries } = parseRegistryYaml(readFileSync(join(__dirname, '../../../plugins.config.yaml'), 'utf8'), 'plugins.config.yaml');
  for (const e of entries) await repo.save(repo.create(registryEntityFields(e)));
}

describe(`governance consistency on ${TEST_DB}`, () => {
  let t: TestApp;
  let engineering: string;
  let production: string;
  const auth = async (email: string) => ({ Authorization: `Bearer ${await t.token(email)}` });
  const chainOf = async (serverId: string) => (await t.http().get(`/api/servers/${serverId}/plugins`).set(await auth('admin@example.com'))).body;

  beforeAll(async () => {
    t = await startTestApp();
    await ensureRegistry(t);
    const teams = await t.http().get('/api/teams').set(await auth('admin@example.com'));
    engineering = teams.body.items.find((x: { slug: string }) => x.slug === 'engineering').id;
    const servers = await t.http().get('/api/servers').set(await auth('admin@example.com'));
    production = servers.body.items.find((s: { name: string }) => s.name === 'production_tools').id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('never serves a stale chain after a committed write on this instance', async () => {
    const owner = await auth('olivia@example.com');
    for (let i = 0; i < 5; i++) {
      await chainOf(production); // cached
      const pattern = `pattern-${i}`;
      const res = await t.http().put(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner).send({ enabled: true, config: { blocked_patterns: [pattern] }, inheritConfig: false });
      expect(res.status).toBe(200);
      const regex = (await chainOf(production)).chain.find((e: { name: string }) => e.name === 'RegexFilterPlugin');
      expect(regex.config.blocked_patterns).toEqual([pattern]);
    }
    await t.http().delete(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner);
    expect((await chainOf(production)).chain.map((e: { name: string }) => e.name)).not.toContain('RegexFilterPlugin');
  });

  it('refreshes the chains a write affected, so the next read is a cache hit with the new chain', async () => {
    const cache = t.app.get(ChainCacheService);
    const owner = await auth('olivia@example.com');
    await chainOf(production); // this instance holds the server's chain
    const put = await t.http().put(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner)
      .send({ enabled: true, config: { blocked_patterns: ['refresh-ahead'] }, inheritConfig: false });
    expect(put.status).toBe(200);
    const misses = cache.misses;
    const hits = cache.hits;
    const regex = (await chainOf(production)).chain.find((e: { name: string }) => e.name === 'RegexFilterPlugin');
    expect(regex.config.blocked_patterns).toEqual(['refresh-ahead']);
    expect(cache.misses - misses).toBe(0);
    expect(cache.hits - hits).toBeGreaterThan(0);
    expect((await t.http().delete(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(owner)).status).toBe(200);
    expect((await chainOf(production)).chain.map((e: { name: string }) => e.name)).not.toContain('RegexFilterPlugin');
    expect(cache.misses - misses).toBe(0);
  });

  it('two concurrent writes that are only valid apart never both commit', async () => {
    const owner = await auth('olivia@example.com');
    const alice = await auth('alice@example.com');
    for (let round = 0; round < 8; round++) {
      const auth0 = await t.http().put(`/api/teams/${engineering}/plugins/AuthenticationPlugin`).set(owner).send({ enabled: true });
      expect(auth0.status).toBe(200);
      // A: alice turns on CachingPlugin, which needs the team's AuthenticationPlugin.
      // B: the owner removes AuthenticationPlugin from the team.
      const [a, b] = await Promise.all([
        t.http().put('/api/users/me/plugins/CachingPlugin').set(alice).send({ enabled: true }),
        t.http().delete(`/api/teams/${engineering}/plugins/AuthenticationPlugin`).set(owner),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const failed = a.status === 409 ? a : b;
      expectProblem(failed, 409, 'PLUGIN_REQUIREMENT_MISSING');
      const chain = await chainOf(production);
      expect(chain.degraded).toBe(false);
      expect(chain.problems).toEqual([]);
      // Reset for the next round.
      if (a.status === 200) await t.http().delete('/api/users/me/plugins/CachingPlugin').set(alice);
    }
  });

  it('two instances on one database never both commit writes that are only valid apart', async () => {
    if (TEST_DB !== 'postgres') {
      // The embedded SQLite database serves one instance; its writes are serialized in-process.
      expect(t.dataSource.options.type).toBe('better-sqlite3');
      return;
    }
    const second = await startTestApp({ DATABASE_URL: t.databaseUrl, PLUGBOARD_SEED_DEMO: 'false' });
    try {
      const owner = { Authorization: `Bearer ${await t.token('olivia@example.com')}` };
      const alice = { Authorization: `Bearer ${await second.token('alice@example.com')}` };
      for (let round = 0; round < 8; round++) {
        expect((await t.http().put(`/api/teams/${engineering}/plugins/AuthenticationPlugin`).set(owner).send({ enabled: true })).status).toBe(200);
        const [a, b] = await Promise.all([
          second.http().put('/api/users/me/plugins/CachingPlugin').set(alice).send({ enabled: true }),
          t.http().delete(`/api/teams/${engineering}/plugins/AuthenticationPlugin`).set(owner),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const chain = await chainOf(production);
        expect([chain.degraded, chain.problems]).toEqual([false, []]);
        if (a.status === 200) await second.http().delete('/api/users/me/plugins/CachingPlugin').set(alice);
      }
    } finally {
      await second.close();
    }
  });

  it('another instance stops serving a chain within a second of a write elsewhere (Redis)', async () => {
    if (TEST_DB !== 'postgres') {
      expect(t.settings.redisUrl).toBeNull(); // the embedded setup is one instance with an in-process cache
      return;
    }
    const redis = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    const a = await startTestApp({ DATABASE_URL: t.databaseUrl, PLUGBOARD_SEED_DEMO: 'false', REDIS_URL: redis });
    const b = await startTestApp({ DATABASE_URL: t.databaseUrl, PLUGBOARD_SEED_DEMO: 'false', REDIS_URL: redis });
    try {
      const admin = { Authorization: `Bearer ${await a.token('admin@example.com')}` };
      const read = async () =>
        (await a.http().get(`/api/servers/${production}/plugins`).set(admin)).body.chain.find((e: { name: string }) => e.name === 'RegexFilterPlugin');
      await read(); // cached on instance a
      const write = await b.http().put(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(admin).send({ enabled: true, config: { blocked_patterns: ['cross-instance'] }, inheritConfig: false });
      expect(write.status).toBe(200);
      const started = Date.now();
      let seen = await read();
      while (!seen && Date.now() - started < 1000) {
        await new Promise((r) => setTimeout(r, 20));
        seen = await read();
      }
      expect(seen?.config.blocked_patterns).toEqual(['cross-instance']);
      await b.http().delete(`/api/teams/${engineering}/plugins/RegexFilterPlugin`).set(admin);
    } finally {
      await b.close();
      await a.close();
    }
  });

  it('refuses to create a server whose chain would be invalid (US-6)', async () => {
    const owner = await auth('olivia@example.com');
    const alice = await auth('alice@example.com');
    const enable = await t.http().put(`/api/teams/${engineering}/plugins/AuthenticationPlugin`).set(owner).send({ enabled: true });
    expect([enable.status, enable.body.detail]).toEqual([200, undefined]);
    // Alice's template chain sees her one team's AuthenticationPlugin, so CachingPlugin is allowed...
    const caching = await t.http().put('/api/users/me/plugins/CachingPlugin').set(alice).send({ enabled: true });
    expect([caching.status, caching.body.code]).toEqual([200, undefined]);
    // ...but a server outside the team would run CachingPlugin without AuthenticationPlugin.
    const res = await t.http().post('/api/servers').set(alice).send({ name: 'solo_tools' });
    expectProblem(res, 409, 'PLUGIN_REQUIREMENT_MISSING');
    expect(res.body.detail).toContain('CachingPlugin requires AuthenticationPlugin to be enabled');
    const inTeam = await t.http().post('/api/servers').set(alice).send({ name: 'team_tools', teamId: engineering });
    expect(inTeam.status).toBe(201);
  });

  it('with plugin RBAC off only the platform level decides', async () => {
    const off = await startTestApp({ PLUGBOARD_PLUGIN_RBAC_ENABLED: 'false' });
    try {
      await ensureRegistry(off);
      const admin = { Authorization: `Bearer ${await off.token('admin@example.com')}` };
      const servers = await off.http().get('/api/servers').set(admin);
      const id = servers.body.items.find((s: { name: string }) => s.name === 'production_tools').id;
      const teams = await off.http().get('/api/teams').set(admin);
      const eng = teams.body.items.find((x: { slug: string }) => x.slug === 'engineering').id;
      expect((await off.http().put(`/api/teams/${eng}/plugins/RegexFilterPlugin`).set(admin).send({ enabled: true })).status).toBe(200);
      const chain = (await off.http().get(`/api/servers/${id}/plugins`).set(admin)).body;
      expect(chain.chain.map((e: { name: string }) => e.name)).toEqual(['AuditLoggerPlugin', 'PIIFilterPlugin']);
      expect(chain.ignored).toEqual([expect.objectContaining({ pluginName: 'RegexFilterPlugin', code: 'RBAC_DISABLED' })]);
    } finally {
      await off.close();
    }
  });
});
