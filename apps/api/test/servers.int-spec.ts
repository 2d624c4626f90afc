/* Virtual servers and their tools: /servers, /servers/:serverId, /servers/:serverId/tools[/:toolName[/invoke]]. */
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { ToolEntity } from '../src/servers/tool.entity';
import { VirtualServerEntity } from '../src/servers/virtual-server.entity';
import { expectProblem, startTestApp, type TestApp } from './harness';

interface Tool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  resource: string | null;
  target: { type: 'echo' | 'http'; url?: string; timeoutMs?: number };
}
interface ServerDetail {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  ownerEmail: string;
  teamId: string | null;
  teamName: string | null;
  toolCount: number;
  tools: Tool[];
  permissions: { update: boolean; delete: boolean; manageTools: boolean; invoke: boolean };
}

const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/** A real HTTP upstream on 127.0.0.1 for http tool targets; records what it receives. */
interface Upstream {
  url: (path: string) => string;
  received: { path: string; method: string; contentType: string | undefined; body: unknown }[];
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function startUpstream(): Promise<Upstream> {
  const received: Upstream['received'] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createHttpServer((req, res) => {
    void readBody(req).then((text) => {
      const path = req.url ?? '/';
      received.push({ path, method: req.method ?? '', contentType: req.headers['content-type'], body: text ? JSON.parse(text) : undefined });
      switch (path) {
        case '/ok':
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: JSON.parse(text || '{}'), ok: true }));
          return;
        case '/text':
          res.writeHead(200, { 'content-type': 'text/plain' }).end('plain answer');
          return;
        case '/fail':
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"boom"}');
          return;
        case '/bad-json':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{not json');
          return;
        case '/redirect':
          res.writeHead(302, { location: 'http://example.com/' }).end();
          return;
        case '/slow': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"late":true}');
          }, 1_500);
          timers.add(timer);
          return;
        }
        default:
          res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('servers and tools', () => {
  let t: TestApp;
  let upstream: Upstream;
  const userIds = new Map<string, string>();
  const teamIds = new Map<string, string>();
  const demoServers = new Map<string, string>();

  beforeAll(async () => {
    upstream = await startUpstream();
    t = await startTestApp({ PLUGBOARD_UPSTREAM_ALLOWLIST: '127.0.0.1' });
    const admin = bearer(await t.token('admin@example.com'));
    for (const u of (await t.http().get('/api/admin/users').set(admin)).body.items as { id: string; email: string }[]) userIds.set(u.email, u.id);
    for (const x of (await t.http().get('/api/teams').set(admin)).body.items as { id: string; slug: string }[]) teamIds.set(x.slug, x.id);
    for (const s of (await t.http().get('/api/servers').set(admin)).body.items as ServerDetail[]) demoServers.set(s.name, s.id);
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  const as = async (email: string): Promise<{ Authorization: string }> => bearer(await t.token(email));
  const lookup = (map: Map<string, string>, key: string): string => {
    const value = map.get(key);
    if (!value) throw new Error(`unknown ${key}`);
    return value;
  };
  const team = (slug: string): string => lookup(teamIds, slug);
  const demo = (name: string): string => lookup(demoServers, name);
  const serverCount = (): Promise<number> => t.dataSource.getRepository(VirtualServerEntity).count();
  const toolCount = (): Promise<number> => t.dataSource.getRepository(ToolEntity).count();
  const uniqueName = (prefix = 'srv'): string => `${prefix}-${randomUUID().slice(0, 8)}`;

  /** Creates a server as `email`; the name is unique unless given. */
  async function createServer(email: string, overrides: Record<string, unknown> = {}): Promise<ServerDetail> {
    const res = await t.http().post('/api/servers').set(await as(email)).send({ name: uniqueName(), ...overrides });
    if (res.status !== 201) throw new Error(`create server: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as ServerDetail;
  }

  async function postTool(email: string, serverId: string, body: Record<string, unknown>): Promise<Response> {
    return t.http().post(`/api/servers/${serverId}/tools`).set(await as(email)).send(body);
  }

  /** Adds a tool as `email` (an echo tool unless overridden). */
  async function createTool(email: string, serverId: string, overrides: Record<string, unknown> = {}): Promise<Tool> {
    const res = await postTool(email, serverId, { name: uniqueName('tool'), target: { type: 'echo' }, ...overrides });
    if (res.status !== 201) throw new Error(`create tool: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Tool;
  }

  async function invoke(email: string, serverId: string, tool: string, body: unknown = {}): Promise<Response> {
    return t.http().post(`/api/servers/${serverId}/tools/${tool}/invoke`).set(await as(email)).send(body as object);
  }

  const names = (res: Response): string[] => (res.body.items as ServerDetail[]).map((s) => s.name);

  describe('GET /servers', () => {
    it('shows an admin every server with owner, team and tool count', async () => {
      const res = await t.http().get('/api/servers').set(await as('admin@example.com'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(names(res)).toEqual(['dev_tools', 'external_api', 'production_tools']);
      expect(res.body.items[1]).toMatchObject({
        name: 'external_api', ownerEmail: 'bob@example.com', ownerId: userIds.get('bob@example.com'),
        teamId: team('security'), teamName: 'Security', toolCount: 2,
      });
    });

    it.each([
      ['alice@example.com', ['dev_tools', 'production_tools']],
      ['olivia@example.com', ['dev_tools', 'production_tools']],
      ['bob@example.com', ['external_api']],
      ['sam@example.com', ['external_api']],
    ])('shows %s the servers they own or share a team with', async (email, expected) => {
      const res = await t.http().get('/api/servers').set(await as(email));
      expect(res.status).toBe(200);
      expect(names(res)).toEqual(expected);
      expect(res.body.total).toBe(expected.length);
    });

    it('shows a server without a team to its owner and admins only', async () => {
      const personal = await createServer('alice@example.com', { name: 'alice-personal' });
      expect(names(await t.http().get('/api/servers').set(await as('alice@example.com')))).toContain(personal.name);
      expect(names(await t.http().get('/api/servers').set(await as('admin@example.com')))).toContain(personal.name);
      expect(names(await t.http().get('/api/servers').set(await as('olivia@example.com')))).not.toContain(personal.name);
    });

    it('filters by team and name and pages', async () => {
      const admin = await as('admin@example.com');
      expect(names(await t.http().get(`/api/servers?teamId=${team('engineering')}`).set(admin))).toEqual(['dev_tools', 'production_tools']);
      expect(names(await t.http().get(`/api/servers?teamId=${team('security')}`).set(await as('alice@example.com')))).toEqual([]);
      expect(names(await t.http().get('/api/servers?q=PROD').set(admin))).toEqual(['production_tools']);
      // "_" is taken literally, so "alice-personal" does not match.
      expect(names(await t.http().get('/api/servers?q=_').set(admin))).toEqual(['dev_tools', 'external_api', 'production_tools']);
      const all = await t.http().get('/api/servers').set(admin);
      const page = await t.http().get('/api/servers?limit=2&offset=1').set(admin);
      expect(page.body).toMatchObject({ total: all.body.total, limit: 2, offset: 1 });
      expect(names(page)).toEqual(names(all).slice(1, 3));
    });

    it('validates the query', async () => {
      const admin = await as('admin@example.com');
      const bad = await t.http().get('/api/servers?teamId=engineering&limit=1000&owner=me').set(admin);
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect((bad.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/teamId', '/limit', '/owner']));
    });

    it('refuses viewers (403) and anonymous callers (401)', async () => {
      expectProblem(await t.http().get('/api/servers').set(await as('victor@example.com')), 403, 'FORBIDDEN');
      expectProblem(await t.http().get('/api/servers'), 401, 'UNAUTHENTICATED');
    });
  });

  describe('POST /servers', () => {
    it('creates a server in one of the caller\'s teams', async () => {
      const res = await t.http().post('/api/servers').set(await as('alice@example.com')).send({ name: 'alice.team-server_1', description: 'Team tools', teamId: team('engineering') });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'alice.team-server_1', description: 'Team tools', ownerId: userIds.get('alice@example.com'), ownerEmail: 'alice@example.com',
        teamId: team('engineering'), teamName: 'Engineering', toolCount: 0, tools: [],
        permissions: { update: true, delete: true, manageTools: true, invoke: true },
      });
      // Its team sees it.
      expect((await t.http().get(`/api/servers/${res.body.id}`).set(await as('olivia@example.com'))).status).toBe(200);
    });

    it('creates a server without a team', async () => {
      const created = await createServer('bob@example.com', { description: undefined });
      expect(created).toMatchObject({ teamId: null, teamName: null, description: '', ownerEmail: 'bob@example.com' });
    });

    it('answers 404 for a team the caller is not in, or that does not exist, and writes nothing', async () => {
      const before = await serverCount();
      const alice = await as('alice@example.com');
      expectProblem(await t.http().post('/api/servers').set(alice).send({ name: uniqueName(), teamId: team('security') }), 404, 'NOT_FOUND');
      expectProblem(await t.http().post('/api/servers').set(alice).send({ name: uniqueName(), teamId: randomUUID() }), 404, 'NOT_FOUND');
      expectProblem(await t.http().post('/api/servers').set(await as('admin@example.com')).send({ name: uniqueName(), teamId: randomUUID() }), 404, 'NOT_FOUND');
      expect(await serverCount()).toBe(before);
    });

    it('lets an admin create a server in any team', async () => {
      const created = await createServer('admin@example.com', { teamId: team('security') });
      expect(created).toMatchObject({ teamId: team('security'), ownerEmail: 'admin@example.com' });
    });

    it('refuses viewers with 403 and writes nothing', async () => {
      const before = await serverCount();
      expectProblem(await t.http().post('/api/servers').set(await as('victor@example.com')).send({ name: uniqueName() }), 403, 'FORBIDDEN');
      expect(await serverCount()).toBe(before);
    });

    it('answers 409 ALREADY_EXISTS for a name in use, whoever owns it', async () => {
      const before = await serverCount();
      expectProblem(await t.http().post('/api/servers').set(await as('sam@example.com')).send({ name: 'production_tools' }), 409, 'ALREADY_EXISTS');
      expect(await serverCount()).toBe(before);
    });

    it('gives exactly one of several concurrent creates of one name, the rest 409', async () => {
      const alice = await as('alice@example.com');
      const name = uniqueName('race');
      const results = await Promise.all(Array.from({ length: 6 }, () => t.http().post('/api/servers').set(alice).send({ name })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const res of results.filter((r) => r.status === 409)) expectProblem(res, 409, 'ALREADY_EXISTS');
      expect(await t.dataSource.getRepository(VirtualServerEntity).countBy({ name })).toBe(1);
    });

    it.each([
      ['a name with spaces', { name: 'has space' }, '/name'],
      ['a name starting with a dash', { name: '-lead' }, '/name'],
      ['a name of 101 characters', { name: 'a'.repeat(101) }, '/name'],
      ['an empty name', { name: '' }, '/name'],
      ['a missing name', { name: undefined }, '/name'],
      ['a description of 2001 characters', { description: 'd'.repeat(2001) }, '/description'],
      ['a malformed team id', { teamId: 'engineering' }, '/teamId'],
      ['an owner id', { ownerId: randomUUID() }, '/ownerId'],
    ])('refuses %s with 400 and writes nothing', async (_label, overrides, pointer) => {
      const before = await serverCount();
      const res = await t.http().post('/api/servers').set(await as('alice@example.com')).send({ name: uniqueName(), ...overrides });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer);
      expect(await serverCount()).toBe(before);
    });
  });

  describe('GET /servers/:serverId', () => {
    let oliviaServer: ServerDetail;
    beforeAll(async () => {
      oliviaServer = await createServer('olivia@example.com', { teamId: team('engineering') });
    });

    it('shows the owner the server with its tools and full permissions', async () => {
      const res = await t.http().get(`/api/servers/${demo('production_tools')}`).set(await as('alice@example.com'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'production_tools', toolCount: 2, permissions: { update: true, delete: true, manageTools: true, invoke: true } });
      expect(res.body.tools).toEqual([
        { name: 'echo', description: 'Answers its arguments', inputSchema: { type: 'object', additionalProperties: true }, resource: null, target: { type: 'echo' } },
        expect.objectContaining({ name: 'search', resource: 'kb.internal', target: { type: 'echo' } }),
      ]);
    });

    it.each([
      ['a team member', 'alice@example.com', 'olivia'],
      ['the team owner', 'olivia@example.com', 'production_tools'],
    ])('shows %s the server read-only', async (_label, email, which) => {
      const id = which === 'olivia' ? oliviaServer.id : demo(which);
      const res = await t.http().get(`/api/servers/${id}`).set(await as(email));
      expect(res.status).toBe(200);
      expect(res.body.permissions).toEqual({ update: false, delete: false, manageTools: false, invoke: true });
    });

    it('shows an admin any server with full permissions', async () => {
      const res = await t.http().get(`/api/servers/${demo('external_api')}`).set(await as('admin@example.com'));
      expect(res.status).toBe(200);
      expect(res.body.permissions.update).toBe(true);
    });

    it('answers 404 to strangers and for unknown or malformed ids; 403 to viewers', async () => {
      const bob = await as('bob@example.com');
      expectProblem(await t.http().get(`/api/servers/${demo('production_tools')}`).set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(`/api/servers/${oliviaServer.id}`).set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(`/api/servers/${randomUUID()}`).set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().get('/api/servers/production_tools').set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(`/api/servers/${demo('production_tools')}`).set(await as('victor@example.com')), 403, 'FORBIDDEN');
    });
  });

  describe('PATCH and DELETE /servers/:serverId', () => {
    it('lets the owner and an admin change name and description', async () => {
      const created = await createServer('alice@example.com', { teamId: team('engineering') });
      const renamed = uniqueName('renamed');
      const byOwner = await t.http().patch(`/api/servers/${created.id}`).set(await as('alice@example.com')).send({ name: renamed, description: 'now described' });
      expect(byOwner.status).toBe(200);
      expect(byOwner.body).toMatchObject({ id: created.id, name: renamed, description: 'now described' });
      const byAdmin = await t.http().patch(`/api/servers/${created.id}`).set(await as('admin@example.com')).send({ description: 'by admin' });
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body).toMatchObject({ name: renamed, description: 'by admin', ownerEmail: 'alice@example.com' });
      const same = await t.http().patch(`/api/servers/${created.id}`).set(await as('alice@example.com')).send({ name: renamed });
      expect(same.status).toBe(200);
      expect(await t.dataSource.getRepository(VirtualServerEntity).findOneByOrFail({ id: created.id })).toMatchObject({ name: renamed, description: 'by admin' });
    });

    it('refuses team members and team owners (403) and strangers (404), changing nothing', async () => {
      const oliviaServer = await createServer('olivia@example.com', { teamId: team('engineering') });
      const cases: [string, string, string, number, string][] = [
        ['team member', 'alice@example.com', oliviaServer.id, 403, 'FORBIDDEN'],
        ['team owner', 'olivia@example.com', demo('production_tools'), 403, 'FORBIDDEN'],
        ['stranger', 'bob@example.com', oliviaServer.id, 404, 'NOT_FOUND'],
        ['viewer', 'victor@example.com', oliviaServer.id, 403, 'FORBIDDEN'],
      ];
      for (const [label, email, id, status, code] of cases) {
        const auth = await as(email);
        try {
          expectProblem(await t.http().patch(`/api/servers/${id}`).set(auth).send({ description: 'hijacked' }), status, code);
          expectProblem(await t.http().delete(`/api/servers/${id}`).set(auth), status, code);
        } catch (error) {
          throw new Error(`${label}: ${(error as Error).message}`);
        }
      }
      const servers = t.dataSource.getRepository(VirtualServerEntity);
      expect((await servers.findOneByOrFail({ id: oliviaServer.id })).description).toBe('');
      expect((await servers.findOneByOrFail({ id: demo('production_tools') })).description).toBe('Tools for production operations');
    });

    it('answers 409 ALREADY_EXISTS when renaming to a name in use', async () => {
      const created = await createServer('bob@example.com');
      expectProblem(await t.http().patch(`/api/servers/${created.id}`).set(await as('bob@example.com')).send({ name: 'dev_tools' }), 409, 'ALREADY_EXISTS');
    });

    it('validates the body', async () => {
      const res = await t.http().patch(`/api/servers/${demo('external_api')}`).set(await as('bob@example.com')).send({ name: 'bad name', teamId: team('engineering') });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/name', '/teamId']));
    });

    it('lets the owner delete a server with its tools; then it is 404', async () => {
      const created = await createServer('bob@example.com');
      await createTool('bob@example.com', created.id);
      expect((await t.http().delete(`/api/servers/${created.id}`).set(await as('bob@example.com'))).status).toBe(204);
      expectProblem(await t.http().get(`/api/servers/${created.id}`).set(await as('bob@example.com')), 404, 'NOT_FOUND');
      expect(await t.dataSource.getRepository(ToolEntity).countBy({ serverId: created.id })).toBe(0);
      expectProblem(await t.http().delete(`/api/servers/${created.id}`).set(await as('bob@example.com')), 404, 'NOT_FOUND');
    });

    it('lets an admin delete anyone\'s server', async () => {
      const created = await createServer('sam@example.com');
      expect((await t.http().delete(`/api/servers/${created.id}`).set(await as('admin@example.com'))).status).toBe(204);
      expect(await t.dataSource.getRepository(VirtualServerEntity).existsBy({ id: created.id })).toBe(false);
    });
  });

  describe('tools', () => {
    it('lists a server\'s tools to those who may read it', async () => {
      const id = demo('production_tools');
      for (const email of ['alice@example.com', 'olivia@example.com', 'admin@example.com']) {
        const res = await t.http().get(`/api/servers/${id}/tools`).set(await as(email));
        expect(res.status).toBe(200);
        expect((res.body as Tool[]).map((x) => x.name)).toEqual(['echo', 'search']);
      }
      expectProblem(await t.http().get(`/api/servers/${id}/tools`).set(await as('bob@example.com')), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(`/api/servers/${id}/tools`).set(await as('victor@example.com')), 403, 'FORBIDDEN');
    });

    it('adds an echo tool with defaults, listed and counted', async () => {
      const server = await createServer('alice@example.com');
      const res = await postTool('alice@example.com', server.id, { name: 'greet', target: { type: 'echo' } });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ name: 'greet', description: '', inputSchema: { type: 'object', additionalProperties: true }, resource: null, target: { type: 'echo' } });
      const detail = await t.http().get(`/api/servers/${server.id}`).set(await as('alice@example.com'));
      expect(detail.body.toolCount).toBe(1);
      expect(detail.body.tools).toEqual([res.body]);
    });

    it('adds a tool with a schema, description, resource and an allowlisted http target', async () => {
      const server = await createServer('alice@example.com');
      const body = {
        name: 'lookup',
        description: 'Looks things up',
        resource: 'kb.internal',
        inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
        target: { type: 'http', url: upstream.url('/ok'), timeoutMs: 5_000 },
      };
      const res = await postTool('alice@example.com', server.id, body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual(body);
    });

    it.each([
      ['a host outside the allowlist', 'https://example.com/hook'],
      ['localhost (only 127.0.0.1 is allowlisted)', 'http://localhost:9/x'],
      ['a look-alike host', 'http://127.0.0.1.example.com/x'],
    ])('refuses an http target at %s with 403 UPSTREAM_NOT_ALLOWED', async (_label, url) => {
      const before = await toolCount();
      expectProblem(await postTool('alice@example.com', demo('dev_tools'), { name: uniqueName('tool'), target: { type: 'http', url } }), 403, 'UPSTREAM_NOT_ALLOWED');
      expect(await toolCount()).toBe(before);
    });

    it.each([
      ['a target URL that is not a URL', { target: { type: 'http', url: 'not a url' } }, '/target/url'],
      ['a non-http target URL', { target: { type: 'http', url: 'ftp://127.0.0.1/file' } }, '/target/url'],
      ['credentials in the target URL', { target: { type: 'http', url: 'http://user:pw@127.0.0.1/' } }, '/target/url'],
      ['an http target without URL', { target: { type: 'http' } }, '/target/url'],
      ['an echo target with a URL', { target: { type: 'echo', url: 'http://127.0.0.1/' } }, '/target/url'],
      ['an unknown target type', { target: { type: 'grpc' } }, '/target/type'],
      ['a timeout under 100 ms', { target: { type: 'echo', timeoutMs: 5 } }, '/target/timeoutMs'],
      ['a missing target', { target: undefined }, '/target'],
      ['a target that is a string', { target: 'echo' }, '/target'],
      ['an input schema that is not JSON Schema', { inputSchema: { type: 'nonsense' } }, '/inputSchema'],
      ['an input schema that is an array', { inputSchema: [] }, '/inputSchema'],
      ['an asynchronous input schema', { inputSchema: { $async: true, type: 'object' } }, '/inputSchema'],
      ['a bad tool name', { name: 'two words' }, '/name'],
    ])('refuses %s with 400 and writes nothing', async (_label, overrides, pointer) => {
      const before = await toolCount();
      const res = await postTool('alice@example.com', demo('dev_tools'), { name: uniqueName('tool'), target: { type: 'echo' }, ...overrides });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toContain(pointer);
      expect(await toolCount()).toBe(before);
    });

    it('keeps the input schemas of different tools apart, even with the same $id', async () => {
      const first = await createServer('alice@example.com');
      const second = await createServer('bob@example.com');
      await createTool('alice@example.com', first.id, { name: 'ided', inputSchema: { $id: 'https://example.com/args', type: 'object', required: ['a'] } });
      await createTool('bob@example.com', second.id, { name: 'ided', inputSchema: { $id: 'https://example.com/args', type: 'object', required: ['b'] } });
      expect((await invoke('alice@example.com', first.id, 'ided', { arguments: { a: 1 } })).status).toBe(200);
      expectProblem(await invoke('alice@example.com', first.id, 'ided', { arguments: { b: 1 } }), 422, 'ARGUMENTS_INVALID');
      expect((await invoke('bob@example.com', second.id, 'ided', { arguments: { b: 1 } })).status).toBe(200);
      expectProblem(await invoke('bob@example.com', second.id, 'ided', { arguments: { a: 1 } }), 422, 'ARGUMENTS_INVALID');
    });

    it('answers 409 ALREADY_EXISTS for a tool name the server already has, even under concurrency', async () => {
      const server = await createServer('alice@example.com');
      expectProblem(await postTool('alice@example.com', demo('dev_tools'), { name: 'echo', target: { type: 'echo' } }), 409, 'ALREADY_EXISTS');
      const results = await Promise.all(Array.from({ length: 5 }, () => postTool('alice@example.com', server.id, { name: 'racer', target: { type: 'echo' } })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await t.dataSource.getRepository(ToolEntity).countBy({ serverId: server.id, name: 'racer' })).toBe(1);
    });

    it('deletes a tool; a second delete and an unknown tool are 404', async () => {
      const server = await createServer('alice@example.com');
      const tool = await createTool('alice@example.com', server.id);
      const alice = await as('alice@example.com');
      expect((await t.http().delete(`/api/servers/${server.id}/tools/${tool.name}`).set(alice)).status).toBe(204);
      expect((await t.http().get(`/api/servers/${server.id}/tools`).set(alice)).body).toEqual([]);
      expectProblem(await t.http().delete(`/api/servers/${server.id}/tools/${tool.name}`).set(alice), 404, 'NOT_FOUND');
      expectProblem(await t.http().delete(`/api/servers/${server.id}/tools/nope`).set(alice), 404, 'NOT_FOUND');
    });

    it('lets only the owner and admins manage tools: team members 403, strangers 404, viewers 403', async () => {
      const id = demo('production_tools');
      const before = await toolCount();
      const cases: [string, number, string][] = [
        ['olivia@example.com', 403, 'FORBIDDEN'],
        ['bob@example.com', 404, 'NOT_FOUND'],
        ['victor@example.com', 403, 'FORBIDDEN'],
      ];
      for (const [email, status, code] of cases) {
        const auth = await as(email);
        expectProblem(await t.http().post(`/api/servers/${id}/tools`).set(auth).send({ name: 'intruder', target: { type: 'echo' } }), status, code);
        expectProblem(await t.http().delete(`/api/servers/${id}/tools/echo`).set(auth), status, code);
      }
      expect(await toolCount()).toBe(before);
      const adminTool = await createTool('admin@example.com', id, { name: 'added-by-admin' });
      expect(adminTool.name).toBe('added-by-admin');
      expect((await t.http().delete(`/api/servers/${id}/tools/added-by-admin`).set(await as('admin@example.com'))).status).toBe(204);
    });
  });

  describe('POST /servers/:serverId/tools/:toolName/invoke', () => {
    it('runs an echo tool: its arguments come back with a trace', async () => {
      const args = { text: 'hello', nested: { list: [1, 'two', { three: true }], nothing: null }, emoji: '🔌' };
      const res = await invoke('alice@example.com', demo('production_tools'), 'echo', { arguments: args });
      expect(res.status).toBe(200);
      expect(res.body.result).toEqual(args);
      expect(Array.isArray(res.body.trace)).toBe(true);
      expect(res.body.durationMs).toEqual(expect.any(Number));
    });

    it('treats missing arguments as an empty object', async () => {
      const res = await invoke('alice@example.com', demo('production_tools'), 'echo');
      expect(res.status).toBe(200);
      expect(res.body.result).toEqual({});
    });

    it('lets team members and owners and admins invoke; strangers 404, viewers 403, unknown tools 404', async () => {
      const id = demo('production_tools');
      for (const email of ['olivia@example.com', 'admin@example.com']) {
        expect((await invoke(email, id, 'search', { arguments: { q: 'x' } })).body.result).toEqual({ q: 'x' });
      }
      expectProblem(await invoke('bob@example.com', id, 'echo'), 404, 'NOT_FOUND');
      expectProblem(await invoke('victor@example.com', id, 'echo'), 403, 'FORBIDDEN');
      expectProblem(await invoke('alice@example.com', id, 'missing'), 404, 'NOT_FOUND');
      expectProblem(await invoke('alice@example.com', randomUUID(), 'echo'), 404, 'NOT_FOUND');
    });

    it('answers 422 ARGUMENTS_INVALID with pointers when the arguments do not match the input schema', async () => {
      const server = await createServer('alice@example.com');
      await createTool('alice@example.com', server.id, {
        name: 'typed',
        inputSchema: { type: 'object', properties: { count: { type: 'integer', minimum: 1 }, label: { type: 'string' } }, required: ['label'], additionalProperties: false },
      });
      const res = await invoke('alice@example.com', server.id, 'typed', { arguments: { count: 0, extra: true } });
      expectProblem(res, 422, 'ARGUMENTS_INVALID');
      expect((res.body.errors as { pointer: string }[]).map((e) => e.pointer)).toEqual(expect.arrayContaining(['/count', '/']));
      const ok = await invoke('alice@example.com', server.id, 'typed', { arguments: { count: 2, label: 'fine' } });
      expect(ok.body.result).toEqual({ count: 2, label: 'fine' });
    });

    it('refuses arguments that are not an object with 400', async () => {
      for (const args of [[1, 2], 'text', 5]) {
        const res = await invoke('alice@example.com', demo('production_tools'), 'echo', { arguments: args });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(res.body.errors[0].pointer).toBe('/arguments');
      }
    });

    describe('http targets against a real upstream', () => {
      let server: ServerDetail;
      beforeAll(async () => {
        server = await createServer('bob@example.com', { teamId: team('security') });
        const tools: [string, string, number | undefined][] = [
          ['ok', '/ok', undefined], ['text', '/text', undefined], ['fail', '/fail', undefined],
          ['bad-json', '/bad-json', undefined], ['redirect', '/redirect', undefined], ['slow', '/slow', 200],
        ];
        for (const [name, path, timeoutMs] of tools) {
          await createTool('bob@example.com', server.id, { name, target: { type: 'http', url: upstream.url(path), ...(timeoutMs ? { timeoutMs } : {}) } });
        }
      });

      it('POSTs the arguments as JSON and answers the upstream\'s JSON', async () => {
        const res = await invoke('sam@example.com', server.id, 'ok', { arguments: { q: 'plugboard', n: 3 } });
        expect(res.status).toBe(200);
        expect(res.body.result).toEqual({ received: { q: 'plugboard', n: 3 }, ok: true });
        expect(upstream.received.at(-1)).toEqual({ path: '/ok', method: 'POST', contentType: 'application/json', body: { q: 'plugboard', n: 3 } });
      });

      it('answers a non-JSON upstream body as text', async () => {
        const res = await invoke('bob@example.com', server.id, 'text');
        expect(res.status).toBe(200);
        expect(res.body.result).toBe('plain answer');
      });

      it.each([
        ['answers 500', 'fail'],
        ['answers invalid JSON', 'bad-json'],
        ['redirects elsewhere', 'redirect'],
      ])('answers 502 UPSTREAM_FAILED when the upstream %s', async (_label, tool) => {
        const res = await invoke('bob@example.com', server.id, tool);
        expectProblem(res, 502, 'UPSTREAM_FAILED');
        expect(JSON.stringify(res.body)).not.toContain('boom');
      });

      it('answers 502 UPSTREAM_FAILED when nothing listens upstream', async () => {
        const port = await closedPort();
        await createTool('bob@example.com', server.id, { name: 'closed', target: { type: 'http', url: `http://127.0.0.1:${port}/` } });
        expectProblem(await invoke('bob@example.com', server.id, 'closed'), 502, 'UPSTREAM_FAILED');
      });

      it('answers 504 UPSTREAM_TIMEOUT when the upstream is slower than the tool\'s timeoutMs', async () => {
        const started = Date.now();
        expectProblem(await invoke('bob@example.com', server.id, 'slow'), 504, 'UPSTREAM_TIMEOUT');
        expect(Date.now() - started).toBeLessThan(1_400);
      });
    });
  });
});
