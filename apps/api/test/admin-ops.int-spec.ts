/*
 * Platform admin operations (SPEC 6, US-8): promote and demote with their exact impact, dry runs
 * that change nothing, policy snapshots and an exact restore, the notifications team owners get,
 * and who may call what.
 */
import { expectProblem, startTestApp, TEST_DB, type TestApp } from './harness';
import { demoIds, ensureRegistry, exportPolicy, rowCounts, type DemoIds } from './policy-fixtures';

type Headers = { Authorization: string };

describe(`admin operations: promote, demote, snapshots, restore (US-8) on ${TEST_DB}`, () => {
  let t: TestApp;
  let ids: DemoIds;
  const auth = async (email: string): Promise<Headers> => ({ Authorization: `Bearer ${await t.token(email)}` });
  const admin = (): Promise<Headers> => auth('admin@example.com');
  const chainNames = async (serverId: string): Promise<string[]> =>
    (await t.http().get(`/api/servers/${serverId}/plugins`).set(await admin())).body.chain.map((e: { name: string }) => e.name);
  const inbox = async (email: string) => (await t.http().get('/api/notifications').set(await auth(email))).body;
  const registryEntry = async (name: string) =>
    ((await t.http().get('/api/admin/plugins/global').set(await admin())).body.items as { name: string }[]).find((e) => e.name === name) as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    await ensureRegistry(t);
    ids = await demoIds(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('US-8: the dry run of a promotion shows the exact impact and changes nothing', async () => {
    // Settings at every level: a team config (kept), an enable-only user row and a disable-only
    // server row (both redundant once mandatory), a server config (kept).
    const team = await t.http().put(`/api/teams/${ids.teams['engineering']}/plugins/RegexFilterPlugin`).set(await auth('olivia@example.com'))
      .send({ enabled: true, config: { blocked_patterns: ['internal-regex-123'] } });
    expect(team.status).toBe(200);
    expect((await t.http().put('/api/users/me/plugins/RegexFilterPlugin').set(await auth('alice@example.com')).send({ enabled: true })).status).toBe(200);
    expect((await t.http().put(`/api/servers/${ids.servers['external_api']}/plugins/RegexFilterPlugin`).set(await auth('bob@example.com')).send({ enabled: false })).status).toBe(200);
    expect((await t.http().put(`/api/servers/${ids.servers['dev_tools']}/plugins/RegexFilterPlugin`).set(await auth('alice@example.com'))
      .send({ enabled: true, config: { blocked_patterns: ['dev-only'] } })).status).toBe(200);

    const before = await rowCounts(t);
    const exported = await exportPolicy(t);
    const res = await t.http().post('/api/admin/plugins/RegexFilterPlugin/promote-to-mandatory').set(await admin()).send({ dryRun: true, reason: 'compliance' });
    expect(res.status).toBe(200);
    const impact = res.body;
    expect(impact).toMatchObject({ pluginName: 'RegexFilterPlugin', operation: 'promote', dryRun: true, snapshotId: null });
    expect(impact.summary).toMatch(/^This will enable RegexFilterPlugin on all 3 servers/);
    expect(impact.registry.before).toMatchObject({ mandatory: false, enabledGlobally: false });
    expect(impact.registry.after).toMatchObject({ mandatory: true, enabledGlobally: true });
    expect(impact.servers).toMatchObject({ total: 3, affected: 3, truncated: false });
    const external = impact.servers.items.find((s: { serverName: string }) => s.serverName === 'external_api');
    expect(external.before.map((e: { name: string }) => e.name)).not.toContain('RegexFilterPlugin');
    expect(external.after).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'RegexFilterPlugin', level: 'mandatory' })]));
    expect(external.changes).toEqual([{ plugin: 'RegexFilterPlugin', change: 'added', fields: [] }]);
    const production = impact.servers.items.find((s: { serverName: string }) => s.serverName === 'production_tools');
    // Team-enabled at the team default priority (50) before; the registry's priority (10) as mandatory.
    expect(production.changes).toEqual([{ plugin: 'RegexFilterPlugin', change: 'changed', fields: ['priority', 'level'] }]);

    expect(impact.rows.removed).toMatchObject({ total: 2, byLevel: { team: 0, user: 1, server: 1 } });
    expect(impact.rows.removed.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ level: 'user', entityName: 'alice@example.com', reason: expect.stringContaining('without config') }),
      expect.objectContaining({ level: 'server', entityName: 'external_api', reason: expect.stringContaining('cannot be disabled') }),
    ]));
    expect(impact.rows.kept).toMatchObject({ total: 2, byLevel: { team: 1, user: 0, server: 1 } });
    expect(impact.rows.kept.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ level: 'team', entityName: 'Engineering', reason: expect.stringContaining('config still applies') }),
    ]));
    expect(impact.teams).toMatchObject({ notified: 2, owners: 2 });
    expect(impact.teams.items.map((x: { slug: string; owners: string[] }) => [x.slug, x.owners])).toEqual(
      expect.arrayContaining([['engineering', ['olivia@example.com']], ['security', ['sam@example.com']]]),
    );

    expect(await rowCounts(t)).toEqual(before);
    expect(await exportPolicy(t)).toEqual(exported);
    expect(await chainNames(ids.servers['external_api'] as string)).not.toContain('RegexFilterPlugin');
  });

  it('US-8: promotion makes the plugin mandatory everywhere, removes redundant rows, notifies team owners, audits, snapshots', async () => {
    const res = await t.http().post('/api/admin/plugins/RegexFilterPlugin/promote-to-mandatory').set(await admin()).send({ reason: 'compliance' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, rows: { removed: { total: 2 } } });
    expect(res.body.snapshotId).toEqual(expect.any(String));
    expect(res.body.summary).toMatch(/^RegexFilterPlugin is now mandatory and enabled on all 3 servers/);

    expect(await registryEntry('RegexFilterPlugin')).toMatchObject({ mandatory: true, enabledGlobally: true, managedBy: 'api' });
    for (const server of ['production_tools', 'dev_tools', 'external_api']) {
      const chain = (await t.http().get(`/api/servers/${ids.servers[server]}/plugins`).set(await admin())).body.chain;
      expect(chain.find((e: { name: string }) => e.name === 'RegexFilterPlugin')).toMatchObject({ level: 'mandatory', badge: 'MANDATORY' });
    }
    const dev = (await t.http().get(`/api/servers/${ids.servers['dev_tools']}/plugins`).set(await admin())).body.chain;
    expect(dev.find((e: { name: string }) => e.name === 'RegexFilterPlugin').config.blocked_patterns).toEqual(['internal-regex-123', 'dev-only']);

    const [users, servers] = await Promise.all([
      t.dataSource.query("SELECT COUNT(*) AS n FROM user_plugins WHERE plugin_name = 'RegexFilterPlugin'"),
      t.dataSource.query("SELECT COUNT(*) AS n FROM server_plugins WHERE plugin_name = 'RegexFilterPlugin'"),
    ]);
    expect([Number(users[0].n), Number(servers[0].n)]).toEqual([0, 1]);

    for (const owner of ['olivia@example.com', 'sam@example.com']) {
      const mine = await inbox(owner);
      expect(mine.unreadCount).toBe(1);
      expect(mine.items[0]).toMatchObject({ kind: 'plugin.promoted', title: 'RegexFilterPlugin is now mandatory', readAt: null });
      expect(mine.items[0].body).toContain('compliance');
    }
    expect((await inbox('alice@example.com')).total).toBe(0);

    const audit = await t.http().get('/api/admin/plugins/audit-log').query({ plugin: 'RegexFilterPlugin' }).set(await admin());
    expect(audit.body.items[0]).toMatchObject({ action: 'plugin.promoted', actorEmail: 'admin@example.com', reason: 'compliance' });
    expect(audit.body.items[0].newValue).toMatchObject({ mandatory: true, snapshotId: res.body.snapshotId, rowsRemoved: { team: 0, user: 1, server: 1 } });

    const snapshots = await t.http().get('/api/admin/policy/snapshots').set(await admin());
    expect(snapshots.status).toBe(200);
    expect(snapshots.body.items[0]).toMatchObject({ id: res.body.snapshotId, trigger: 'promote', actorEmail: 'admin@example.com', reason: 'compliance' });
    expect(snapshots.body.items[0].counts).toMatchObject({ registry: 8, team: 1, user: 1, server: 2 });

    // Mandatory now: nobody may switch it off, and promoting again is a conflict.
    expectProblem(await t.http().put(`/api/teams/${ids.teams['engineering']}/plugins/RegexFilterPlugin`).set(await auth('olivia@example.com')).send({ enabled: false }), 409, 'MANDATORY_PLUGIN');
    expectProblem(await t.http().post('/api/admin/plugins/RegexFilterPlugin/promote-to-mandatory').set(await admin()).send({}), 409, 'CONFLICT');
  });

  it('US-8: demotion keeps the plugin on every server until someone allowed disables it, and tells the team owners', async () => {
    const dry = await t.http().post('/api/admin/plugins/RegexFilterPlugin/demote-to-optional').set(await admin()).send({ dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.summary).toMatch(/stays enabled on all 3 servers/);
    expect(dry.body.rows.removed.total).toBe(0);

    const res = await t.http().post('/api/admin/plugins/RegexFilterPlugin/demote-to-optional').set(await admin()).send({ reason: 'no longer required' });
    expect(res.status).toBe(200);
    expect(res.body.registry.after).toEqual({ mandatory: false, enabledGlobally: true, availableForTeams: true, availableForUsers: true });
    for (const server of ['production_tools', 'dev_tools', 'external_api']) expect(await chainNames(ids.servers[server] as string)).toContain('RegexFilterPlugin');

    const olivia = await inbox('olivia@example.com');
    expect(olivia.unreadCount).toBe(2);
    expect(olivia.items[0]).toMatchObject({ kind: 'plugin.demoted', title: 'RegexFilterPlugin is now optional' });

    // A team owner may now switch it off for the team's servers.
    const off = await t.http().put(`/api/teams/${ids.teams['engineering']}/plugins/RegexFilterPlugin`).set(await auth('olivia@example.com')).send({ enabled: false });
    expect(off.status).toBe(200);
    expect(await chainNames(ids.servers['production_tools'] as string)).not.toContain('RegexFilterPlugin');
    expect(await chainNames(ids.servers['external_api'] as string)).toContain('RegexFilterPlugin');
    expectProblem(await t.http().post('/api/admin/plugins/RegexFilterPlugin/demote-to-optional').set(await admin()).send({}), 409, 'CONFLICT');
  });

  it('refuses a promotion that would make the registry inconsistent, or a chain invalid', async () => {
    const counts = await rowCounts(t);
    // DenyFilterPlugin conflicts with the mandatory PIIFilterPlugin; CachingPlugin requires an optional plugin.
    const deny = await t.http().post('/api/admin/plugins/DenyFilterPlugin/promote-to-mandatory').set(await admin()).send({});
    expectProblem(deny, 409, 'REGISTRY_INCONSISTENT');
    expect(deny.body.detail).toMatch(/DenyFilterPlugin.*PIIFilterPlugin|PIIFilterPlugin.*DenyFilterPlugin/);
    const caching = await t.http().post('/api/admin/plugins/CachingPlugin/promote-to-mandatory').set(await admin()).send({ dryRun: true });
    expectProblem(caching, 409, 'REGISTRY_INCONSISTENT');
    expect(caching.body.detail).toBe('CachingPlugin: mandatory plugin CachingPlugin requires AuthenticationPlugin, which is not mandatory');
    // Demoting a plugin a mandatory one requires breaks the registry too.
    expect((await t.http().patch('/api/admin/plugins/global/PIIFilterPlugin').set(await admin()).send({ requires: ['AuditLoggerPlugin'] })).status).toBe(200);
    const demote = await t.http().post('/api/admin/plugins/AuditLoggerPlugin/demote-to-optional').set(await admin()).send({});
    expectProblem(demote, 409, 'REGISTRY_INCONSISTENT');
    expect(demote.body.detail).toBe('PIIFilterPlugin: mandatory plugin PIIFilterPlugin requires AuditLoggerPlugin, which is not mandatory');
    expect((await t.http().patch('/api/admin/plugins/global/PIIFilterPlugin').set(await admin()).send({ requires: [] })).status).toBe(200);
    expectProblem(await t.http().post('/api/admin/plugins/NoSuchPlugin/promote-to-mandatory').set(await admin()).send({}), 404, 'PLUGIN_NOT_FOUND');
    expectProblem(await t.http().post('/api/admin/plugins/NoSuchPlugin/demote-to-optional').set(await admin()).send({ dryRun: true }), 404, 'PLUGIN_NOT_FOUND');

    // Bob runs AuthenticationPlugin; once ResourceFilterPlugin conflicts with it, making
    // ResourceFilterPlugin mandatory would put both in external_api's chain.
    expect((await t.http().put('/api/users/me/plugins/AuthenticationPlugin').set(await auth('bob@example.com')).send({ enabled: true })).status).toBe(200);
    const patch = await t.http().patch('/api/admin/plugins/global/ResourceFilterPlugin').set(await admin()).send({ conflictsWith: ['AuthenticationPlugin'] });
    expect(patch.status).toBe(200);
    const counted = await rowCounts(t);
    const conflict = await t.http().post('/api/admin/plugins/ResourceFilterPlugin/promote-to-mandatory').set(await admin()).send({});
    expectProblem(conflict, 409, 'PLUGIN_CONFLICT');
    expect(conflict.body.detail).toContain('external_api');
    expect(conflict.body.problems[0]).toMatchObject({ serverName: 'external_api' });
    expect(await rowCounts(t)).toEqual(counted);
    expect(counted['policy_snapshots']).toBe(counts['policy_snapshots']);
    await t.http().patch('/api/admin/plugins/global/ResourceFilterPlugin').set(await admin()).send({ conflictsWith: [] });
  });

  it('a restore brings back the exact earlier state, is audited, snapshotted first, and can itself be undone', async () => {
    const before = await exportPolicy(t);
    const promoted = await t.http().post('/api/admin/plugins/ResourceFilterPlugin/promote-to-mandatory').set(await admin()).send({ reason: 'try it' });
    expect(promoted.status).toBe(200);
    // More changes after the snapshot: a new row, a changed row, a registry edit.
    expect((await t.http().put(`/api/teams/${ids.teams['security']}/plugins/ResourceFilterPlugin`).set(await auth('sam@example.com'))
      .send({ enabled: true, config: { allowed_resources: ['kb.internal'] } })).status).toBe(200);
    expect((await t.http().put(`/api/teams/${ids.teams['engineering']}/plugins/RegexFilterPlugin`).set(await auth('olivia@example.com'))
      .send({ enabled: true, config: { blocked_patterns: ['changed'] } })).status).toBe(200);
    expect((await t.http().patch('/api/admin/plugins/global/AuthenticationPlugin').set(await admin()).send({ description: 'edited after the snapshot' })).status).toBe(200);
    const changed = await exportPolicy(t);
    expect(changed).not.toEqual(before);

    const counts = await rowCounts(t);
    const dry = await t.http().post(`/api/admin/policy/snapshots/${promoted.body.snapshotId}/restore`).set(await admin()).send({ dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, preRestoreSnapshotId: null, registry: { changed: ['AuthenticationPlugin', 'ResourceFilterPlugin'] } });
    expect(dry.body.rows.team).toMatchObject({ removed: 1, changed: 1 });
    expect(dry.body.teams.notified).toBe(2);
    expect(await rowCounts(t)).toEqual(counts);
    expect(await exportPolicy(t)).toEqual(changed);

    const res = await t.http().post(`/api/admin/policy/snapshots/${promoted.body.snapshotId}/restore`).set(await admin()).send({ reason: 'roll back' });
    expect(res.status).toBe(200);
    expect(res.body.preRestoreSnapshotId).toEqual(expect.any(String));
    expect(await exportPolicy(t)).toEqual(before);
    // Chains follow at once (the cache was invalidated).
    expect(await chainNames(ids.servers['external_api'] as string)).not.toContain('ResourceFilterPlugin');
    expect((await registryEntry('ResourceFilterPlugin'))['mandatory']).toBe(false);

    const audit = await t.http().get('/api/admin/plugins/audit-log').set(await admin());
    expect(audit.body.items[0]).toMatchObject({ action: 'policy.restored', entityId: promoted.body.snapshotId, reason: 'roll back' });
    const sam = await inbox('sam@example.com');
    expect(sam.items.find((n: { kind: string }) => n.kind === 'policy.restored')).toBeDefined();
    const list = await t.http().get('/api/admin/policy/snapshots').query({ limit: 1 }).set(await admin());
    expect(list.body.items[0]).toMatchObject({ id: res.body.preRestoreSnapshotId, trigger: 'restore' });
    expect(list.body.limit).toBe(1);

    // Undo the restore.
    const undo = await t.http().post(`/api/admin/policy/snapshots/${res.body.preRestoreSnapshotId}/restore`).set(await admin()).send({});
    expect(undo.status).toBe(200);
    expect(await exportPolicy(t)).toEqual(changed);
  });

  it('a restore skips and reports rows of teams, users and servers deleted since the snapshot', async () => {
    const team = await t.http().post('/api/teams').set(await admin()).send({ slug: 'short-lived', name: 'Short lived' });
    expect(team.status).toBe(201);
    expect((await t.http().put(`/api/teams/${team.body.id}/plugins/DenyFilterPlugin`).set(await admin()).send({ enabled: false })).status).toBe(200);
    const promoted = await t.http().post('/api/admin/plugins/AuthenticationPlugin/promote-to-mandatory').set(await admin()).send({});
    expect(promoted.status).toBe(200);
    expect((await t.http().delete(`/api/teams/${team.body.id}`).set(await admin())).status).toBe(204);

    const res = await t.http().post(`/api/admin/policy/snapshots/${promoted.body.snapshotId}/restore`).set(await admin()).send({});
    expect(res.status).toBe(200);
    expect(res.body.skipped).toMatchObject({ total: 1, truncated: false });
    expect(res.body.skipped.items[0]).toMatchObject({ level: 'team', pluginName: 'DenyFilterPlugin', entityId: team.body.id, reason: 'the team was deleted since the snapshot' });
    expect((await registryEntry('AuthenticationPlugin'))['mandatory']).toBe(false);
    expectProblem(await t.http().post('/api/admin/policy/snapshots/00000000-0000-4000-8000-000000000000/restore').set(await admin()).send({}), 404, 'NOT_FOUND');
    expectProblem(await t.http().post('/api/admin/policy/snapshots/not-a-uuid/restore').set(await admin()).send({}), 404, 'NOT_FOUND');
  });

  it('only platform admins may call these routes: users and viewers get 403, anonymous callers 401', async () => {
    const snapshot = (await t.http().get('/api/admin/policy/snapshots').set(await admin())).body.items[0].id as string;
    const routes: [string, string, Record<string, unknown>?][] = [
      ['post', '/api/admin/plugins/RegexFilterPlugin/promote-to-mandatory', { dryRun: true }],
      ['post', '/api/admin/plugins/PIIFilterPlugin/demote-to-optional', { dryRun: true }],
      ['get', '/api/admin/policy/snapshots'],
      ['post', `/api/admin/policy/snapshots/${snapshot}/restore`, { dryRun: true }],
    ];
    const counts = await rowCounts(t);
    for (const [method, path, body] of routes) {
      const call = () => (method === 'get' ? t.http().get(path) : t.http().post(path).send(body ?? {}));
      expectProblem(await call().set(await auth('olivia@example.com')), 403, 'FORBIDDEN');
      expectProblem(await call().set(await auth('victor@example.com')), 403, 'FORBIDDEN');
      expectProblem(await call(), 401, 'UNAUTHENTICATED');
    }
    expect(await rowCounts(t)).toEqual(counts);
  });

  it('validates bodies and queries', async () => {
    for (const body of [{ dryRun: 'yes' }, { reason: 5 }, { reason: 'x'.repeat(1001) }, { unknown: 1 }, { dryRun: null }]) {
      expectProblem(await t.http().post('/api/admin/plugins/RegexFilterPlugin/promote-to-mandatory').set(await admin()).send(body), 400, 'VALIDATION_FAILED');
    }
    for (const query of [{ limit: 0 }, { limit: 101 }, { offset: -1 }, { limit: 'ten' }, { extra: 1 }]) {
      expectProblem(await t.http().get('/api/admin/policy/snapshots').query(query).set(await admin()), 400, 'VALIDATION_FAILED');
    }
  });
});
