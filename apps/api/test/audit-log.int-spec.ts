/* GET /admin/plugins/audit-log: the governance trail, newest first, filtered, paged by an opaque keyset cursor. */
import { PluginAuditLogEntity } from '../src/governance/plugin-audit-log.entity';
import { expectProblem, startTestApp, type TestApp } from './harness';

interface Item {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  level: string;
  pluginName: string | null;
  requestId: string | null;
  [field: string]: unknown;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });
const PLUGINS = ['RegexFilterPlugin', 'DenyFilterPlugin', 'CachingPlugin'];
const LEVELS = ['team', 'user', 'server', 'global'];
/** 30 rows an hour apart from 2025-03-01T00:00Z, each timestamp shared by two rows (ties are paged by id). */
const START = Date.parse('2025-03-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** Newest first, ties by id descending: the order the API promises. */
const byNewest = (a: Item, b: Item): number => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1);

describe('GET /admin/plugins/audit-log', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  const ids = new Map<string, string>();
  const fixture: { at: Date; pluginName: string; level: string; actorEmail: string }[] = [];

  const get = async (query: string, headers = admin): Promise<Page> => {
    const res = await t.http().get(`/api/admin/plugins/audit-log${query}`).set(headers);
    expect([query, res.status]).toEqual([query, 200]);
    return res.body as Page;
  };
  /** Every page of a query, following nextCursor. */
  const walk = async (query: string, limit: number): Promise<{ items: Item[]; pages: number }> => {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = query ? '&' : '?';
      const page = await get(`${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    return { items, pages };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = bearer(await t.token('admin@example.com'));
    const users = await t.http().get('/api/admin/users').set(admin);
    for (const u of users.body.items as { id: string; email: string }[]) ids.set(u.email, u.id);
    const actors = ['olivia@example.com', 'alice@example.com', 'system'];
    const repo = t.dataSource.getRepository(PluginAuditLogEntity);
    const rows = Array.from({ length: 30 }, (_, i) => {
      const row = { at: new Date(START + Math.floor(i / 2) * 2 * HOUR), pluginName: PLUGINS[i % 3] as string, level: LEVELS[i % 4] as string, actorEmail: actors[i % 3] as string };
      fixture.push(row);
      return repo.create({
        ...row,
        actorId: ids.get(row.actorEmail) ?? null,
        action: 'setting.updated',
        entityType: row.level === 'global' ? 'registry' : row.level,
        entityId: null,
        entityName: null,
        oldValue: { enabled: false },
        newValue: { enabled: true, i },
        reason: `fixture ${i}`,
        requestId: null,
      });
    });
    await repo.save(rows);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers admins newest first, the start-up sync on top, with every field', async () => {
    const page = await get('');
    expect(page.items).toHaveLength(38);
    expect(page.nextCursor).toBeNull();
    expect([...page.items].sort(byNewest)).toEqual(page.items);
    expect(page.items.slice(0, 8).every((i) => i.action === 'registry.created' && i.actorEmail === 'system')).toBe(true);
    const newest = page.items[8] as Item;
    expect(newest).toEqual({
      id: expect.any(String), at: '2025-03-02T04:00:00.000Z', actorId: ids.get(newest.actorEmail ?? '') ?? null, actorEmail: expect.stringMatching(/^(alice@example\.com|system)$/),
      action: 'setting.updated', level: expect.any(String), pluginName: expect.any(String), entityType: expect.any(String),
      entityId: null, entityName: null, oldValue: { enabled: false }, newValue: { enabled: true, i: expect.any(Number) },
      reason: expect.stringMatching(/^fixture \d+$/), requestId: null,
    });
  });

  it('pages with an opaque cursor: every row once, in order, ties at one instant split between pages', async () => {
    const all = (await get('?limit=200')).items;
    for (const limit of [1, 3, 7]) {
      const { items, pages } = await walk('', limit);
      expect(items.map((i) => i.id)).toEqual(all.map((i) => i.id));
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
    const first = await get('?limit=9');
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    // Rows 9 and 10 share an instant, split across the pages.
    const second = await get(`?limit=9&cursor=${first.nextCursor}`);
    expect(second.items[0]?.at).toBe(first.items[8]?.at);
    expect((second.items[0]?.id ?? '') < (first.items[8]?.id ?? '')).toBe(true);
  });

  it('filters by plugin, level and actor (id or email), alone and together, and pages the result', async () => {
    const regex = (await get('?plugin=RegexFilterPlugin')).items;
    expect(regex).toHaveLength(fixture.filter((f) => f.pluginName === 'RegexFilterPlugin').length + 1);
    expect(regex.every((i) => i.pluginName === 'RegexFilterPlugin')).toBe(true);

    const team = (await get('?level=team')).items;
    expect(team.map((i) => i.level)).toEqual(fixture.filter((f) => f.level === 'team').map(() => 'team'));
    expect((await get('?level=global')).items).toHaveLength(fixture.filter((f) => f.level === 'global').length + 8);

    const olivia = ids.get('olivia@example.com') ?? '';
    const byId = (await get(`?actor=${olivia}`)).items;
    expect(byId).toHaveLength(fixture.filter((f) => f.actorEmail === 'olivia@example.com').length);
    expect(byId.every((i) => i.actorId === olivia)).toBe(true);
    expect((await get('?actor=Olivia@Example.com')).items.map((i) => i.id)).toEqual(byId.map((i) => i.id));
    expect((await get('?actor=SYSTEM')).items).toHaveLength(fixture.filter((f) => f.actorEmail === 'system').length + 8);
    expect((await get('?actor=nobody@example.com')).items).toEqual([]);

    const combined = '?plugin=DenyFilterPlugin&level=user&actor=alice@example.com';
    const expected = fixture.filter((f) => f.pluginName === 'DenyFilterPlugin' && f.level === 'user' && f.actorEmail === 'alice@example.com');
    const { items } = await walk(combined, 1);
    expect(items).toHaveLength(expected.length);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.pluginName === 'DenyFilterPlugin' && i.level === 'user' && i.actorEmail === 'alice@example.com')).toBe(true);
  });

  it('filters by time: instants are inclusive, a date alone covers its whole day (UTC)', async () => {
    const inRange = (from: number, to: number) => fixture.filter((f) => f.at.getTime() >= from && f.at.getTime() <= to).length;
    const window = await get('?from=2025-03-01T04:00:00Z&to=2025-03-01T10:00:00.000Z');
    expect(window.items).toHaveLength(inRange(START + 4 * HOUR, START + 10 * HOUR));
    expect(window.items.at(0)?.at).toBe('2025-03-01T10:00:00.000Z');
    expect(window.items.at(-1)?.at).toBe('2025-03-01T04:00:00.000Z');
    expect((await get('?to=2025-03-01')).items).toHaveLength(inRange(START, START + 24 * HOUR - 1));
    expect((await get('?from=2025-03-02&to=2025-03-02')).items).toHaveLength(inRange(START + 24 * HOUR, START + 48 * HOUR - 1));
    expect((await get('?from=2025-03-03')).items).toHaveLength(8);
    expect((await get('?from=2025-03-01T05:00:00%2B01:00&to=2025-03-01T04:00:00Z&plugin=CachingPlugin')).items.every((i) => i.at === '2025-03-01T04:00:00.000Z')).toBe(true);
  });

  it('records a registry change made through the API at the top, with its actor and request id', async () => {
    const res = await t.http().patch('/api/admin/plugins/global/CachingPlugin').set(admin).set('x-request-id', 'audit-req-7').send({ priority: 41, reason: 'tune' });
    expect(res.status).toBe(200);
    const [top] = (await get('?limit=1')).items;
    expect(top).toMatchObject({
      action: 'registry.updated', level: 'global', pluginName: 'CachingPlugin', entityType: 'registry', entityName: 'CachingPlugin',
      actorId: ids.get('admin@example.com'), actorEmail: 'admin@example.com', oldValue: { priority: 40 }, newValue: { priority: 41 },
      reason: 'tune', requestId: 'audit-req-7',
    });
    expect((await get(`?actor=${ids.get('admin@example.com') ?? ''}`)).items.map((i) => i.id)).toEqual([top?.id]);
  });

  it.each([
    ['limit=0', '/limit'],
    ['limit=201', '/limit'],
    ['limit=ten', '/limit'],
    ['level=everything', '/level'],
    ['from=yesterday', '/from'],
    ['to=2025-02-30', '/to'],
    ['from=2025-03-02&to=2025-03-01', '/from'],
    ['cursor=not*a*cursor', '/cursor'],
    ['cursor=bm90LWpzb24', '/cursor'],
    [`cursor=${Buffer.from(JSON.stringify(['2025-03-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url')}`, '/cursor'],
    [`cursor=${Buffer.from(JSON.stringify(['someday', '00000000-0000-4000-8000-000000000000'])).toString('base64url')}`, '/cursor'],
    ['plugin=A&plugin=B', '/plugin'],
    ['offset=10', '/offset'],
  ])('refuses %s with 400 VALIDATION_FAILED at its pointer', async (query, pointer) => {
    const res = await t.http().get(`/api/admin/plugins/audit-log?${query}`).set(admin);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer);
  });

  it.each([
    ['a team owner', 'olivia@example.com'],
    ['a team member', 'alice@example.com'],
    ['a viewer', 'victor@example.com'],
  ])('refuses %s with 403', async (_label, email) => {
    expectProblem(await t.http().get('/api/admin/plugins/audit-log').set(bearer(await t.token(email))), 403, 'FORBIDDEN');
  });

  it('refuses a user in no team with 403 and anonymous callers with 401', async () => {
    const created = await t.http().post('/api/admin/users').set(admin).send({ email: 'uma@example.com', displayName: 'Uma', password: 'uma-password-1' });
    expect(created.status).toBe(201);
    expectProblem(await t.http().get('/api/admin/plugins/audit-log').set(bearer(await t.token('uma@example.com', 'uma-password-1'))), 403, 'FORBIDDEN');
    expectProblem(await t.http().get('/api/admin/plugins/audit-log'), 401, 'UNAUTHENTICATED');
  });
});
