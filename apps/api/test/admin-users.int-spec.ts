/* User administration (GET|POST /admin/users, PATCH|DELETE /admin/users/:id) and the user directory (GET /users). */
import { randomUUID } from 'node:crypto';
import { ApiTokenEntity } from '../src/users/api-token.entity';
import { UserEntity } from '../src/users/user.entity';
import { TeamMembershipEntity } from '../src/teams/team-membership.entity';
import { VirtualServerEntity } from '../src/servers/virtual-server.entity';
import { ToolEntity } from '../src/servers/tool.entity';
import { expectProblem, startTestApp, type TestApp } from './harness';

interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  platformRole: 'admin' | 'user' | 'viewer';
  pluginCustomizationAllowed: boolean;
  createdAt: string;
}

const PASSWORD = 'correct-horse-battery';
const DEMO_EMAILS = ['admin@example.com', 'alice@example.com', 'bob@example.com', 'olivia@example.com', 'sam@example.com', 'victor@example.com'];
const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

describe('user administration', () => {
  let t: TestApp;
  let admin: string;
  let demo: Map<string, AdminUser>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin@example.com');
    const res = await t.http().get('/api/admin/users').set(bearer(admin));
    demo = new Map((res.body.items as AdminUser[]).map((u) => [u.email, u]));
  });
  afterAll(async () => {
    await t.close();
  });

  const userCount = (): Promise<number> => t.dataSource.getRepository(UserEntity).count();
  const demoId = (email: string): string => {
    const user = demo.get(email);
    if (!user) throw new Error(`no demo user ${email}`);
    return user.id;
  };

  /** Creates a user through the admin API; the email is unique unless given. */
  async function createUser(overrides: Record<string, unknown> = {}): Promise<AdminUser> {
    const res = await t.http()
      .post('/api/admin/users')
      .set(bearer(admin))
      .send({ email: `user-${randomUUID().slice(0, 8)}@example.com`, displayName: 'Test User', password: PASSWORD, ...overrides });
    expect(res.status).toBe(201);
    return res.body as AdminUser;
  }

  describe('GET /admin/users', () => {
    it('lists every user sorted by email, without secrets', async () => {
      const res = await t.http().get('/api/admin/users').set(bearer(admin));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 6, limit: 50, offset: 0 });
      const items = res.body.items as AdminUser[];
      expect(items.map((u) => u.email)).toEqual(DEMO_EMAILS);
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(['createdAt', 'displayName', 'email', 'id', 'platformRole', 'pluginCustomizationAllowed']);
      }
      expect(items.find((u) => u.email === 'victor@example.com')?.platformRole).toBe('viewer');
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
    });

    it('pages with limit and offset', async () => {
      const page = (q: string) => t.http().get(`/api/admin/users?${q}`).set(bearer(admin));
      const first = await page('limit=2');
      expect(first.body).toMatchObject({ total: 6, limit: 2, offset: 0 });
      expect(first.body.items.map((u: AdminUser) => u.email)).toEqual(DEMO_EMAILS.slice(0, 2));
      const second = await page('limit=2&offset=2');
      expect(second.body.items.map((u: AdminUser) => u.email)).toEqual(DEMO_EMAILS.slice(2, 4));
      const past = await page('offset=6');
      expect(past.body).toMatchObject({ total: 6, items: [] });
    });

    it('filters by a case-insensitive substring of email or display name, with wildcards taken literally', async () => {
      const emails = async (q: string): Promise<string[]> => {
        const res = await t.http().get('/api/admin/users').query({ q }).set(bearer(admin));
        expect(res.status).toBe(200);
        return (res.body.items as AdminUser[]).map((u) => u.email);
      };
      expect(await emails('ALICE')).toEqual(['alice@example.com']);
      expect(await emails('builder')).toEqual(['bob@example.com']);
      expect(await emails('%')).toEqual([]);
      expect(await emails('_')).toEqual([]);
      expect(await emails("' OR '1'='1")).toEqual([]);
    });

    it.each([
      ['limit=0', 'limit=0', '/limit'],
      ['limit=201', 'limit=201', '/limit'],
      ['limit=abc', 'limit=abc', '/limit'],
      ['offset=-1', 'offset=-1', '/offset'],
      ['q of 201 characters', `q=${'x'.repeat(201)}`, '/q'],
      ['an unknown parameter', 'role=admin', '/role'],
    ])('refuses the query %s with 400', async (_label, query, pointer) => {
      const res = await t.http().get(`/api/admin/users?${query}`).set(bearer(admin));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer);
    });
  });

  describe('POST /admin/users', () => {
    it('creates a user with a normalised email who can then sign in', async () => {
      const res = await t.http()
        .post('/api/admin/users')
        .set(bearer(admin))
        .send({ email: 'Carol@Example.COM', displayName: '  Carol Creator ', password: PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ email: 'carol@example.com', displayName: 'Carol Creator', platformRole: 'user', pluginCustomizationAllowed: true });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body).not.toHaveProperty('password');

      const carol = await t.token('carol@example.com', PASSWORD);
      const me = await t.http().get('/api/users/me').set(bearer(carol));
      expect(me.body).toMatchObject({ id: res.body.id, email: 'carol@example.com', teams: [] });
    });

    it('creates users with the requested role and customization flag', async () => {
      const viewer = await createUser({ platformRole: 'viewer', pluginCustomizationAllowed: false });
      expect(viewer).toMatchObject({ platformRole: 'viewer', pluginCustomizationAllowed: false });
      const token = await t.token(viewer.email, PASSWORD);
      expectProblem(await t.http().get('/api/servers').set(bearer(token)), 403, 'FORBIDDEN');
    });

    it('answers 409 ALREADY_EXISTS for an email in use, in any case', async () => {
      const before = await userCount();
      for (const email of ['alice@example.com', 'ALICE@example.com']) {
        const res = await t.http().post('/api/admin/users').set(bearer(admin)).send({ email, displayName: 'Dup', password: PASSWORD });
        expectProblem(res, 409, 'ALREADY_EXISTS');
      }
      expect(await userCount()).toBe(before);
    });

    it.each([
      ['a bad email', { email: 'not-an-email' }, '/email'],
      ['a short password', { password: 'short' }, '/password'],
      ['an unknown role', { platformRole: 'root' }, '/platformRole'],
      ['an empty display name', { displayName: '' }, '/displayName'],
      ['a blank display name', { displayName: '   ' }, '/displayName'],
      ['a server-owned field', { id: randomUUID() }, '/id'],
      ['a password hash', { passwordHash: 'x' }, '/passwordHash'],
    ])('refuses %s with 400 and writes nothing', async (_label, overrides, pointer) => {
      const before = await userCount();
      const res = await t.http()
        .post('/api/admin/users')
        .set(bearer(admin))
        .send({ email: 'valid@example.com', displayName: 'Valid', password: PASSWORD, ...overrides });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer);
      expect(await userCount()).toBe(before);
    });
  });

  describe('PATCH /admin/users/:id', () => {
    it('changes display name and customization flag', async () => {
      const user = await createUser();
      const res = await t.http().patch(`/api/admin/users/${user.id}`).set(bearer(admin)).send({ displayName: 'Renamed', pluginCustomizationAllowed: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: user.id, email: user.email, displayName: 'Renamed', pluginCustomizationAllowed: false });
      const unchanged = await t.http().patch(`/api/admin/users/${user.id}`).set(bearer(admin)).send({});
      expect(unchanged.body).toMatchObject({ displayName: 'Renamed', pluginCustomizationAllowed: false });
    });

    it('resets a password: the old one stops working, the new one works', async () => {
      const user = await createUser();
      const res = await t.http().patch(`/api/admin/users/${user.id}`).set(bearer(admin)).send({ password: 'a-brand-new-password' });
      expect(res.status).toBe(200);
      expectProblem(await t.http().post('/api/auth/login').send({ email: user.email, password: PASSWORD }), 401, 'INVALID_CREDENTIALS');
      expect((await t.http().post('/api/auth/login').send({ email: user.email, password: 'a-brand-new-password' })).status).toBe(200);
    });

    it('changes the platform role, effective on the user\'s next request', async () => {
      const user = await createUser();
      const token = await t.token(user.email, PASSWORD);
      expect((await t.http().get('/api/servers').set(bearer(token))).status).toBe(200);
      const res = await t.http().patch(`/api/admin/users/${user.id}`).set(bearer(admin)).send({ platformRole: 'viewer' });
      expect(res.body.platformRole).toBe('viewer');
      expectProblem(await t.http().get('/api/servers').set(bearer(token)), 403, 'FORBIDDEN');
    });

    it('answers 404 for an unknown or malformed id, and 400 for a bad body', async () => {
      expectProblem(await t.http().patch(`/api/admin/users/${randomUUID()}`).set(bearer(admin)).send({ displayName: 'x' }), 404, 'NOT_FOUND');
      expectProblem(await t.http().patch('/api/admin/users/42').set(bearer(admin)).send({ displayName: 'x' }), 404, 'NOT_FOUND');
      const bad = await t.http().patch(`/api/admin/users/${demoId('bob@example.com')}`).set(bearer(admin)).send({ platformRole: 'superuser', email: 'new@example.com' });
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect((bad.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/platformRole', '/email']));
      const nulls = await t.http().patch(`/api/admin/users/${demoId('bob@example.com')}`).set(bearer(admin)).send({ displayName: null, password: null, platformRole: null, pluginCustomizationAllowed: null });
      expectProblem(nulls, 400, 'VALIDATION_FAILED');
      expect((nulls.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/displayName', '/password', '/platformRole', '/pluginCustomizationAllowed']));
      const blank = await t.http().patch(`/api/admin/users/${demoId('bob@example.com')}`).set(bearer(admin)).send({ displayName: ' \t ' });
      expectProblem(blank, 400, 'VALIDATION_FAILED');
      expect(await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: demoId('bob@example.com') })).toMatchObject({ displayName: 'Bob Builder', platformRole: 'user' });
    });
  });

  describe('last admin protection', () => {
    it('keeps at least one admin: the only admin can neither step down nor delete themselves', async () => {
      const adminId = demoId('admin@example.com');
      expectProblem(await t.http().patch(`/api/admin/users/${adminId}`).set(bearer(admin)).send({ platformRole: 'user' }), 409, 'CONFLICT');
      expectProblem(await t.http().delete(`/api/admin/users/${adminId}`).set(bearer(admin)), 409, 'CONFLICT');
      const row = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: adminId });
      expect(row.platformRole).toBe('admin');
    });

    it('lets an admin step down while another remains, then protects the remaining one', async () => {
      const adminId = demoId('admin@example.com');
      const second = await createUser({ platformRole: 'admin' });
      const secondToken = await t.token(second.email, PASSWORD);

      const demote = await t.http().patch(`/api/admin/users/${adminId}`).set(bearer(secondToken)).send({ platformRole: 'user' });
      expect(demote.status).toBe(200);
      expectProblem(await t.http().get('/api/admin/users').set(bearer(admin)), 403, 'FORBIDDEN');
      expectProblem(await t.http().patch(`/api/admin/users/${second.id}`).set(bearer(secondToken)).send({ platformRole: 'viewer' }), 409, 'CONFLICT');
      expectProblem(await t.http().delete(`/api/admin/users/${second.id}`).set(bearer(secondToken)), 409, 'CONFLICT');

      const restore = await t.http().patch(`/api/admin/users/${adminId}`).set(bearer(secondToken)).send({ platformRole: 'admin' });
      expect(restore.status).toBe(200);
      expect((await t.http().delete(`/api/admin/users/${second.id}`).set(bearer(admin))).status).toBe(204);
      expectProblem(await t.http().get('/api/users/me').set(bearer(secondToken)), 401, 'UNAUTHENTICATED');
    });
  });

  describe('DELETE /admin/users/:id', () => {
    it('deletes a user with their servers, tools, memberships and tokens', async () => {
      const dave = await createUser({ email: 'dave@example.com', displayName: 'Dave Doomed' });
      const daveToken = await t.token('dave@example.com', PASSWORD);
      const team = await t.http().post('/api/teams').set(bearer(daveToken)).send({ slug: 'dave-team', name: 'Dave team' });
      expect(team.status).toBe(201);
      const engineering = (await t.http().get('/api/teams?q=engineering').set(bearer(admin))).body.items[0].id as string;
      expect((await t.http().post(`/api/teams/${engineering}/members`).set(bearer(admin)).send({ userId: dave.id, role: 'member' })).status).toBe(201);
      const inTeam = await t.http().post('/api/servers').set(bearer(daveToken)).send({ name: 'dave-team-server', teamId: team.body.id });
      const personal = await t.http().post('/api/servers').set(bearer(daveToken)).send({ name: 'dave-personal' });
      expect([inTeam.status, personal.status]).toEqual([201, 201]);
      const tool = await t.http().post(`/api/servers/${personal.body.id}/tools`).set(bearer(daveToken)).send({ name: 'echo', target: { type: 'echo' } });
      expect(tool.status).toBe(201);
      const apiToken = await t.http().post('/api/users/me/tokens').set(bearer(daveToken)).send({ name: 'dave-ci' });
      expect(apiToken.status).toBe(201);

      expect((await t.http().delete(`/api/admin/users/${dave.id}`).set(bearer(admin))).status).toBe(204);

      const servers = t.dataSource.getRepository(VirtualServerEntity);
      expect(await servers.countBy({ ownerId: dave.id })).toBe(0);
      expect(await t.dataSource.getRepository(ToolEntity).countBy({ serverId: personal.body.id })).toBe(0);
      expect(await t.dataSource.getRepository(TeamMembershipEntity).countBy({ userId: dave.id })).toBe(0);
      expect(await t.dataSource.getRepository(ApiTokenEntity).countBy({ userId: dave.id })).toBe(0);
      expectProblem(await t.http().get(`/api/servers/${personal.body.id}`).set(bearer(admin)), 404, 'NOT_FOUND');
      const eng = await t.http().get(`/api/teams/${engineering}`).set(bearer(admin));
      expect((eng.body.members as { userId: string }[]).map((m) => m.userId)).not.toContain(dave.id);
      expectProblem(await t.http().get('/api/users/me').set(bearer(daveToken)), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http().get('/api/users/me').set(bearer(apiToken.body.token)), 401, 'UNAUTHENTICATED');
      // Other people's servers are untouched.
      expect(await servers.countBy({ ownerId: demoId('alice@example.com') })).toBe(2);

      expectProblem(await t.http().delete(`/api/admin/users/${dave.id}`).set(bearer(admin)), 404, 'NOT_FOUND');
      expectProblem(await t.http().delete('/api/admin/users/not-a-uuid').set(bearer(admin)), 404, 'NOT_FOUND');
    });
  });

  describe('who may administer users', () => {
    const routes = (targetId: string): [string, (auth: Record<string, string>) => Promise<import('supertest').Response>][] => [
      ['GET /admin/users', (a) => t.http().get('/api/admin/users').set(a)],
      ['POST /admin/users', (a) => t.http().post('/api/admin/users').set(a).send({ email: 'sneaky@example.com', displayName: 'Sneaky', password: PASSWORD, platformRole: 'admin' })],
      ['PATCH /admin/users/:id', (a) => t.http().patch(`/api/admin/users/${targetId}`).set(a).send({ platformRole: 'admin' })],
      ['DELETE /admin/users/:id', (a) => t.http().delete(`/api/admin/users/${targetId}`).set(a)],
    ];

    it.each(['alice@example.com', 'olivia@example.com', 'victor@example.com'])('refuses %s with 403 on every route and changes nothing', async (email) => {
      const token = await t.token(email);
      const target = demoId('bob@example.com');
      const before = await userCount();
      for (const [label, call] of routes(target)) {
        const res = await call(bearer(token));
        try {
          expectProblem(res, 403, 'FORBIDDEN');
        } catch (error) {
          throw new Error(`${label}: ${(error as Error).message}`);
        }
      }
      expect(await userCount()).toBe(before);
      const bob = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: target });
      expect(bob.platformRole).toBe('user');
    });

    it('refuses anonymous callers with 401 on every route', async () => {
      for (const [label, call] of routes(demoId('bob@example.com'))) {
        const res = await call({});
        try {
          expectProblem(res, 401, 'UNAUTHENTICATED');
        } catch (error) {
          throw new Error(`${label}: ${(error as Error).message}`);
        }
      }
    });
  });

  describe('GET /users (directory)', () => {
    it('lets any user search people by email or name, paged', async () => {
      const alice = await t.token('alice@example.com');
      const all = await t.http().get('/api/users').set(bearer(alice));
      expect(all.status).toBe(200);
      expect(all.body.total).toBeGreaterThanOrEqual(6);
      expect((all.body.items as AdminUser[]).map((u) => u.email)).toEqual(expect.arrayContaining(DEMO_EMAILS));

      const sam = await t.http().get('/api/users?q=SECURITY').set(bearer(alice));
      expect((sam.body.items as AdminUser[]).map((u) => u.email)).toEqual(['sam@example.com']);

      const page = await t.http().get('/api/users?limit=1&offset=1').set(bearer(alice));
      expect(page.body).toMatchObject({ limit: 1, offset: 1, total: all.body.total });
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0].email).toBe((all.body.items as AdminUser[])[1]?.email);

      expectProblem(await t.http().get('/api/users?limit=500').set(bearer(alice)), 400, 'VALIDATION_FAILED');
    });

    it('is closed to viewers (403) and anonymous callers (401)', async () => {
      expectProblem(await t.http().get('/api/users').set(bearer(await t.token('victor@example.com'))), 403, 'FORBIDDEN');
      expectProblem(await t.http().get('/api/users'), 401, 'UNAUTHENTICATED');
    });
  });
});
