/*
 * Hostile and careless input on every route of auth, users, admin users, teams, servers, tools,
 * resources, prompts, the MCP endpoint, plugin settings, the plugin registry and catalog, the audit
 * log, admin operations (promote, demote, policy snapshots and restore), the usage report,
 * notifications and health: malformed and oversized bodies,
 * unknown fields, wrong types, odd strings, missing credentials, unknown routes. Nothing a client sends
 * may answer 500 or write a row it should not.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import type Test from 'supertest/lib/test';
import { PolicySnapshotService } from '../src/admin-ops/policy-snapshot.service';
import { NotificationsService } from '../src/notifications/notifications.service';
import { expectProblem, GREETER_REGISTRY_ENTRY, startTestApp, writePluginsConfig, type TestApp } from './harness';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Body = Record<string, unknown>;

/** Ids of rows the suite's requests point at; filled once the app runs. */
interface Fixtures {
  aliceId: string;
  bobId: string;
  fuzzUserId: string;
  engineeringId: string;
  fuzzTeamId: string;
  productionToolsId: string;
  fuzzServerId: string;
  tokenId: string;
  snapshotId: string;
  notificationId: string;
}

interface RouteCase {
  method: Method;
  /** The route as Express registers it. */
  route: string;
  path: (f: Fixtures) => string;
  isPublic?: boolean;
  /** A body the route accepts (fresh for each call, so creates never collide). */
  valid?: () => Body;
  /**
   * String fields (dotted paths) to fill with odd strings, on the valid body merged with `base`;
   * `echoed` ones must come back unchanged when accepted.
   */
  strings?: { field: string; echoed?: boolean; base?: Body }[];
  /** Fields with a value of the wrong type, each of which must be reported at its pointer. */
  wrongTypes?: Body;
  /** Fields that must not be null. */
  notNull?: string[];
  /** Takes the paging query (limit, offset, q). */
  paged?: boolean;
}

const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

const ROUTES: RouteCase[] = [
  {
    method: 'post', route: '/api/auth/login', path: () => '/api/auth/login', isPublic: true,
    valid: () => ({ email: 'alice@example.com', password: 'not-the-password' }),
    strings: [{ field: 'email' }, { field: 'password' }],
    wrongTypes: { email: 1, password: true },
    notNull: ['email', 'password'],
  },
  { method: 'post', route: '/api/auth/logout', path: () => '/api/auth/logout', isPublic: true },
  { method: 'get', route: '/api/users/me', path: () => '/api/users/me' },
  { method: 'get', route: '/api/users', path: () => '/api/users', paged: true },
  { method: 'get', route: '/api/users/me/tokens', path: () => '/api/users/me/tokens' },
  {
    method: 'post', route: '/api/users/me/tokens', path: () => '/api/users/me/tokens',
    valid: () => ({ name: unique('fuzz') }),
    strings: [{ field: 'name', echoed: true }],
    wrongTypes: { name: 5, expiresInDays: 'ten' },
    notNull: ['name'],
  },
  { method: 'delete', route: '/api/users/me/tokens/:id', path: (f) => `/api/users/me/tokens/${f.tokenId}` },
  { method: 'get', route: '/api/admin/users', path: () => '/api/admin/users', paged: true },
  {
    method: 'post', route: '/api/admin/users', path: () => '/api/admin/users',
    valid: () => ({ email: `${unique('fuzz')}@example.com`, displayName: 'Fuzz', password: 'fuzz-password' }),
    strings: [{ field: 'email' }, { field: 'displayName', echoed: true }, { field: 'password' }],
    wrongTypes: { email: [], displayName: {}, password: 12345678, platformRole: 1, pluginCustomizationAllowed: 'yes' },
    notNull: ['email', 'displayName', 'password'],
  },
  {
    method: 'patch', route: '/api/admin/users/:id', path: (f) => `/api/admin/users/${f.fuzzUserId}`,
    valid: () => ({ displayName: 'Fuzz target' }),
    strings: [{ field: 'displayName', echoed: true }, { field: 'password' }],
    wrongTypes: { displayName: 1, password: [], platformRole: true, pluginCustomizationAllowed: 'no' },
    notNull: ['displayName', 'password', 'platformRole', 'pluginCustomizationAllowed'],
  },
  { method: 'delete', route: '/api/admin/users/:id', path: (f) => `/api/admin/users/${f.fuzzUserId}` },
  { method: 'get', route: '/api/teams', path: () => '/api/teams', paged: true },
  {
    method: 'post', route: '/api/teams', path: () => '/api/teams',
    valid: () => ({ slug: unique('fuzz'), name: 'Fuzz' }),
    strings: [{ field: 'slug' }, { field: 'name', echoed: true }, { field: 'description', echoed: true }],
    wrongTypes: { slug: 1, name: false, description: [] },
    notNull: ['slug', 'name'],
  },
  { method: 'get', route: '/api/teams/:teamId', path: (f) => `/api/teams/${f.engineeringId}` },
  {
    method: 'patch', route: '/api/teams/:teamId', path: (f) => `/api/teams/${f.fuzzTeamId}`,
    valid: () => ({ name: 'Fuzz team' }),
    strings: [{ field: 'name', echoed: true }, { field: 'description', echoed: true }],
    wrongTypes: { name: 1, description: {} },
    notNull: ['name', 'description'],
  },
  { method: 'delete', route: '/api/teams/:teamId', path: (f) => `/api/teams/${f.fuzzTeamId}` },
  {
    method: 'post', route: '/api/teams/:teamId/members', path: (f) => `/api/teams/${f.fuzzTeamId}/members`,
    valid: () => ({ userId: '00000000-0000-4000-8000-000000000000', role: 'member' }),
    strings: [{ field: 'userId' }, { field: 'role' }],
    wrongTypes: { userId: 1, role: ['owner'] },
    notNull: ['userId', 'role'],
  },
  { method: 'delete', route: '/api/teams/:teamId/members/:userId', path: (f) => `/api/teams/${f.fuzzTeamId}/members/${f.bobId}` },
  { method: 'get', route: '/api/servers', path: () => '/api/servers', paged: true },
  {
    method: 'post', route: '/api/servers', path: () => '/api/servers',
    valid: () => ({ name: unique('fuzz') }),
    strings: [{ field: 'name' }, { field: 'description', echoed: true }, { field: 'teamId' }],
    wrongTypes: { name: 1, description: 2, teamId: 3 },
    notNull: ['name'],
  },
  { method: 'get', route: '/api/servers/:serverId', path: (f) => `/api/servers/${f.productionToolsId}` },
  {
    method: 'patch', route: '/api/servers/:serverId', path: (f) => `/api/servers/${f.fuzzServerId}`,
    valid: () => ({ description: 'fuzzed' }),
    strings: [{ field: 'name' }, { field: 'description', echoed: true }],
    wrongTypes: { name: [], description: true },
    notNull: ['name', 'description'],
  },
  { method: 'delete', route: '/api/servers/:serverId', path: (f) => `/api/servers/${f.fuzzServerId}` },
  { method: 'get', route: '/api/servers/:serverId/tools', path: (f) => `/api/servers/${f.fuzzServerId}/tools` },
  {
    method: 'post', route: '/api/servers/:serverId/tools', path: (f) => `/api/servers/${f.fuzzServerId}/tools`,
    valid: () => ({ name: unique('tool'), target: { type: 'echo' } }),
    strings: [
      { field: 'name' }, { field: 'description', echoed: true }, { field: 'resource', echoed: true },
      { field: 'target.type' }, { field: 'target.url', base: { target: { type: 'http' } } }, { field: 'inputSchema.description' },
    ],
    wrongTypes: { name: 1, description: 2, inputSchema: 'object', resource: 3, target: { type: 4, url: 5, timeoutMs: '1000' } },
    notNull: ['name', 'target'],
  },
  { method: 'delete', route: '/api/servers/:serverId/tools/:toolName', path: (f) => `/api/servers/${f.fuzzServerId}/tools/missing-tool` },
  {
    method: 'post', route: '/api/servers/:serverId/tools/:toolName/invoke', path: (f) => `/api/servers/${f.fuzzServerId}/tools/echo/invoke`,
    valid: () => ({ arguments: { text: 'hello' } }),
    strings: [{ field: 'arguments.text', echoed: true }, { field: 'arguments.nested.deeper' }],
    wrongTypes: { arguments: 'text' },
  },
  { method: 'get', route: '/api/servers/:serverId/resources', path: (f) => `/api/servers/${f.fuzzServerId}/resources` },
  {
    method: 'post', route: '/api/servers/:serverId/resources', path: (f) => `/api/servers/${f.fuzzServerId}/resources`,
    valid: () => ({ uri: `fuzz://${unique('res')}`, name: unique('res'), target: { type: 'text', text: 'fuzz' } }),
    strings: [
      { field: 'uri' }, { field: 'name' }, { field: 'description', echoed: true }, { field: 'mimeType' },
      { field: 'target.type' }, { field: 'target.text', echoed: true }, { field: 'target.url', base: { target: { type: 'http' } } },
    ],
    wrongTypes: { uri: 1, name: 2, description: 3, mimeType: 4, target: { type: 5, text: 6, url: 7, timeoutMs: 'slow' } },
    notNull: ['uri', 'name', 'target'],
  },
  { method: 'delete', route: '/api/servers/:serverId/resources/:resourceId', path: (f) => `/api/servers/${f.fuzzServerId}/resources/${randomUUID()}` },
  {
    method: 'post', route: '/api/servers/:serverId/resources/read', path: (f) => `/api/servers/${f.fuzzServerId}/resources/read`,
    valid: () => ({ uri: 'fuzz://notes' }),
    strings: [{ field: 'uri' }],
    wrongTypes: { uri: 1 },
    notNull: ['uri'],
  },
  { method: 'get', route: '/api/servers/:serverId/prompts', path: (f) => `/api/servers/${f.fuzzServerId}/prompts` },
  {
    method: 'post', route: '/api/servers/:serverId/prompts', path: (f) => `/api/servers/${f.fuzzServerId}/prompts`,
    valid: () => ({ name: unique('prompt'), arguments: [{ name: 'topic', required: true }], template: 'About {{topic}}' }),
    strings: [{ field: 'name' }, { field: 'description', echoed: true }, { field: 'template', echoed: true }, { field: 'arguments.0.name' }, { field: 'arguments.0.description' }],
    wrongTypes: { name: 1, description: 2, arguments: 'topic', template: 3 },
    notNull: ['name', 'template'],
  },
  { method: 'delete', route: '/api/servers/:serverId/prompts/:promptName', path: (f) => `/api/servers/${f.fuzzServerId}/prompts/missing-prompt` },
  {
    method: 'post', route: '/api/servers/:serverId/prompts/:promptName/get', path: (f) => `/api/servers/${f.fuzzServerId}/prompts/fuzz/get`,
    valid: () => ({ arguments: { topic: 'hello' } }),
    strings: [{ field: 'arguments.topic' }, { field: 'arguments.unknown' }],
    wrongTypes: { arguments: 'topic' },
  },
  // The MCP endpoint takes JSON-RPC, not a DTO: its bodies are covered by credentials, malformed JSON and size here, and by mcp.int-spec.
  { method: 'post', route: '/api/servers/:serverId/mcp', path: (f) => `/api/servers/${f.fuzzServerId}/mcp` },
  { method: 'get', route: '/api/servers/:serverId/mcp', path: (f) => `/api/servers/${f.fuzzServerId}/mcp` },
  { method: 'delete', route: '/api/servers/:serverId/mcp', path: (f) => `/api/servers/${f.fuzzServerId}/mcp` },
  ...(['team', 'user', 'server'] as const).flatMap((level): RouteCase[] => {
    const base = (f: Fixtures): string =>
      level === 'team' ? `/api/teams/${f.fuzzTeamId}/plugins` : level === 'user' ? '/api/users/me/plugins' : `/api/servers/${f.fuzzServerId}/plugins`;
    const route = level === 'team' ? '/api/teams/:teamId/plugins' : level === 'user' ? '/api/users/me/plugins' : '/api/servers/:serverId/plugins';
    const inherit = level === 'user' ? 'inheritTeamConfig' : 'inheritConfig';
    const write = { wrongTypes: { enabled: 'yes', config: 'x', priority: 'high', [inherit]: 1, version: 'v', autoEnableRequirements: 'no', dryRun: 'x' }, notNull: ['enabled'] };
    return [
      { method: 'get', route, path: base },
      {
        method: 'post', route, path: base, ...write,
        valid: () => ({ pluginName: 'RegexFilterPlugin', enabled: true, dryRun: true }),
        strings: [{ field: 'pluginName' }, { field: 'reason' }, { field: 'config.note' }],
      },
      {
        method: 'put', route: `${route}/:pluginName`, path: (f) => `${base(f)}/RegexFilterPlugin`, ...write,
        valid: () => ({ enabled: true, dryRun: true }),
        strings: [{ field: 'reason' }, { field: 'config.blocked_patterns.0' }],
      },
      { method: 'delete', route: `${route}/:pluginName`, path: (f) => `${base(f)}/RegexFilterPlugin` },
    ];
  }),
  { method: 'get', route: '/api/plugins', path: () => '/api/plugins' },
  { method: 'get', route: '/api/admin/plugins/global', path: () => '/api/admin/plugins/global' },
  {
    method: 'patch', route: '/api/admin/plugins/global/:pluginName', path: () => '/api/admin/plugins/global/RegexFilterPlugin',
    valid: () => ({ description: 'fuzzed' }),
    strings: [{ field: 'description', echoed: true }, { field: 'reason' }, { field: 'defaultConfig.note' }, { field: 'requires.0' }],
    wrongTypes: { description: 1, enabledGlobally: 'yes', requires: 'AuthenticationPlugin', defaultConfig: 'x', priority: '5', mode: 1, revision: 'v', dryRun: 'x' },
    notNull: ['description', 'enabledGlobally', 'requires', 'defaultConfig', 'priority', 'mode', 'revision'],
  },
  {
    method: 'post', route: '/api/admin/plugins/sync', path: () => '/api/admin/plugins/sync',
    valid: () => ({ dryRun: true }),
    strings: [{ field: 'reason' }],
    wrongTypes: { force: 'yes', dryRun: 1, reason: 5 },
    notNull: ['force', 'dryRun', 'reason'],
  },
  { method: 'get', route: '/api/admin/plugins/audit-log', path: () => '/api/admin/plugins/audit-log' },
  ...([['promote-to-mandatory', 'RegexFilterPlugin'], ['demote-to-optional', 'PIIFilterPlugin']] as const).map(([action, plugin]): RouteCase => ({
    method: 'post', route: `/api/admin/plugins/:pluginName/${action}`, path: () => `/api/admin/plugins/${plugin}/${action}`,
    valid: () => ({ dryRun: true }),
    strings: [{ field: 'reason' }],
    wrongTypes: { dryRun: 'yes', reason: 5 },
    notNull: ['dryRun', 'reason'],
  })),
  { method: 'get', route: '/api/admin/policy/snapshots', path: () => '/api/admin/policy/snapshots' },
  {
    method: 'post', route: '/api/admin/policy/snapshots/:id/restore', path: (f) => `/api/admin/policy/snapshots/${f.snapshotId}/restore`,
    valid: () => ({ dryRun: true }),
    strings: [{ field: 'reason' }],
    wrongTypes: { dryRun: 1, reason: [] },
    notNull: ['dryRun', 'reason'],
  },
  { method: 'get', route: '/api/admin/plugins/usage-report', path: () => '/api/admin/plugins/usage-report' },
  {
    // The playground writes nothing, whatever it is sent.
    method: 'post', route: '/api/admin/plugins/test', path: () => '/api/admin/plugins/test',
    valid: () => ({ pluginName: 'PIIFilterPlugin', hook: 'tool_pre_invoke', config: {}, payload: { server: { id: 's', name: 's' }, tool: { name: 't', resource: null }, arguments: { q: 'x' } } }),
    strings: [{ field: 'pluginName' }, { field: 'payload.arguments.q' }],
    wrongTypes: { pluginName: 5, hook: 5, config: 'x', payload: 'x' },
    notNull: ['pluginName', 'hook', 'payload'],
  },
  { method: 'get', route: '/api/notifications', path: () => '/api/notifications' },
  { method: 'post', route: '/api/notifications/:id/read', path: (f) => `/api/notifications/${f.notificationId}/read` },
  { method: 'get', route: '/api/health', path: () => '/api/health', isPublic: true },
  { method: 'get', route: '/api/ready', path: () => '/api/ready', isPublic: true },
  { method: 'get', route: '/api/metrics', path: () => '/api/metrics' },
  { method: 'get', route: '/api/bootstrap', path: () => '/api/bootstrap', isPublic: true },
  // Plugin routes (/api/ext/<prefix>): the AuditLoggerPlugin's call log and the example plugin's.
  { method: 'get', route: '/api/ext/audit-logger/calls', path: () => '/api/ext/audit-logger/calls' },
  { method: 'get', route: '/api/ext/acme-greeter/hello', path: () => '/api/ext/acme-greeter/hello' },
  { method: 'get', route: '/api/ext/acme-greeter/ping', path: () => '/api/ext/acme-greeter/ping', isPublic: true },
  { method: 'get', route: '/api/plugins/:pluginName/me/role', path: () => '/api/plugins/AuditLoggerPlugin/me/role' },
  {
    // No built-in plugin declares a role yet: every grant here is a 422 (or 400/404), writing nothing.
    method: 'put', route: '/api/admin/plugins/:pluginName/roles/:userId', path: (f) => `/api/admin/plugins/AuditLoggerPlugin/roles/${f.aliceId}`,
    valid: () => ({ role: 'auditor' }),
    strings: [{ field: 'role' }],
    wrongTypes: { role: 5 },
    notNull: ['role'],
  },
  { method: 'delete', route: '/api/admin/plugins/:pluginName/roles/:userId', path: (f) => `/api/admin/plugins/AuditLoggerPlugin/roles/${f.aliceId}` },
];

const ODD_STRINGS: [string, string][] = [
  ['a NUL byte', 'nul\u0000byte'],
  ['10,000 characters', 'x'.repeat(10_000)],
  ['emoji', '🚀 plug 🔌 👩🏽‍💻'],
  ['SQL', "'; DROP TABLE users; --"],
  ['a SQL boolean', '" OR 1=1 --'],
  ['LIKE wildcards', '%_%\\'],
  ['markup', '<img src=x onerror=alert(1)>'],
  ['control and bidi characters', '\u202Eevil\u0007\u001b[31m'],
  ['an unpaired surrogate', 'half \ud800 pair'],
  ['whitespace only', '   '],
  ['a path traversal', '../../etc/passwd'],
];

const TABLES = ['users', 'api_tokens', 'teams', 'team_memberships', 'virtual_servers', 'tools', 'server_resources', 'server_prompts'] as const;

const key = (r: RouteCase): string => `${r.method.toUpperCase()} ${r.route}`;
const bodyRoutes = ROUTES.filter((r) => r.valid);

function setPath(target: Body, dotted: string, value: unknown): Body {
  const copy = structuredClone(target);
  const parts = dotted.split('.');
  let node: Body = copy;
  for (const part of parts.slice(0, -1)) {
    node[part] = typeof node[part] === 'object' && node[part] !== null ? node[part] : {};
    node = node[part] as Body;
  }
  node[parts.at(-1) as string] = value;
  return copy;
}

/** Percent-encodes for a URL; an unpaired surrogate becomes the (invalid UTF-8) bytes ED A0 80. */
function urlEncode(value: string): string {
  return Array.from(value, (c) => (/\p{Cs}/u.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
}

const pointers = (res: Response): string[] => ((res.body.errors ?? []) as { pointer: string }[]).map((e) => e.pointer);

describe('hardening of every route', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let f: Fixtures;

  let configDir: string;

  beforeAll(async () => {
    // With the example third-party plugin in the registry, so its routes answer like any other.
    configDir = mkdtempSync(join(tmpdir(), 'pb-hardening-'));
    t = await startTestApp({ PLUGBOARD_PLUGINS_CONFIG: writePluginsConfig(join(configDir, 'plugins.config.yaml'), GREETER_REGISTRY_ENTRY) });
    admin = { Authorization: `Bearer ${await t.token('admin@example.com')}` };
    const users = (await t.http().get('/api/admin/users').set(admin)).body.items as { id: string; email: string }[];
    const userId = (email: string): string => users.find((u) => u.email === email)?.id ?? '';
    const fuzzUser = await t.http().post('/api/admin/users').set(admin).send({ email: 'fuzz-target@example.com', displayName: 'Fuzz target', password: 'fuzz-password' });
    const teams = (await t.http().get('/api/teams').set(admin)).body.items as { id: string; slug: string }[];
    const fuzzTeam = await t.http().post('/api/teams').set(admin).send({ slug: 'fuzz-team', name: 'Fuzz team' });
    const servers = (await t.http().get('/api/servers').set(admin)).body.items as { id: string; name: string }[];
    const fuzzServer = await t.http().post('/api/servers').set(admin).send({ name: 'fuzz-server' });
    const tool = await t.http().post(`/api/servers/${fuzzServer.body.id}/tools`).set(admin).send({ name: 'echo', target: { type: 'echo' } });
    const prompt = await t.http().post(`/api/servers/${fuzzServer.body.id}/prompts`).set(admin).send({ name: 'fuzz', arguments: [{ name: 'topic' }], template: 'About {{topic}}' });
    const resource = await t.http().post(`/api/servers/${fuzzServer.body.id}/resources`).set(admin).send({ uri: 'fuzz://notes', name: 'notes', target: { type: 'text', text: 'notes' } });
    expect([prompt.status, resource.status]).toEqual([201, 201]);
    const token = await t.http().post('/api/users/me/tokens').set(admin).send({ name: 'fuzz-token' });
    expect([fuzzUser.status, fuzzTeam.status, fuzzServer.status, tool.status, token.status]).toEqual([201, 201, 201, 201, 201]);
    const snapshot = await t.app.get(PolicySnapshotService).take(t.dataSource.manager, 'manual', { id: null, email: 'fuzz', requestId: null }, 'fuzz fixture');
    const adminId = userId('admin@example.com');
    await t.app.get(NotificationsService).notifyTeamOwners(t.dataSource.manager, [{ id: 'fuzz', slug: 'fuzz', name: 'Fuzz', owners: [{ userId: adminId, email: 'admin@example.com' }] }], {
      kind: 'fuzz', title: 'Fuzz fixture', body: '', data: {},
    });
    const [notification] = (await t.dataSource.query(`SELECT id FROM notifications WHERE user_id = '${adminId}'`)) as { id: string }[];
    f = {
      aliceId: userId('alice@example.com'),
      bobId: userId('bob@example.com'),
      fuzzUserId: fuzzUser.body.id,
      engineeringId: teams.find((x) => x.slug === 'engineering')?.id ?? '',
      fuzzTeamId: fuzzTeam.body.id,
      productionToolsId: servers.find((s) => s.name === 'production_tools')?.id ?? '',
      fuzzServerId: fuzzServer.body.id,
      tokenId: token.body.id,
      snapshotId: snapshot.id,
      notificationId: notification?.id ?? '',
    };
  });
  afterAll(async () => {
    await t?.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  function call(route: RouteCase, path = route.path(f)): Test {
    return t.http()[route.method](path);
  }

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = (await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: string | number }[];
      counts[table] = Number(row?.n);
    }
    return counts;
  }

  /** Runs `send` and checks the answer is a 4xx problem that wrote nothing, or (if allowed) a success. */
  async function expectHarmless(label: string, send: () => Promise<Response>, check2xx?: (res: Response) => void): Promise<Response> {
    const before = await rowCounts();
    const res = await send();
    const summary = `${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    if (res.status >= 500) throw new Error(`server error for ${summary}`);
    if (res.status >= 400) {
      if (!String(res.headers['content-type']).startsWith('application/problem+json')) throw new Error(`not a problem for ${summary}`);
      const after = await rowCounts();
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        throw new Error(`rows changed on a refusal for ${summary}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      }
    } else if (check2xx) {
      check2xx(res);
    } else {
      throw new Error(`expected a refusal for ${summary}`);
    }
    return res;
  }

  it('covers every route the app serves under /api', () => {
    const instance = t.app.getHttpAdapter().getInstance() as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
    const served = instance.router.stack
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route?.path}`) : []))
      .filter((k) => / \/api\//.test(k) && !/ \/api\/docs/.test(k));
    expect(ROUTES.map(key).sort()).toEqual(served.sort());
  });

  describe('credentials', () => {
    it.each(ROUTES.filter((r) => !r.isPublic).map((r) => [key(r), r] as const))('%s answers 401 without credentials and writes nothing', async (_label, route) => {
      const before = await rowCounts();
      const res = await call(route).send(route.valid?.() ?? {});
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(await rowCounts()).toEqual(before);
      expectProblem(await call(route).set('Authorization', 'Bearer pbt_forged'), 401, 'UNAUTHENTICATED');
      expectProblem(await call(route).set('Authorization', 'Basic YWRtaW46cGFzcw=='), 401, 'UNAUTHENTICATED');
    });
  });

  describe('bodies that are not a JSON object', () => {
    it.each(ROUTES.map((r) => [key(r), r] as const))('%s refuses malformed JSON, arrays, strings, numbers and null with 400', async (_label, route) => {
      const before = await rowCounts();
      const raw = ['{"name": "unterminated', '{name: 1}', "{'a': 1}", '[{"name":"x"}]', '"just a string"', '42', 'null', '{"a":1}{"b":2}'];
      for (const text of raw) {
        const res = await call(route).set(admin).set('Content-Type', 'application/json').send(text);
        try {
          expectProblem(res, 400, 'MALFORMED_REQUEST');
        } catch (error) {
          throw new Error(`${text}: ${(error as Error).message}`);
        }
      }
      expect(await rowCounts()).toEqual(before);
    });

    it.each(ROUTES.map((r) => [key(r), r] as const))('%s refuses a body over the 256 kB limit with 413', async (_label, route) => {
      const before = await rowCounts();
      const body = JSON.stringify({ ...(route.valid?.() ?? {}), padding: 'p'.repeat(300 * 1024) });
      const res = await call(route).set(admin).set('Content-Type', 'application/json').send(body);
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses deeply nested JSON with 400, not a stack overflow', async () => {
      const route = ROUTES.find((r) => r.route.endsWith('/invoke')) as RouteCase;
      const depth = 20_000;
      for (const nested of [`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `${'['.repeat(depth)}${']'.repeat(depth)}`]) {
        const res = await call(route).set(admin).set('Content-Type', 'application/json').send(`{"arguments":{"x":${nested}}}`);
        expectProblem(res, 400, 'VALIDATION_FAILED');
      }
      const tools = ROUTES.find((r) => key(r) === 'POST /api/servers/:serverId/tools') as RouteCase;
      const schema = `${'{"not":'.repeat(depth)}{}${'}'.repeat(depth)}`;
      await expectHarmless('deep schema', () => call(tools).set(admin).set('Content-Type', 'application/json').send(`{"name":"deep","target":{"type":"echo"},"inputSchema":${schema}}`));
    });
  });

  describe('validation', () => {
    it.each(bodyRoutes.map((r) => [key(r), r] as const))('%s refuses unknown fields with 400 VALIDATION_FAILED at their pointers', async (_label, route) => {
      await expectHarmless('unknown fields', async () => {
        const res = await call(route).set(admin).send({ ...(route.valid?.() ?? {}), unexpected: 1, ownerId: randomUUID() });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(pointers(res)).toEqual(expect.arrayContaining(['/unexpected', '/ownerId']));
        return res;
      });
    });

    it.each(bodyRoutes.filter((r) => r.wrongTypes).map((r) => [key(r), r] as const))('%s refuses wrong types with 400 at each field', async (_label, route) => {
      const wrong = route.wrongTypes ?? {};
      await expectHarmless('wrong types', async () => {
        const res = await call(route).set(admin).send({ ...(route.valid?.() ?? {}), ...wrong });
        expectProblem(res, 400, 'VALIDATION_FAILED');
        const expected = Object.entries(wrong).flatMap(([field, value]) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0
            ? Object.keys(value).map((inner) => `/${field}/${inner}`)
            : [`/${field}`],
        );
        expect(pointers(res)).toEqual(expect.arrayContaining(expected));
        return res;
      });
    });

    it.each(bodyRoutes.filter((r) => r.notNull).map((r) => [key(r), r] as const))('%s refuses null for fields that cannot be null', async (_label, route) => {
      for (const field of route.notNull ?? []) {
        await expectHarmless(`${field}: null`, async () => {
          const res = await call(route).set(admin).send({ ...(route.valid?.() ?? {}), [field]: null });
          expectProblem(res, 400, 'VALIDATION_FAILED');
          expect(pointers(res)).toContain(`/${field}`);
          return res;
        });
      }
    });

    it.each(ROUTES.filter((r) => r.paged).map((r) => [key(r), r] as const))('%s validates its query: unknown parameters, wrong types, repeated values', async (_label, route) => {
      const cases: [string, string][] = [['unexpected=1', '/unexpected'], ['limit=ten', '/limit'], ['offset=1.5', '/offset'], ['q=a&q=b', '/q']];
      for (const [query, pointer] of cases) {
        const res = await call(route, `${route.path(f)}?${query}`).set(admin);
        expectProblem(res, 400, 'VALIDATION_FAILED');
        expect(pointers(res)).toContain(pointer);
      }
    });
  });

  describe('odd strings', () => {
    const fields = bodyRoutes.flatMap((r) => (r.strings ?? []).map((s) => [`${key(r)} ${s.field}`, r, s] as const));

    it.each(fields)('%s: never 500; a refusal writes nothing; an acceptance stores the string as sent', async (_label, route, { field, echoed, base }) => {
      for (const [name, value] of ODD_STRINGS) {
        await expectHarmless(name, () => call(route).set(admin).send(setPath({ ...route.valid?.(), ...base }, field, value)), (res) => {
          if (echoed) expect(JSON.stringify(res.body)).toContain(JSON.stringify(value));
        });
      }
    });

    it.each(ROUTES.filter((r) => r.paged).map((r) => [key(r), r] as const))('%s: odd search strings answer 400 or only literal matches, never 500', async (_label, route) => {
      for (const [name, value] of ODD_STRINGS) {
        const res = await call(route, `${route.path(f)}?q=${urlEncode(value)}`).set(admin);
        if (res.status === 400) {
          expectProblem(res, 400, res.body.code);
          continue;
        }
        if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
        for (const item of res.body.items as Record<string, unknown>[]) {
          const texts = Object.values(item).filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
          if (!texts.some((text) => text.includes(value.toLowerCase()))) throw new Error(`${name}: ${JSON.stringify(item)} does not contain the search`);
        }
      }
    });

    it.each([
      ['DELETE /api/servers/:serverId/tools/:toolName', 'delete', (v: string) => `/api/servers/${f.fuzzServerId}/tools/${v}`],
      ['POST /api/servers/:serverId/tools/:toolName/invoke', 'post', (v: string) => `/api/servers/${f.fuzzServerId}/tools/${v}/invoke`],
      ['DELETE /api/servers/:serverId/prompts/:promptName', 'delete', (v: string) => `/api/servers/${f.fuzzServerId}/prompts/${v}`],
      ['POST /api/servers/:serverId/prompts/:promptName/get', 'post', (v: string) => `/api/servers/${f.fuzzServerId}/prompts/${v}/get`],
      ['DELETE /api/servers/:serverId/resources/:resourceId', 'delete', (v: string) => `/api/servers/${f.fuzzServerId}/resources/${v}`],
      ['POST /api/servers/:serverId/mcp', 'post', (v: string) => `/api/servers/${v}/mcp`],
      ['GET /api/teams/:teamId', 'get', (v: string) => `/api/teams/${v}`],
      ['DELETE /api/users/me/tokens/:id', 'delete', (v: string) => `/api/users/me/tokens/${v}`],
      ['PATCH /api/admin/plugins/global/:pluginName', 'patch', (v: string) => `/api/admin/plugins/global/${v}`],
      ['POST /api/admin/plugins/:pluginName/promote-to-mandatory', 'post', (v: string) => `/api/admin/plugins/${v}/promote-to-mandatory`],
      ['POST /api/admin/policy/snapshots/:id/restore', 'post', (v: string) => `/api/admin/policy/snapshots/${v}/restore`],
      ['POST /api/notifications/:id/read', 'post', (v: string) => `/api/notifications/${v}/read`],
    ] as const)('%s: odd path parameters answer 4xx, never 500', async (_label, method, path) => {
      for (const [name, value] of ODD_STRINGS) {
        const res = await expectHarmless(name, () => t.http()[method](path(urlEncode(value))).set(admin).send({}));
        expect(res.status === 400 || res.status === 404).toBe(true);
      }
    });

    it('stores accepted odd strings exactly and reads them back', async () => {
      for (const [name, value] of ODD_STRINGS.filter(([n]) => ['emoji', 'SQL', 'markup', 'LIKE wildcards'].includes(n))) {
        const created = await t.http().post('/api/teams').set(admin).send({ slug: unique('odd'), name: value, description: value });
        expect([name, created.status]).toEqual([name, 201]);
        const read = await t.http().get(`/api/teams/${created.body.id}`).set(admin);
        expect(read.body).toMatchObject({ name: value, description: value });
        const found = await t.http().get('/api/teams').query({ q: value }).set(admin);
        expect(found.body.items.map((x: { id: string }) => x.id)).toContain(created.body.id);
      }
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['get', '/api/nope'],
      ['post', '/api/teams/extra/segments/here'],
      ['put', '/api/teams'],
      ['get', '/api/servers/00000000-0000-4000-8000-000000000000/tools/echo'],
      ['patch', '/api/users/me'],
      ['delete', '/api/health'],
    ] as const)('%s %s answers a 404 problem with or without credentials', async (method, path) => {
      expectProblem(await t.http()[method](path), 404, 'NOT_FOUND');
      expectProblem(await t.http()[method](path).set(admin).send({}), 404, 'NOT_FOUND');
    });
  });
});
