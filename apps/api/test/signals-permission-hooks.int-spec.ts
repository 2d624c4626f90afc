/** Core signals are isolated from the request that emits them; permission hooks are grant-only (SPEC 5, 7). */
import { PermissionHookRegistry, SignalBus, type SignalPayloads } from '@plugboard/plugin-sdk';
import { startTestApp, type TestApp } from './harness';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('signals and permission hooks', () => {
  let t: TestApp;
  let bus: SignalBus;
  let hooks: PermissionHookRegistry;
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    bus = t.app.get(SignalBus);
    hooks = t.app.get(PermissionHookRegistry);
  });
  afterEach(() => {
    while (cleanups.length) cleanups.pop()?.();
  });
  afterAll(async () => {
    await bus.idle();
    await t.close();
  });

  const as = async (email: string) => bearer(await t.token(email));
  let counter = 0;
  const createServer = async (email: string) => {
    const res = await t.http().post('/api/servers').set(await as(email)).send({ name: `sig-${Date.now()}-${counter++}` });
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string; ownerId: string; teamId: string | null };
  };

  it('is one bus and one hook registry per app', () => {
    expect(t.app.get(SignalBus)).toBe(bus);
    expect(t.app.get(PermissionHookRegistry)).toBe(hooks);
  });

  it('delivers server.created/updated/deleted with the SDK payload shape', async () => {
    const seen: { signal: string; payload: SignalPayloads['server.created'] }[] = [];
    for (const signal of ['server.created', 'server.updated', 'server.deleted'] as const) {
      cleanups.push(bus.on(signal, (payload) => void seen.push({ signal, payload }), 'test'));
    }
    const server = await createServer('alice@example.com');
    const auth = await as('alice@example.com');
    expect((await t.http().patch(`/api/servers/${server.id}`).set(auth).send({ description: 'x' })).status).toBe(200);
    expect((await t.http().delete(`/api/servers/${server.id}`).set(auth)).status).toBe(204);
    await bus.idle();
    expect(seen.map((s) => s.signal)).toEqual(['server.created', 'server.updated', 'server.deleted']);
    expect(seen[0]?.payload).toEqual({
      server: { id: server.id, name: server.name, teamId: null, ownerId: server.ownerId },
      actorId: server.ownerId,
    });
  });

  it('a receiver that throws, hangs or is slow never breaks or delays the request', async () => {
    let calls = 0;
    cleanups.push(bus.on('server.created', () => { calls += 1; throw new Error('boom'); }, 'thrower'));
    cleanups.push(bus.on('server.created', () => { calls += 1; return new Promise<void>(() => undefined); }, 'hanger'));
    cleanups.push(bus.on('server.created', () => { calls += 1; const end = Date.now() + 300; while (Date.now() < end) { /* busy */ } }, 'slow-sync'));
    cleanups.push(bus.on('server.created', async () => { calls += 1; await new Promise((r) => setTimeout(r, 3000)); }, 'slow-async'));
    const started = Date.now();
    const server = await createServer('alice@example.com');
    const elapsed = Date.now() - started;
    expect(server.id).toBeDefined();
    expect(elapsed).toBeLessThan(2500);
    // The request after it is served normally too.
    expect((await t.http().get(`/api/servers/${server.id}`).set(await as('alice@example.com'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('emits plugin.setting_changed after the commit', async () => {
    const seen: SignalPayloads['plugin.setting_changed'][] = [];
    cleanups.push(bus.on('plugin.setting_changed', (p) => void seen.push(p), 'test'));
    cleanups.push(bus.on('plugin.setting_changed', () => { throw new Error('receiver failure'); }, 'thrower'));
    const server = await createServer('alice@example.com');
    const auth = await as('alice@example.com');
    const res = await t.http().put(`/api/servers/${server.id}/plugins/ResourceFilterPlugin`).set(auth).send({ enabled: true });
    expect(res.status).toBe(200);
    // A refused write (a mandatory plugin cannot be switched off) emits nothing.
    expect((await t.http().put(`/api/servers/${server.id}/plugins/AuditLoggerPlugin`).set(auth).send({ enabled: false })).status).toBeGreaterThanOrEqual(400);
    await bus.idle();
    expect(seen).toEqual([{ pluginName: 'ResourceFilterPlugin', level: 'server', entityId: server.id, enabled: true, actorId: server.ownerId }]);
  });

  it('emits tool.invoked once per call with its outcome, ok or blocked', async () => {
    const seen: SignalPayloads['tool.invoked'][] = [];
    cleanups.push(bus.on('tool.invoked', (p) => void seen.push(p), 'test'));
    const server = await createServer('alice@example.com');
    const auth = await as('alice@example.com');
    expect((await t.http().post(`/api/servers/${server.id}/tools`).set(auth).send({ name: 'echo', target: { type: 'echo' } })).status).toBe(201);
    expect((await t.http().post(`/api/servers/${server.id}/tools/echo/invoke`).set(auth).send({ arguments: { text: 'hello' } })).status).toBe(200);
    const rule = await t.http().put(`/api/servers/${server.id}/plugins/RegexFilterPlugin`).set(auth).send({ enabled: true, config: { blocked_patterns: ['forbidden'] } });
    expect(rule.status).toBe(200);
    expect((await t.http().post(`/api/servers/${server.id}/tools/echo/invoke`).set(auth).send({ arguments: { text: 'forbidden words' } })).status).toBe(403);
    await bus.idle();
    expect(seen.map((p) => [p.serverId, p.toolName, p.userId, p.outcome])).toEqual([
      [server.id, 'echo', server.ownerId, 'ok'],
      [server.id, 'echo', server.ownerId, 'blocked'],
    ]);
    expect(seen.every((p) => p.durationMs >= 0)).toBe(true);
  });

  describe('permission hooks', () => {
    it('a hook granting is_server_owner lets a non-owner PATCH a server', async () => {
      const server = await createServer('alice@example.com');
      const bob = await as('bob@example.com');
      expect((await t.http().patch(`/api/servers/${server.id}`).set(bob).send({ description: 'by bob' })).status).toBe(404);
      cleanups.push(hooks.register('is_server_owner', ({ user, serverId }) => user.email === 'bob@example.com' && serverId === server.id, 'test'));
      const res = await t.http().patch(`/api/servers/${server.id}`).set(bob).send({ description: 'by bob' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ description: 'by bob' });
    });

    it('a hook returning false cannot revoke the real owner; a throwing hook abstains', async () => {
      const server = await createServer('alice@example.com');
      cleanups.push(hooks.register('is_server_owner', () => false, 'denier'));
      cleanups.push(hooks.register('is_platform_admin', () => false, 'denier'));
      cleanups.push(hooks.register('is_server_owner', () => { throw new Error('hook failure'); }, 'thrower'));
      cleanups.push(hooks.register('is_platform_admin', () => { throw new Error('hook failure'); }, 'thrower'));
      const alice = await as('alice@example.com');
      expect((await t.http().patch(`/api/servers/${server.id}`).set(alice).send({ description: 'still mine' })).status).toBe(200);
      // The admin stays admin.
      expect((await t.http().get('/api/admin/users').set(await as('admin@example.com'))).status).toBe(200);
      // The throwing hook grants nothing to a stranger.
      expect((await t.http().patch(`/api/servers/${server.id}`).set(await as('bob@example.com')).send({ description: 'x' })).status).toBe(404);
      expect((await t.http().get('/api/admin/users').set(await as('bob@example.com'))).status).toBe(403);
    });

    it('an is_platform_admin hook opens admin-only routes to a non-admin', async () => {
      const bob = await as('bob@example.com');
      expect((await t.http().get('/api/admin/users').set(bob)).status).toBe(403);
      cleanups.push(hooks.register('is_platform_admin', ({ user }) => user.email === 'bob@example.com', 'test'));
      expect((await t.http().get('/api/admin/users').set(bob)).status).toBe(200);
    });
  });
});
