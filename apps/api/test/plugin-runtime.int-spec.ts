/* The plugin runtime: loading at start-up, and every built-in plugin on a real invoke through a multi-level chain. */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApiTokenEntity } from '../src/users/api-token.entity';
import { ToolCallLogEntity } from '../src/plugins-runtime/tool-call-log.entity';
import { expectProblem, startTestApp, type TestApp } from './harness';

const FIXTURES = join(__dirname, 'fixtures');

/** An upstream that counts its calls, for the caching plugin. */
async function counterServer(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    calls += 1;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ calls }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/count`, calls: () => calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 2_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describe('plugin runtime: start-up loading', () => {
  it('refuses to start when a mandatory plugin fails to load, naming it and the reason', async () => {
    await expect(startTestApp({ PLUGBOARD_PLUGINS_CONFIG: join(FIXTURES, 'plugins-mandatory-missing.yaml') })).rejects.toThrow(
      /Mandatory plugin BrokenMandatoryPlugin failed to load: plugin package @acme\/plugboard-plugin-broken is not installed/,
    );
  });
});

describe('plugin runtime: tool calls through the chain', () => {
  let t: TestApp;
  let upstream: Awaited<ReturnType<typeof counterServer>>;
  let engineering: string;
  let security: string;
  let production: string;
  let dev: string;
  let external: string;
  const auth = async (email: string) => ({ Authorization: `Bearer ${await t.token(email)}` });
  const invoke = async (email: string, serverId: string, tool: string, args: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    t.http().post(`/api/servers/${serverId}/tools/${tool}/invoke`).set(headers ?? (await auth(email))).send({ arguments: args });

  beforeAll(async () => {
    upstream = await counterServer();
    t = await startTestApp({ PLUGBOARD_PLUGINS_CONFIG: join(FIXTURES, 'plugins-runtime.yaml'), PLUGBOARD_UPSTREAM_ALLOWLIST: '127.0.0.1' });
    const admin = await auth('admin@example.com');
    const teams = await t.http().get('/api/teams').set(admin);
    const team = (slug: string) => teams.body.items.find((x: { slug: string }) => x.slug === slug).id as string;
    engineering = team('engineering');
    security = team('security');
    const servers = await t.http().get('/api/servers').set(admin);
    const server = (name: string) => servers.body.items.find((s: { name: string }) => s.name === name).id as string;
    production = server('production_tools');
    dev = server('dev_tools');
    external = server('external_api');
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  it('reports an optional plugin whose package is missing as unavailable, with the reason', async () => {
    const res = await t.http().get('/api/plugins').set(await auth('admin@example.com'));
    expect(res.status).toBe(200);
    const by = new Map(res.body.items.map((p: { name: string }) => [p.name, p]));
    expect(by.get('MissingOptionalPlugin')).toMatchObject({ status: 'unavailable', statusReason: expect.stringContaining('@acme/plugboard-plugin-missing is not installed') });
    expect(by.get('PIIFilterPlugin')).toMatchObject({ status: 'available', statusReason: null });
  });

  it('PIIFilterPlugin (mandatory) masks an SSN in the arguments by default, and the trace lists every plugin', async () => {
    const res = await invoke('alice@example.com', production, 'echo', { text: 'my ssn is 123-45-6789' });
    expect(res.status).toBe(200);
    expect(res.body.result).toEqual({ text: 'my ssn is [REDACTED]' });
    const pii = res.body.trace.find((e: { plugin: string; hook: string }) => e.plugin === 'PIIFilterPlugin' && e.hook === 'tool_pre_invoke');
    expect(pii).toMatchObject({ outcome: 'modified' });
    expect(typeof pii.durationMs).toBe('number');
    expect(res.body.trace.map((e: { plugin: string }) => e.plugin)).toEqual(expect.arrayContaining(['AuditLoggerPlugin', 'PIIFilterPlugin', 'CustomMetricsPlugin']));
  });

  it('governance writes validate a plugin config against its schema (422 CONFIG_INVALID)', async () => {
    const res = await t.http().post(`/api/teams/${engineering}/plugins`).set(await auth('olivia@example.com'))
      .send({ pluginName: 'RegexFilterPlugin', enabled: true, config: { blocked_patterns: 'x' } });
    expectProblem(res, 422, 'CONFIG_INVALID');
  });

  it('RegexFilterPlugin enabled by a team blocks a matching call with 403 PLUGIN_VIOLATION (REGEX_BLOCKED)', async () => {
    const created = await t.http().post(`/api/teams/${engineering}/plugins`).set(await auth('olivia@example.com'))
      .send({ pluginName: 'RegexFilterPlugin', enabled: true, config: { blocked_patterns: ['internal-regex-123'] } });
    expect(created.status).toBe(201);
    const blocked = await invoke('alice@example.com', production, 'echo', { text: 'leak internal-regex-123 now' });
    expectProblem(blocked, 403, 'PLUGIN_VIOLATION');
    expect(blocked.body).toMatchObject({ plugin: 'RegexFilterPlugin', violation: { code: 'REGEX_BLOCKED' } });
    expect(blocked.body.detail).toBe(blocked.body.violation.reason);
    expect((await invoke('alice@example.com', production, 'echo', { text: 'harmless' })).status).toBe(200);
  });

  it('DenyFilterPlugin cannot be enabled on a server: it conflicts with the mandatory PIIFilterPlugin', async () => {
    const res = await t.http().post(`/api/servers/${production}/plugins`).set(await auth('admin@example.com')).send({ pluginName: 'DenyFilterPlugin', enabled: true, config: { blocked_tools: ['echo'] } });
    expectProblem(res, 409, 'PLUGIN_CONFLICT');
  });

  it('ResourceFilterPlugin denies a tool whose resource is not allowed (RESOURCE_DENIED)', async () => {
    const created = await t.http().post(`/api/teams/${engineering}/plugins`).set(await auth('olivia@example.com'))
      .send({ pluginName: 'ResourceFilterPlugin', enabled: true, config: { allowed_resources: ['docs.internal'] } });
    expect(created.status).toBe(201);
    const denied = await invoke('alice@example.com', production, 'search', { q: 'x' });
    expectProblem(denied, 403, 'PLUGIN_VIOLATION');
    expect(denied.body.violation.code).toBe('RESOURCE_DENIED');
  });

  it('AuthenticationPlugin with a required scope blocks a token without it and admits a session', async () => {
    const created = await t.http().post(`/api/teams/${security}/plugins`).set(await auth('admin@example.com'))
      .send({ pluginName: 'AuthenticationPlugin', enabled: true, config: { required_scopes: ['tools:admin'] } });
    expect(created.status).toBe(201);
    const token = await t.http().post('/api/users/me/tokens').set(await auth('bob@example.com')).send({ name: 'runtime-test' });
    expect(token.status).toBe(201);
    // Tokens are issued with every scope; narrow this one in the database to a scope the plugin does not accept.
    await t.dataSource.getRepository(ApiTokenEntity).update({ name: 'runtime-test' }, { scopes: ['tools:read'] });
    const denied = await invoke('bob@example.com', external, 'echo', { a: 1 }, { Authorization: `Bearer ${token.body.token as string}` });
    expectProblem(denied, 403, 'PLUGIN_VIOLATION');
    expect(denied.body.violation.code).toBe('INSUFFICIENT_SCOPE');
    expect((await invoke('bob@example.com', external, 'echo', { a: 1 })).status).toBe(200);
  });

  it('CachingPlugin answers a repeated call from the cache without calling the target', async () => {
    const tool = await t.http().post(`/api/servers/${dev}/tools`).set(await auth('alice@example.com'))
      .send({ name: 'counter', target: { type: 'http', url: upstream.url, timeoutMs: 5_000 } });
    expect(tool.status).toBe(201);
    const enabled = await t.http().post('/api/users/me/plugins').set(await auth('alice@example.com'))
      .send({ pluginName: 'CachingPlugin', enabled: true, autoEnableRequirements: true, config: { cache_ttl: 60 } });
    expect(enabled.status).toBe(201);
    const first = await invoke('alice@example.com', dev, 'counter', { n: 1 });
    expect(first.status).toBe(200);
    const second = await invoke('alice@example.com', dev, 'counter', { n: 1 });
    expect(second.status).toBe(200);
    expect(second.body.result).toEqual(first.body.result);
    expect(upstream.calls()).toBe(1);
  });

  it('fails closed when an enforcing plugin of the chain is not loaded, and skips it in permissive mode', async () => {
    const admin = await auth('admin@example.com');
    const enable = await t.http().put(`/api/servers/${external}/plugins/MissingOptionalPlugin`).set(admin).send({ enabled: true });
    expect(enable.body.setting).toMatchObject({ pluginName: 'MissingOptionalPlugin', enabled: true });
    try {
      const blocked = await invoke('bob@example.com', external, 'echo', { n: 1 });
      expectProblem(blocked, 403, 'PLUGIN_VIOLATION');
      expect(blocked.body).toMatchObject({ plugin: 'MissingOptionalPlugin', violation: { code: 'PLUGIN_UNAVAILABLE' } });
      expect(blocked.body.detail).toContain('MissingOptionalPlugin is in enforce mode but not loaded: plugin package @acme/plugboard-plugin-missing is not installed');
      expect((await t.http().patch('/api/admin/plugins/global/MissingOptionalPlugin').set(admin).send({ mode: 'permissive' })).status).toBe(200);
      const passed = await invoke('bob@example.com', external, 'echo', { n: 2 });
      expect(passed.status).toBe(200);
      expect(passed.body.trace).toEqual(expect.arrayContaining([expect.objectContaining({ plugin: 'MissingOptionalPlugin', outcome: 'skipped' })]));
    } finally {
      await t.http().patch('/api/admin/plugins/global/MissingOptionalPlugin').set(admin).send({ mode: 'enforce' });
      await t.http().delete(`/api/servers/${external}/plugins/MissingOptionalPlugin`).set(admin);
    }
  });

  it('AuditLoggerPlugin records allowed and blocked calls in tool_call_log', async () => {
    const repo = t.dataSource.getRepository(ToolCallLogEntity);
    const rows = await poll(() => repo.find({ where: { serverId: production } }), (r) => r.some((x) => x.outcome === 'blocked') && r.some((x) => x.outcome === 'success'));
    expect(rows.find((r) => r.outcome === 'blocked')).toMatchObject({ toolName: 'echo', serverName: 'production_tools', pluginViolation: 'REGEX_BLOCKED' });
    expect(rows.find((r) => r.outcome === 'success')).toMatchObject({ toolName: 'echo' });
  });

  it('CustomMetricsPlugin counts calls and hook runs on /api/metrics', async () => {
    const res = await t.http().get('/api/metrics').set(await auth('admin@example.com'));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/plugboard_tool_calls_total\{[^}]*server="production_tools"[^}]*outcome="success"[^}]*\} \d+/);
    expect(res.text).toMatch(/plugboard_tool_calls_total\{[^}]*outcome="blocked"[^}]*\} \d+/);
    expect(res.text).toMatch(/plugboard_tool_plugin_hook_calls_total\{[^}]*plugin="PIIFilterPlugin"/);
  });
});
