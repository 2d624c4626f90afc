/* Per-user notifications (SPEC 6): what policy changes deliver, the inbox order, reading, privacy. */
import { NotificationsService } from '../src/notifications/notifications.service';
import { expectProblem, startTestApp, TEST_DB, type TestApp } from './harness';
import { ensureRegistry } from './policy-fixtures';

type Headers = { Authorization: string };

describe(`notifications on ${TEST_DB}`, () => {
  let t: TestApp;
  const auth = async (email: string): Promise<Headers> => ({ Authorization: `Bearer ${await t.token(email)}` });
  const inbox = async (email: string, query: Record<string, string> = {}) => {
    const res = await t.http().get('/api/notifications').query(query).set(await auth(email));
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await ensureRegistry(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts empty', async () => {
    expect(await inbox('olivia@example.com')).toEqual({ items: [], total: 0, unreadCount: 0, limit: 20, offset: 0 });
  });

  it('team owners, and only they, are told of promotions and demotions; unread first, then newest', async () => {
    const admin = await auth('admin@example.com');
    for (const [path, reason] of [
      ['/api/admin/plugins/RegexFilterPlugin/promote-to-mandatory', 'first'],
      ['/api/admin/plugins/ResourceFilterPlugin/promote-to-mandatory', 'second'],
      ['/api/admin/plugins/RegexFilterPlugin/demote-to-optional', 'third'],
    ] as const) {
      const res = await t.http().post(path).set(admin).send({ reason });
      expect(res.status).toBe(200);
    }
    for (const owner of ['olivia@example.com', 'sam@example.com']) {
      const body = await inbox(owner);
      expect(body).toMatchObject({ total: 3, unreadCount: 3 });
      expect(body.items.map((n: { title: string }) => n.title)).toEqual([
        'RegexFilterPlugin is now optional',
        'ResourceFilterPlugin is now mandatory',
        'RegexFilterPlugin is now mandatory',
      ]);
      expect(body.items[0].data).toMatchObject({ pluginName: 'RegexFilterPlugin', operation: 'demote', actorEmail: 'admin@example.com', reason: 'third', teamIds: [expect.any(String)] });
    }
    for (const member of ['alice@example.com', 'bob@example.com', 'admin@example.com', 'victor@example.com']) expect((await inbox(member)).total).toBe(0);

    // Read the newest: it moves behind the unread ones.
    const newest = (await inbox('olivia@example.com')).items[0];
    const read = await t.http().post(`/api/notifications/${newest.id}/read`).set(await auth('olivia@example.com'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: newest.id, readAt: expect.any(String) });
    const again = await t.http().post(`/api/notifications/${newest.id}/read`).set(await auth('olivia@example.com'));
    expect(again.body.readAt).toBe(read.body.readAt);
    const after = await inbox('olivia@example.com');
    expect(after).toMatchObject({ total: 3, unreadCount: 2 });
    expect(after.items.map((n: { id: string }) => n.id).at(-1)).toBe(newest.id);
    expect(after.items.slice(0, 2).every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);

    const page = await inbox('olivia@example.com', { limit: '1', offset: '1' });
    expect(page).toMatchObject({ total: 3, unreadCount: 2, limit: 1, offset: 1 });
    expect(page.items.map((n: { id: string }) => n.id)).toEqual([after.items[1].id]);
    // Sam's copy is unaffected.
    expect((await inbox('sam@example.com')).unreadCount).toBe(3);
  });

  it("another user's notification answers 404, as an unknown one does", async () => {
    const sams = (await inbox('sam@example.com')).items[0].id as string;
    expectProblem(await t.http().post(`/api/notifications/${sams}/read`).set(await auth('olivia@example.com')), 404, 'NOT_FOUND');
    expectProblem(await t.http().post(`/api/notifications/${sams}/read`).set(await auth('admin@example.com')), 404, 'NOT_FOUND');
    expectProblem(await t.http().post('/api/notifications/00000000-0000-4000-8000-000000000000/read').set(await auth('olivia@example.com')), 404, 'NOT_FOUND');
    expectProblem(await t.http().post('/api/notifications/not-a-uuid/read').set(await auth('olivia@example.com')), 404, 'NOT_FOUND');
    expect((await inbox('sam@example.com')).unreadCount).toBe(3);
  });

  it('viewers have an inbox too; anonymous callers get 401; the query is validated', async () => {
    const service = t.app.get(NotificationsService);
    const [victor] = (await t.dataSource.query("SELECT id FROM users WHERE email = 'victor@example.com'")) as { id: string }[];
    await service.notifyTeamOwners(t.dataSource.manager, [{ id: 't', slug: 't', name: 'T', owners: [{ userId: victor?.id as string, email: 'victor@example.com' }] }], {
      kind: 'test', title: 'Hello viewer', body: '', data: {},
    });
    const body = await inbox('victor@example.com');
    expect(body).toMatchObject({ total: 1, unreadCount: 1, items: [{ title: 'Hello viewer', data: { teamIds: ['t'] } }] });
    expect((await t.http().post(`/api/notifications/${body.items[0].id}/read`).set(await auth('victor@example.com'))).status).toBe(200);

    expectProblem(await t.http().get('/api/notifications'), 401, 'UNAUTHENTICATED');
    expectProblem(await t.http().post(`/api/notifications/${body.items[0].id}/read`), 401, 'UNAUTHENTICATED');
    for (const query of [{ limit: '0' }, { limit: '101' }, { offset: '-1' }, { limit: 'x' }, { unread: 'true' }]) {
      expectProblem(await t.http().get('/api/notifications').query(query).set(await auth('olivia@example.com')), 400, 'VALIDATION_FAILED');
    }
  });
});
