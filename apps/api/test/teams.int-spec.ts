/* Teams and their members: GET|POST /teams, GET|PATCH|DELETE /teams/:teamId, POST /teams/:teamId/members, DELETE /teams/:teamId/members/:userId. */
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { TeamEntity } from '../src/teams/team.entity';
import { TeamMembershipEntity } from '../src/teams/team-membership.entity';
import { VirtualServerEntity } from '../src/servers/virtual-server.entity';
import { ToolEntity } from '../src/servers/tool.entity';
import { expectProblem, startTestApp, type TestApp } from './harness';

interface TeamMember {
  userId: string;
  email: string;
  displayName: string;
  role: 'owner' | 'member';
}
interface TeamDetail {
  id: string;
  slug: string;
  name: string;
  description: string;
  myRole: 'owner' | 'member' | null;
  memberCount: number;
  createdAt: string;
  members: TeamMember[];
}

const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

describe('teams', () => {
  let t: TestApp;
  const userIds = new Map<string, string>();
  const teamIds = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.token('admin@example.com');
    const users = await t.http().get('/api/admin/users').set(bearer(admin));
    for (const u of users.body.items as { id: string; email: string }[]) userIds.set(u.email, u.id);
    const teams = await t.http().get('/api/teams').set(bearer(admin));
    for (const team of teams.body.items as TeamDetail[]) teamIds.set(team.slug, team.id);
  });
  afterAll(async () => {
    await t.close();
  });

  const as = async (email: string): Promise<{ Authorization: string }> => bearer(await t.token(email));
  const idOf = (map: Map<string, string>, key: string): string => {
    const id = map.get(key);
    if (!id) throw new Error(`unknown ${key}`);
    return id;
  };
  const user = (email: string): string => idOf(userIds, email);
  const team = (slug: string): string => idOf(teamIds, slug);
  const teamCount = (): Promise<number> => t.dataSource.getRepository(TeamEntity).count();

  /** Creates a team as `email` (who becomes its owner), with a unique slug unless given. */
  async function createTeam(email: string, overrides: Record<string, unknown> = {}): Promise<TeamDetail> {
    const slug = `team-${randomUUID().slice(0, 8)}`;
    const res = await t.http().post('/api/teams').set(await as(email)).send({ slug, name: `Team ${slug}`, ...overrides });
    expect(res.status).toBe(201);
    return res.body as TeamDetail;
  }

  async function addMember(ownerEmail: string, teamId: string, email: string, role: 'owner' | 'member'): Promise<Response> {
    return t.http().post(`/api/teams/${teamId}/members`).set(await as(ownerEmail)).send({ userId: user(email), role });
  }

  const memberRoles = (detail: TeamDetail): Record<string, string> =>
    Object.fromEntries(detail.members.map((m) => [m.email, m.role]));

  describe('GET /teams', () => {
    it('shows admins every team, with their own role (none) and member counts', async () => {
      const res = await t.http().get('/api/teams').set(await as('admin@example.com'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(res.body.items).toEqual([
        expect.objectContaining({ slug: 'engineering', name: 'Engineering', myRole: null, memberCount: 2 }),
        expect.objectContaining({ slug: 'security', name: 'Security', myRole: null, memberCount: 2 }),
      ]);
    });

    it.each([
      ['olivia@example.com', 'engineering', 'owner'],
      ['alice@example.com', 'engineering', 'member'],
      ['sam@example.com', 'security', 'owner'],
      ['bob@example.com', 'security', 'member'],
    ])('shows %s only their own team %s, as %s', async (email, slug, role) => {
      const res = await t.http().get('/api/teams').set(await as(email));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      expect(res.body.items).toEqual([expect.objectContaining({ slug, myRole: role, memberCount: 2 })]);
    });

    it('filters by name or slug and pages', async () => {
      const admin = await as('admin@example.com');
      const bySlug = await t.http().get('/api/teams?q=SECUR').set(admin);
      expect(bySlug.body.items.map((x: TeamDetail) => x.slug)).toEqual(['security']);
      const none = await t.http().get('/api/teams?q=%25').set(admin);
      expect(none.body).toMatchObject({ total: 0, items: [] });
      const page = await t.http().get('/api/teams?limit=1&offset=1').set(admin);
      expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(page.body.items.map((x: TeamDetail) => x.slug)).toEqual(['security']);
      expectProblem(await t.http().get('/api/teams?limit=0').set(admin), 400, 'VALIDATION_FAILED');
    });

    it('refuses viewers (403) and anonymous callers (401)', async () => {
      expectProblem(await t.http().get('/api/teams').set(await as('victor@example.com')), 403, 'FORBIDDEN');
      expectProblem(await t.http().get('/api/teams'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('POST /teams', () => {
    it('creates a team whose creator is its only owner', async () => {
      const res = await t.http().post('/api/teams').set(await as('alice@example.com')).send({ slug: 'platform', name: '  Platform  ', description: 'Runs the platform' });
      expect(res.status).toBe(201);
      const created = res.body as TeamDetail;
      expect(created).toMatchObject({ slug: 'platform', name: 'Platform', description: 'Runs the platform', myRole: 'owner', memberCount: 1 });
      expect(created.members).toEqual([{ userId: user('alice@example.com'), email: 'alice@example.com', displayName: 'Alice Developer', role: 'owner' }]);
      const me = await t.http().get('/api/users/me').set(await as('alice@example.com'));
      expect(me.body.teams).toEqual(expect.arrayContaining([expect.objectContaining({ id: created.id, slug: 'platform', role: 'owner' })]));
      const list = await t.http().get('/api/teams').set(await as('alice@example.com'));
      expect(list.body.items.map((x: TeamDetail) => x.slug)).toEqual(['engineering', 'platform']);
    });

    it('answers 409 ALREADY_EXISTS for a slug in use', async () => {
      const before = await teamCount();
      expectProblem(await t.http().post('/api/teams').set(await as('bob@example.com')).send({ slug: 'engineering', name: 'Mine now' }), 409, 'ALREADY_EXISTS');
      expect(await teamCount()).toBe(before);
    });

    it.each([
      ['a slug with spaces', { slug: 'bad slug' }, '/slug'],
      ['an upper-case slug', { slug: 'Engineering2' }, '/slug'],
      ['a slug with a leading dash', { slug: '-lead' }, '/slug'],
      ['a slug of 65 characters', { slug: 'a'.repeat(65) }, '/slug'],
      ['an empty name', { name: '' }, '/name'],
      ['a blank name', { name: '   ' }, '/name'],
      ['a name of 201 characters', { name: 'n'.repeat(201) }, '/name'],
      ['a missing name', { name: undefined }, '/name'],
      ['a numeric description', { description: 7 }, '/description'],
      ['a server-owned field', { id: randomUUID() }, '/id'],
    ])('refuses %s with 400 and writes nothing', async (_label, overrides, pointer) => {
      const before = await teamCount();
      const res = await t.http().post('/api/teams').set(await as('olivia@example.com')).send({ slug: 'valid-slug', name: 'Valid', ...overrides });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer);
      expect(await teamCount()).toBe(before);
    });

    it('gives exactly one of several concurrent creates of one slug, the rest 409', async () => {
      const olivia = await as('olivia@example.com');
      const slug = `race-${randomUUID().slice(0, 8)}`;
      const results = await Promise.all(Array.from({ length: 5 }, () => t.http().post('/api/teams').set(olivia).send({ slug, name: 'Race' })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      for (const res of results.filter((r) => r.status === 409)) expectProblem(res, 409, 'ALREADY_EXISTS');
      expect(await t.dataSource.getRepository(TeamEntity).countBy({ slug })).toBe(1);
    });

    it('refuses viewers with 403 and writes nothing', async () => {
      const before = await teamCount();
      expectProblem(await t.http().post('/api/teams').set(await as('victor@example.com')).send({ slug: 'viewers', name: 'Viewers' }), 403, 'FORBIDDEN');
      expect(await teamCount()).toBe(before);
    });
  });

  describe('GET /teams/:teamId', () => {
    it('shows a member the team with its members', async () => {
      const res = await t.http().get(`/api/teams/${team('engineering')}`).set(await as('alice@example.com'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ slug: 'engineering', myRole: 'member', memberCount: 2 });
      expect(res.body.members).toEqual([
        { userId: user('alice@example.com'), email: 'alice@example.com', displayName: 'Alice Developer', role: 'member' },
        { userId: user('olivia@example.com'), email: 'olivia@example.com', displayName: 'Olivia Owner', role: 'owner' },
      ]);
    });

    it('shows the owner their role and an admin the team without one', async () => {
      expect((await t.http().get(`/api/teams/${team('engineering')}`).set(await as('olivia@example.com'))).body.myRole).toBe('owner');
      const admin = await t.http().get(`/api/teams/${team('security')}`).set(await as('admin@example.com'));
      expect(admin.status).toBe(200);
      expect(admin.body).toMatchObject({ slug: 'security', myRole: null });
    });

    it('answers 404 to strangers, unknown ids and malformed ids alike; 403 to viewers', async () => {
      const bob = await as('bob@example.com');
      expectProblem(await t.http().get(`/api/teams/${team('engineering')}`).set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(`/api/teams/${randomUUID()}`).set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().get('/api/teams/engineering').set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(`/api/teams/${team('engineering')}`).set(await as('victor@example.com')), 403, 'FORBIDDEN');
    });
  });

  describe('PATCH /teams/:teamId', () => {
    it('lets the owner and an admin change name and description', async () => {
      const created = await createTeam('olivia@example.com');
      const byOwner = await t.http().patch(`/api/teams/${created.id}`).set(await as('olivia@example.com')).send({ name: ' Renamed ', description: 'New words' });
      expect(byOwner.status).toBe(200);
      expect(byOwner.body).toMatchObject({ id: created.id, slug: created.slug, name: 'Renamed', description: 'New words', myRole: 'owner' });
      const byAdmin = await t.http().patch(`/api/teams/${created.id}`).set(await as('admin@example.com')).send({ description: '' });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body).toMatchObject({ name: 'Renamed', description: '', myRole: null });
      const row = await t.dataSource.getRepository(TeamEntity).findOneByOrFail({ id: created.id });
      expect(row).toMatchObject({ name: 'Renamed', description: '' });
    });

    it('refuses a member (403) and a stranger (404), changing nothing', async () => {
      const id = team('engineering');
      expectProblem(await t.http().patch(`/api/teams/${id}`).set(await as('alice@example.com')).send({ name: 'Hijacked' }), 403, 'FORBIDDEN');
      expectProblem(await t.http().patch(`/api/teams/${id}`).set(await as('bob@example.com')).send({ name: 'Hijacked' }), 404, 'NOT_FOUND');
      expectProblem(await t.http().patch('/api/teams/not-a-uuid').set(await as('admin@example.com')).send({ name: 'x' }), 404, 'NOT_FOUND');
      expect((await t.dataSource.getRepository(TeamEntity).findOneByOrFail({ id })).name).toBe('Engineering');
    });

    it('validates the body: the slug cannot change, names cannot be blank, fields cannot be null', async () => {
      const olivia = await as('olivia@example.com');
      const res = await t.http().patch(`/api/teams/${team('engineering')}`).set(olivia).send({ slug: 'eng', name: '  ' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/slug', '/name']));
      const nulls = await t.http().patch(`/api/teams/${team('engineering')}`).set(olivia).send({ name: null, description: null });
      expectProblem(nulls, 400, 'VALIDATION_FAILED');
      expect((nulls.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/name', '/description']));
      expect(await t.dataSource.getRepository(TeamEntity).findOneByOrFail({ id: team('engineering') })).toMatchObject({ name: 'Engineering' });
    });
  });

  describe('DELETE /teams/:teamId', () => {
    it('lets the owner delete; refuses a member (403) and a stranger (404)', async () => {
      const created = await createTeam('olivia@example.com');
      expect((await addMember('olivia@example.com', created.id, 'alice@example.com', 'member')).status).toBe(201);
      expectProblem(await t.http().delete(`/api/teams/${created.id}`).set(await as('alice@example.com')), 403, 'FORBIDDEN');
      expectProblem(await t.http().delete(`/api/teams/${created.id}`).set(await as('bob@example.com')), 404, 'NOT_FOUND');
      expectProblem(await t.http().delete(`/api/teams/${created.id}`).set(await as('victor@example.com')), 403, 'FORBIDDEN');
      expect(await t.dataSource.getRepository(TeamEntity).existsBy({ id: created.id })).toBe(true);

      expect((await t.http().delete(`/api/teams/${created.id}`).set(await as('olivia@example.com'))).status).toBe(204);
      expectProblem(await t.http().get(`/api/teams/${created.id}`).set(await as('olivia@example.com')), 404, 'NOT_FOUND');
      expect(await t.dataSource.getRepository(TeamMembershipEntity).countBy({ teamId: created.id })).toBe(0);
      expectProblem(await t.http().delete(`/api/teams/${created.id}`).set(await as('olivia@example.com')), 404, 'NOT_FOUND');
    });

    it('lets an admin delete any team', async () => {
      const created = await createTeam('sam@example.com');
      expect((await t.http().delete(`/api/teams/${created.id}`).set(await as('admin@example.com'))).status).toBe(204);
      expect(await t.dataSource.getRepository(TeamEntity).existsBy({ id: created.id })).toBe(false);
    });

    it('deletes the team\'s servers and their tools with it, and nothing else', async () => {
      const created = await createTeam('alice@example.com');
      expect((await addMember('alice@example.com', created.id, 'bob@example.com', 'member')).status).toBe(201);
      const aliceServer = await t.http().post('/api/servers').set(await as('alice@example.com')).send({ name: `srv-${created.slug}-a`, teamId: created.id });
      const bobServer = await t.http().post('/api/servers').set(await as('bob@example.com')).send({ name: `srv-${created.slug}-b`, teamId: created.id });
      expect([aliceServer.status, bobServer.status]).toEqual([201, 201]);
      const tool = await t.http().post(`/api/servers/${aliceServer.body.id}/tools`).set(await as('alice@example.com')).send({ name: 'ping', target: { type: 'echo' } });
      expect(tool.status).toBe(201);
      const servers = t.dataSource.getRepository(VirtualServerEntity);
      const otherServers = await servers.count() - 2;

      expect((await t.http().delete(`/api/teams/${created.id}`).set(await as('alice@example.com'))).status).toBe(204);

      expect(await servers.countBy({ teamId: created.id })).toBe(0);
      expect(await t.dataSource.getRepository(ToolEntity).countBy({ serverId: aliceServer.body.id })).toBe(0);
      expect(await t.dataSource.getRepository(TeamMembershipEntity).countBy({ teamId: created.id })).toBe(0);
      expect(await servers.count()).toBe(otherServers);
      expectProblem(await t.http().get(`/api/servers/${bobServer.body.id}`).set(await as('bob@example.com')), 404, 'NOT_FOUND');
      // The demo servers of alice's other team are still there.
      const mine = await t.http().get('/api/servers').set(await as('alice@example.com'));
      expect(mine.body.items.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['dev_tools', 'production_tools']));
    });
  });

  describe('members', () => {
    it('lets the owner add a member (201), who then sees the team, and change their role (200)', async () => {
      const created = await createTeam('olivia@example.com');
      const added = await addMember('olivia@example.com', created.id, 'bob@example.com', 'member');
      expect(added.status).toBe(201);
      expect(memberRoles(added.body)).toEqual({ 'bob@example.com': 'member', 'olivia@example.com': 'owner' });
      expect(added.body).toMatchObject({ memberCount: 2, myRole: 'owner' });

      const seen = await t.http().get(`/api/teams/${created.id}`).set(await as('bob@example.com'));
      expect(seen.status).toBe(200);
      expect(seen.body.myRole).toBe('member');

      const promoted = await addMember('olivia@example.com', created.id, 'bob@example.com', 'owner');
      expect(promoted.status).toBe(200);
      expect(memberRoles(promoted.body)).toEqual({ 'bob@example.com': 'owner', 'olivia@example.com': 'owner' });
      expect(await t.dataSource.getRepository(TeamMembershipEntity).countBy({ teamId: created.id })).toBe(2);
    });

    it('lets an admin manage members of a team they are not in', async () => {
      const created = await createTeam('sam@example.com');
      const res = await addMember('admin@example.com', created.id, 'alice@example.com', 'member');
      expect(res.status).toBe(201);
      expect(res.body.myRole).toBeNull();
      expect((await t.http().delete(`/api/teams/${created.id}/members/${user('alice@example.com')}`).set(await as('admin@example.com'))).status).toBe(204);
    });

    it('refuses a member (403), a stranger (404) and a viewer (403) adding members', async () => {
      const id = team('engineering');
      expectProblem(await addMember('alice@example.com', id, 'bob@example.com', 'owner'), 403, 'FORBIDDEN');
      expectProblem(await addMember('sam@example.com', id, 'sam@example.com', 'owner'), 404, 'NOT_FOUND');
      expectProblem(await addMember('victor@example.com', id, 'victor@example.com', 'member'), 403, 'FORBIDDEN');
      expect(await t.dataSource.getRepository(TeamMembershipEntity).countBy({ teamId: id })).toBe(2);
    });

    it('answers 404 for an unknown user and 400 for a bad body', async () => {
      const olivia = await as('olivia@example.com');
      const id = team('engineering');
      expectProblem(await t.http().post(`/api/teams/${id}/members`).set(olivia).send({ userId: randomUUID(), role: 'member' }), 404, 'NOT_FOUND');
      const bad = await t.http().post(`/api/teams/${id}/members`).set(olivia).send({ userId: 'bob', role: 'admin' });
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect((bad.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/userId', '/role']));
      expectProblem(await t.http().post(`/api/teams/${id}/members`).set(olivia).send({ userId: user('bob@example.com') }), 400, 'VALIDATION_FAILED');
    });

    it('lets the owner remove a member; a second removal is 404', async () => {
      const created = await createTeam('olivia@example.com');
      await addMember('olivia@example.com', created.id, 'bob@example.com', 'member');
      const path = `/api/teams/${created.id}/members/${user('bob@example.com')}`;
      expect((await t.http().delete(path).set(await as('olivia@example.com'))).status).toBe(204);
      expectProblem(await t.http().get(`/api/teams/${created.id}`).set(await as('bob@example.com')), 404, 'NOT_FOUND');
      expectProblem(await t.http().delete(path).set(await as('olivia@example.com')), 404, 'NOT_FOUND');
    });

    it('lets a member leave but not remove others; strangers get 404', async () => {
      const created = await createTeam('olivia@example.com');
      await addMember('olivia@example.com', created.id, 'bob@example.com', 'member');
      await addMember('olivia@example.com', created.id, 'alice@example.com', 'member');
      const remove = (who: string) => `/api/teams/${created.id}/members/${user(who)}`;

      expectProblem(await t.http().delete(remove('alice@example.com')).set(await as('bob@example.com')), 403, 'FORBIDDEN');
      expectProblem(await t.http().delete(remove('olivia@example.com')).set(await as('bob@example.com')), 403, 'FORBIDDEN');
      expectProblem(await t.http().delete(remove('alice@example.com')).set(await as('sam@example.com')), 404, 'NOT_FOUND');
      expect((await t.http().delete(remove('bob@example.com')).set(await as('bob@example.com'))).status).toBe(204);
      const detail = await t.http().get(`/api/teams/${created.id}`).set(await as('olivia@example.com'));
      expect(memberRoles(detail.body)).toEqual({ 'alice@example.com': 'member', 'olivia@example.com': 'owner' });
    });

    it('answers 404 for malformed team and user ids on every team route', async () => {
      const admin = await as('admin@example.com');
      const id = team('engineering');
      const bobId = user('bob@example.com');
      const calls: [string, Promise<Response>][] = [
        ['GET', t.http().get('/api/teams/123').set(admin)],
        ['PATCH', t.http().patch('/api/teams/123').set(admin).send({ name: 'x' })],
        ['DELETE', t.http().delete('/api/teams/123').set(admin)],
        ['POST members', t.http().post('/api/teams/123/members').set(admin).send({ userId: bobId, role: 'member' })],
        ['DELETE member (team)', t.http().delete(`/api/teams/123/members/${bobId}`).set(admin)],
        ['DELETE member (user)', t.http().delete(`/api/teams/${id}/members/bob`).set(admin)],
      ];
      for (const [label, call] of calls) {
        const res = await call;
        try {
          expectProblem(res, 404, 'NOT_FOUND');
        } catch (error) {
          throw new Error(`${label}: ${(error as Error).message}`);
        }
      }
    });
  });

  describe('the last owner', () => {
    it('cannot step down to member or leave (409 LAST_OWNER), not even by an admin', async () => {
      const created = await createTeam('sam@example.com');
      await addMember('sam@example.com', created.id, 'bob@example.com', 'member');
      const samId = user('sam@example.com');
      expectProblem(await addMember('sam@example.com', created.id, 'sam@example.com', 'member'), 409, 'LAST_OWNER');
      expectProblem(await t.http().delete(`/api/teams/${created.id}/members/${samId}`).set(await as('sam@example.com')), 409, 'LAST_OWNER');
      expectProblem(await t.http().delete(`/api/teams/${created.id}/members/${samId}`).set(await as('admin@example.com')), 409, 'LAST_OWNER');
      expectProblem(await addMember('admin@example.com', created.id, 'sam@example.com', 'member'), 409, 'LAST_OWNER');
      const detail = await t.http().get(`/api/teams/${created.id}`).set(await as('sam@example.com'));
      expect(memberRoles(detail.body)).toEqual({ 'bob@example.com': 'member', 'sam@example.com': 'owner' });
    });

    it('can leave once another owner exists, who is then protected in turn', async () => {
      const created = await createTeam('sam@example.com');
      expect((await addMember('sam@example.com', created.id, 'bob@example.com', 'owner')).status).toBe(201);
      expect((await addMember('sam@example.com', created.id, 'sam@example.com', 'member')).status).toBe(200);
      expect((await t.http().delete(`/api/teams/${created.id}/members/${user('sam@example.com')}`).set(await as('sam@example.com'))).status).toBe(204);
      expectProblem(await addMember('bob@example.com', created.id, 'bob@example.com', 'member'), 409, 'LAST_OWNER');
      const detail = await t.http().get(`/api/teams/${created.id}`).set(await as('bob@example.com'));
      expect(memberRoles(detail.body)).toEqual({ 'bob@example.com': 'owner' });
    });
  });
});
