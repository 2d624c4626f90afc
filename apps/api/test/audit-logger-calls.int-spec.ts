/**
 * The AuditLoggerPlugin's own route, GET /api/ext/audit-logger/calls (SPEC 7): the tool call log it
 * wrote in batches, paged by cursor and filtered, for holders of its `auditor` plugin role and
 * platform admins; its UI contributions in /api/bootstrap; 404 once the plugin is disabled.
 */
import { expectProblem, startTestApp, type TestApp } from './harness';

interface CallItem {
  id: string;
  at: string;
  serverId: string;
  serverName: string;
  toolName: string;
  userId: string | null;
  userEmail: string | null;
  outcome: string;
  durationMs: number;
  pluginViolation: string | null;
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('AuditLoggerPlugin route: GET /api/ext/audit-logger/calls', () => {
  let t: TestApp;
  let production: string;
  let dev: string;
  const auth = async (email: string) => ({ Authorization: `Bearer ${await t.token(email)}` });
  const calls = async (email: string, query = '') => t.http().get(`/api/ext/audit-logger/calls${query}`).set(await auth(email));
  const idOf = async (email: string): Promise<string> => ((await t.http().get('/api/users/me').set(await auth(email))).body as { id: string }).id;

  beforeAll(async () => {
    t = await startTestApp();
    const servers = await t.http().get('/api/servers').set(await auth('admin@example.com'));
    const server = (name: string) => servers.body.items.find((s: { name: string }) => s.name === name).id as string;
    production = server('production_tools');
    dev = server('dev_tools');
    const invoke = async (serverId: string, args: Record<string, unknown>) =>
      t.http().post(`/api/servers/${serverId}/tools/echo/invoke`).set(await auth('alice@example.com')).send({ arguments: args });
    for (const n of [1, 2, 3]) expect((await invoke(production, { n })).status).toBe(200);
    expect((await invoke(dev, { n: 4 })).status).toBe(200);
    // Rows are written in batches off the request path: wait for the four calls to land.
    const landed = await poll(() => calls('admin@example.com', '?limit=200'), (res) => (res.body.items as CallItem[] | undefined)?.length === 4);
    expect(landed.body.items).toHaveLength(4);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 anonymous, 403 without the auditor role (naming the plugin), 200 for a platform admin', async () => {
    expectProblem(await t.http().get('/api/ext/audit-logger/calls'), 401, 'UNAUTHENTICATED');
    const forbidden = await calls('alice@example.com');
    expectProblem(forbidden, 403, 'FORBIDDEN');
    expect(forbidden.body).toMatchObject({ plugin: 'AuditLoggerPlugin' });
    expect((await calls('admin@example.com')).status).toBe(200);
  });

  it('serves holders of the auditor role, and only while they hold it', async () => {
    const admin = await auth('admin@example.com');
    const olivia = await idOf('olivia@example.com');
    expect((await t.http().put(`/api/admin/plugins/AuditLoggerPlugin/roles/${olivia}`).set(admin).send({ role: 'auditor' })).status).toBe(200);
    const res = await calls('olivia@example.com');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(4);
    expect((await t.http().delete(`/api/admin/plugins/AuditLoggerPlugin/roles/${olivia}?role=auditor`).set(admin)).status).toBe(204);
    expectProblem(await calls('olivia@example.com'), 403, 'FORBIDDEN');
  });

  it('lists calls newest first with server, tool, caller, outcome and duration', async () => {
    const res = await calls('admin@example.com');
    const items = res.body.items as CallItem[];
    expect(res.body.nextCursor).toBeNull();
    const alice = await idOf('alice@example.com');
    expect(items[0]).toMatchObject({ serverId: dev, serverName: 'dev_tools', toolName: 'echo', userId: alice, userEmail: 'alice@example.com', outcome: 'success', pluginViolation: null });
    expect(items[0]?.durationMs).toEqual(expect.any(Number));
    const times = items.map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages by cursor without overlap or gaps', async () => {
    const first = await calls('admin@example.com', '?limit=3');
    expect(first.body.items).toHaveLength(3);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await calls('admin@example.com', `?limit=3&cursor=${first.body.nextCursor as string}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = (await calls('admin@example.com')).body.items as CallItem[];
    expect([...first.body.items, ...second.body.items].map((i: CallItem) => i.id)).toEqual(all.map((i) => i.id));
  });

  it('filters by server, tool, outcome, caller and time', async () => {
    const byServer = (await calls('admin@example.com', `?serverId=${production}`)).body.items as CallItem[];
    expect(byServer).toHaveLength(3);
    expect(byServer.every((i) => i.serverId === production)).toBe(true);
    expect((await calls('admin@example.com', '?tool=echo&outcome=success')).body.items).toHaveLength(4);
    expect((await calls('admin@example.com', '?outcome=blocked')).body.items).toHaveLength(0);
    expect((await calls('admin@example.com', `?userId=${await idOf('bob@example.com')}`)).body.items).toHaveLength(0);
    expect((await calls('admin@example.com', '?from=2999-01-01')).body.items).toHaveLength(0);
  });

  it.each([
    ['?limit=0', '/limit'],
    ['?limit=abc', '/limit'],
    ['?limit=201', '/limit'],
    ['?cursor=not-a-cursor', '/cursor'],
    ['?serverId=42', '/serverId'],
    ['?outcome=maybe', '/outcome'],
    ['?from=yesterday', '/from'],
    ['?from=2026-02-01&to=2026-01-01', '/from'],
    ['?limit=1&limit=2', '/limit'],
    ['?sort=at', '/sort'],
  ])('refuses %s with 422 naming %s', async (query, pointer) => {
    const res = await calls('admin@example.com', query);
    expectProblem(res, 422, 'CALL_LOG_QUERY_INVALID');
    expect(res.body).toMatchObject({ plugin: 'AuditLoggerPlugin', errors: expect.arrayContaining([expect.objectContaining({ pointer })]) });
  });

  it('contributes its menu item, route and server tab to the bootstrap of auditors and admins only', async () => {
    const admin = (await t.http().get('/api/bootstrap').set(await auth('admin@example.com'))).body;
    expect(admin.menu).toEqual(expect.arrayContaining([expect.objectContaining({ plugin: 'AuditLoggerPlugin', id: 'audit-logger-calls', route: '/ext/audit-logger/calls' })]));
    expect(admin.routes).toEqual(expect.arrayContaining([expect.objectContaining({ plugin: 'AuditLoggerPlugin', path: 'ext/audit-logger/calls', component: 'audit-logger-calls' })]));
    expect(admin.slots['server:tabs']).toEqual(expect.arrayContaining([expect.objectContaining({ plugin: 'AuditLoggerPlugin', component: 'audit-logger-server-calls' })]));
    const alice = (await t.http().get('/api/bootstrap').set(await auth('alice@example.com'))).body;
    expect(alice.menu.some((m: { plugin: string }) => m.plugin === 'AuditLoggerPlugin')).toBe(false);
    expect(alice.routes.some((r: { plugin: string }) => r.plugin === 'AuditLoggerPlugin')).toBe(false);
    expect((alice.slots['server:tabs'] ?? []).some((s: { plugin: string }) => s.plugin === 'AuditLoggerPlugin')).toBe(false);
  });

  it('answers 404 while the plugin is disabled, and serves again once re-enabled', async () => {
    const admin = await auth('admin@example.com');
    expect((await t.http().patch('/api/admin/plugins/global/AuditLoggerPlugin').set(admin).send({ mode: 'disabled' })).status).toBe(200);
    expectProblem(await calls('admin@example.com'), 404, 'PLUGIN_NOT_FOUND');
    expect((await t.http().patch('/api/admin/plugins/global/AuditLoggerPlugin').set(admin).send({ mode: 'enforce' })).status).toBe(200);
    expect((await calls('admin@example.com')).status).toBe(200);
  });
});
