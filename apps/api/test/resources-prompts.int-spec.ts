/*
 * Resources and prompts of virtual servers: /servers/:serverId/resources[/read|/:resourceId] and
 * /servers/:serverId/prompts[/:promptName[/get]], their permissions, and each fetch hook kind
 * through a multi-level chain (mandatory PII filter, a team's resource filter and authentication,
 * a user's regex filter).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiTokenEntity } from '../src/users/api-token.entity';
import { expectProblem, startTestApp, type TestApp } from './harness';

interface TraceEntry {
  plugin: string;
  hook: string;
  outcome: string;
  detail?: string;
}

const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });

/** An upstream for http resources: `/doc` answers markdown, `/slow` never answers in time. */
async function startUpstream(): Promise<{ url: (path: string) => string; gets: () => number; close: () => Promise<void> }> {
  let gets = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET') gets += 1;
    if (req.url === '/doc') {
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' }).end('# Runbook\nEscalate to carol@example.com');
      return;
    }
    timers.add(setTimeout(() => res.end('late'), 3_000));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    gets: () => gets,
    close: () => {
      timers.forEach(clearTimeout);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('resources and prompts of virtual servers', () => {
  let t: TestApp;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let production: string;
  let external: string;
  let engineering: string;
  let security: string;
  const auth = async (email: string) => bearer(await t.token(email));
  const resources = (serverId: string) => `/api/servers/${serverId}/resources`;
  const prompts = (serverId: string) => `/api/servers/${serverId}/prompts`;
  const read = async (email: string, serverId: string, uri: string) => t.http().post(`${resources(serverId)}/read`).set(await auth(email)).send({ uri });
  const getPrompt = async (email: string, serverId: string, name: string, args: Record<string, unknown>) =>
    t.http().post(`${prompts(serverId)}/${name}/get`).set(await auth(email)).send({ arguments: args });
  const traceOf = (body: { trace: TraceEntry[] }, plugin: string, hook: string) => body.trace.find((e) => e.plugin === plugin && e.hook === hook);

  beforeAll(async () => {
    upstream = await startUpstream();
    t = await startTestApp({ PLUGBOARD_UPSTREAM_ALLOWLIST: '127.0.0.1', PLUGBOARD_UPSTREAM_TIMEOUT_MS: '500' });
    const admin = await auth('admin@example.com');
    const servers = (await t.http().get('/api/servers').set(admin)).body.items as { id: string; name: string }[];
    production = servers.find((s) => s.name === 'production_tools')?.id ?? '';
    external = servers.find((s) => s.name === 'external_api')?.id ?? '';
    const teams = (await t.http().get('/api/teams').set(admin)).body.items as { id: string; slug: string }[];
    engineering = teams.find((x) => x.slug === 'engineering')?.id ?? '';
    security = teams.find((x) => x.slug === 'security')?.id ?? '';
  });
  afterAll(async () => {
    await t.close();
    await upstream.close();
  });

  describe('resources: REST and permissions', () => {
    it('seeds the demo server with resources and a prompt', async () => {
      const listed = await t.http().get(resources(production)).set(await auth('alice@example.com'));
      expect(listed.status).toBe(200);
      expect(listed.body.length).toBeGreaterThan(0);
      const seededPrompts = await t.http().get(prompts(production)).set(await auth('alice@example.com'));
      expect(seededPrompts.body.map((p: { name: string }) => p.name)).toContain('summarize');
    });

    it('lets the owner create a text resource and team members list and read it; answers 409 for a URI taken', async () => {
      const created = await t.http().post(resources(production)).set(await auth('alice@example.com')).send({
        uri: 'notes://team/agenda', name: 'agenda', description: 'Weekly agenda', mimeType: 'text/plain', target: { type: 'text', text: 'Standup at 10' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ uri: 'notes://team/agenda', name: 'agenda', mimeType: 'text/plain', target: { type: 'text', text: 'Standup at 10' } });
      expect(created.body.id).toEqual(expect.any(String));
      expect(Date.parse(created.body.createdAt)).not.toBeNaN();

      const listed = await t.http().get(resources(production)).set(await auth('olivia@example.com'));
      expect(listed.status).toBe(200);
      expect(listed.body.map((r: { uri: string }) => r.uri)).toContain('notes://team/agenda');

      const readBack = await read('olivia@example.com', production, 'notes://team/agenda');
      expect(readBack.status).toBe(200);
      expect(readBack.body.contents).toEqual([{ uri: 'notes://team/agenda', mimeType: 'text/plain', text: 'Standup at 10' }]);
      // Only plugins with a hook for this kind run: the mandatory PII filter does, the tool-only audit logger does not.
      expect(readBack.body.trace).toEqual([expect.objectContaining({ plugin: 'PIIFilterPlugin', hook: 'resource_post_fetch', outcome: 'continue' })]);

      const again = await t.http().post(resources(production)).set(await auth('alice@example.com')).send({ uri: 'notes://team/agenda', name: 'dup', target: { type: 'text', text: '' } });
      expectProblem(again, 409, 'ALREADY_EXISTS');
    });

    it('answers 403 to a team owner who may read but not manage, 404 to anyone who may not see the server, 403 to viewers', async () => {
      const body = { uri: 'notes://x', name: 'x', target: { type: 'text', text: 'x' } };
      expectProblem(await t.http().post(resources(production)).set(await auth('olivia@example.com')).send(body), 403, 'FORBIDDEN');
      const bob = await auth('bob@example.com');
      expectProblem(await t.http().get(resources(production)).set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().post(resources(production)).set(bob).send(body), 404, 'NOT_FOUND');
      expectProblem(await read('bob@example.com', production, 'notes://team/agenda'), 404, 'NOT_FOUND');
      expectProblem(await t.http().get(prompts(production)).set(bob), 404, 'NOT_FOUND');
      expectProblem(await t.http().post(prompts(production)).set(bob).send({ name: 'x', template: 'x' }), 404, 'NOT_FOUND');
      expectProblem(await getPrompt('bob@example.com', production, 'summarize', { topic: 'x' }), 404, 'NOT_FOUND');
      expectProblem(await t.http().delete(`${prompts(production)}/summarize`).set(bob), 404, 'NOT_FOUND');
      // Viewers may only read the plugin catalog (the platform role guard, as on every server route).
      expectProblem(await t.http().get(resources(production)).set(await auth('victor@example.com')), 403, 'FORBIDDEN');
      expectProblem(await t.http().get(resources(production)), 401, 'UNAUTHENTICATED');
      expectProblem(await read('alice@example.com', production, 'notes://missing'), 404, 'NOT_FOUND');
    });

    it('validates targets: text needs text, http needs an allowed URL (the resource URI by default)', async () => {
      const alice = await auth('alice@example.com');
      const post = (body: Record<string, unknown>) => t.http().post(resources(external)).set(alice).send(body);
      // alice may not see bob's server
      expectProblem(await post({ uri: 'a:b', name: 'a', target: { type: 'text', text: 'a' } }), 404, 'NOT_FOUND');
      const bob = await auth('bob@example.com');
      const postBob = (body: Record<string, unknown>) => t.http().post(resources(external)).set(bob).send(body);
      expectProblem(await postBob({ uri: 'a:b', name: 'a', target: { type: 'text' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await postBob({ uri: 'a:b', name: 'a', target: { type: 'text', text: 'x', url: 'http://127.0.0.1/' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await postBob({ uri: 'docs://a', name: 'a', target: { type: 'http' } }), 400, 'VALIDATION_FAILED');
      expectProblem(await postBob({ uri: 'https://evil.example.org/x', name: 'a', target: { type: 'http' } }), 403, 'UPSTREAM_NOT_ALLOWED');
      const bad = await postBob({ uri: 'no scheme here', name: 'a', target: { type: 'text', text: 'x' } });
      expectProblem(bad, 400, 'VALIDATION_FAILED');
      expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/uri');
      const byUri = await postBob({ uri: upstream.url('/doc'), name: 'runbook', target: { type: 'http', timeoutMs: 1000 } });
      expect(byUri.status).toBe(201);
      expect(byUri.body.target).toEqual({ type: 'http', url: upstream.url('/doc'), timeoutMs: 1000 });
    });

    it('reads an http resource with GET from the upstream, taking the media type from its answer, and masks PII in it', async () => {
      const before = upstream.gets();
      const res = await read('bob@example.com', external, upstream.url('/doc'));
      expect(res.status).toBe(200);
      expect(res.body.contents).toEqual([{ uri: upstream.url('/doc'), mimeType: 'text/markdown', text: '# Runbook\nEscalate to [REDACTED]' }]);
      expect(upstream.gets()).toBe(before + 1);
    });

    it('answers 504 when an http resource does not answer within its time limit', async () => {
      const bob = await auth('bob@example.com');
      const created = await t.http().post(resources(external)).set(bob).send({ uri: 'slow://doc', name: 'slow', target: { type: 'http', url: upstream.url('/slow'), timeoutMs: 200 } });
      expect(created.status).toBe(201);
      expectProblem(await read('bob@example.com', external, 'slow://doc'), 504, 'UPSTREAM_TIMEOUT');
    });

    it('deletes a resource (owner only) and answers 404 afterwards; deleting the server removes its resources and prompts', async () => {
      const alice = await auth('alice@example.com');
      const created = await t.http().post(resources(production)).set(alice).send({ uri: 'tmp://gone', name: 'gone', target: { type: 'text', text: 'x' } });
      expectProblem(await t.http().delete(`${resources(production)}/${created.body.id}`).set(await auth('olivia@example.com')), 403, 'FORBIDDEN');
      expect((await t.http().delete(`${resources(production)}/${created.body.id}`).set(alice)).status).toBe(204);
      expectProblem(await t.http().delete(`${resources(production)}/${created.body.id}`).set(alice), 404, 'NOT_FOUND');
      expectProblem(await t.http().delete(`${resources(production)}/not-a-uuid`).set(alice), 404, 'NOT_FOUND');

      const server = await t.http().post('/api/servers').set(alice).send({ name: 'short_lived' });
      expect(server.status).toBe(201);
      expect((await t.http().post(resources(server.body.id)).set(alice).send({ uri: 'tmp://a', name: 'a', target: { type: 'text', text: 'a' } })).status).toBe(201);
      expect((await t.http().post(prompts(server.body.id)).set(alice).send({ name: 'p', template: 'hi' })).status).toBe(201);
      expect((await t.http().delete(`/api/servers/${server.body.id}`).set(alice)).status).toBe(204);
      for (const table of ['server_resources', 'server_prompts']) {
        const [row] = (await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE server_id = '${server.body.id as string}'`)) as { n: string | number }[];
        expect(Number(row?.n)).toBe(0);
      }
    });
  });

  describe('prompts: REST and rendering', () => {
    it('creates a prompt, lists it, and renders it with its arguments', async () => {
      const alice = await auth('alice@example.com');
      const created = await t.http().post(prompts(production)).set(alice).send({
        name: 'review',
        description: 'Code review',
        arguments: [{ name: 'code', description: 'The code', required: true }, { name: 'focus' }],
        template: 'Review this code: {{code}}. Focus on {{ focus }}.',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'review',
        arguments: [{ name: 'code', description: 'The code', required: true }, { name: 'focus', description: '', required: false }],
      });
      const listed = await t.http().get(prompts(production)).set(await auth('olivia@example.com'));
      expect(listed.body.map((p: { name: string }) => p.name)).toContain('review');

      const res = await getPrompt('olivia@example.com', production, 'review', { code: 'x = {{focus}}', focus: 'naming' });
      expect(res.status).toBe(200);
      expect(res.body.description).toBe('Code review');
      expect(res.body.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Review this code: x = {{focus}}. Focus on naming.' } }]);
      expect(traceOf(res.body, 'PIIFilterPlugin', 'prompt_pre_fetch')).toMatchObject({ outcome: 'continue' });
      expect(traceOf(res.body, 'PIIFilterPlugin', 'prompt_post_fetch')).toMatchObject({ outcome: 'continue' });
    });

    it('answers 422 for a missing required argument, an unknown one or a non-string value', async () => {
      const missing = await getPrompt('alice@example.com', production, 'review', { focus: 'x' });
      expectProblem(missing, 422, 'PROMPT_ARGUMENTS_INVALID');
      expect(missing.body.errors).toEqual([{ pointer: '/arguments/code', message: 'is required' }]);
      expectProblem(await getPrompt('alice@example.com', production, 'review', { code: 'x', extra: 'y' }), 422, 'PROMPT_ARGUMENTS_INVALID');
      expectProblem(await getPrompt('alice@example.com', production, 'review', { code: 5 }), 422, 'PROMPT_ARGUMENTS_INVALID');
      expectProblem(await getPrompt('alice@example.com', production, 'missing', {}), 404, 'NOT_FOUND');
    });

    it('refuses templates with undeclared placeholders, duplicate argument names and taken names', async () => {
      const alice = await auth('alice@example.com');
      const post = (body: Record<string, unknown>) => t.http().post(prompts(production)).set(alice).send(body);
      const undeclared = await post({ name: 'bad', template: 'Hello {{who}}' });
      expectProblem(undeclared, 400, 'VALIDATION_FAILED');
      expect(undeclared.body.errors).toEqual([{ pointer: '/template', message: 'The template uses undeclared argument(s): who' }]);
      expectProblem(await post({ name: 'bad', arguments: [{ name: 'a' }, { name: 'a' }], template: '{{a}}' }), 400, 'VALIDATION_FAILED');
      expectProblem(await post({ name: 'bad', arguments: [{ name: 'a b' }], template: 'x' }), 400, 'VALIDATION_FAILED');
      expectProblem(await post({ name: 'review', template: 'x' }), 409, 'ALREADY_EXISTS');
      expectProblem(await t.http().post(prompts(production)).set(await auth('olivia@example.com')).send({ name: 'o', template: 'x' }), 403, 'FORBIDDEN');
    });

    it('deletes a prompt by name (owner only)', async () => {
      const alice = await auth('alice@example.com');
      expect((await t.http().post(prompts(production)).set(alice).send({ name: 'temp', template: 'x' })).status).toBe(201);
      expectProblem(await t.http().delete(`${prompts(production)}/temp`).set(await auth('olivia@example.com')), 403, 'FORBIDDEN');
      expect((await t.http().delete(`${prompts(production)}/temp`).set(alice)).status).toBe(204);
      expectProblem(await t.http().delete(`${prompts(production)}/temp`).set(alice), 404, 'NOT_FOUND');
    });
  });

  describe('fetch hooks through a multi-level chain', () => {
    it('PIIFilterPlugin (mandatory) masks an email in a resource\'s content on resource_post_fetch', async () => {
      const alice = await auth('alice@example.com');
      await t.http().post(resources(production)).set(alice).send({ uri: 'https://docs.example.com/contacts', name: 'contacts', target: { type: 'text', text: 'Write to dana@example.com or call 555-0100' } });
      const res = await read('alice@example.com', production, 'https://docs.example.com/contacts');
      expect(res.status).toBe(200);
      expect(res.body.contents[0].text).toBe('Write to [REDACTED] or call 555-0100');
      expect(traceOf(res.body, 'PIIFilterPlugin', 'resource_post_fetch')).toMatchObject({ outcome: 'modified' });
      // The stored content is untouched: masking happens on the way out.
      const listed = await t.http().get(resources(production)).set(alice);
      expect(listed.body.find((r: { name: string }) => r.name === 'contacts').target.text).toBe('Write to dana@example.com or call 555-0100');
    });

    it('PIIFilterPlugin masks an SSN in a prompt\'s arguments on prompt_pre_fetch, before rendering', async () => {
      const res = await getPrompt('alice@example.com', production, 'review', { code: 'ssn = "123-45-6789"' });
      expect(res.status).toBe(200);
      expect(res.body.messages[0].content.text).toBe('Review this code: ssn = "[REDACTED]". Focus on .');
      expect(traceOf(res.body, 'PIIFilterPlugin', 'prompt_pre_fetch')).toMatchObject({ outcome: 'modified' });
    });

    it('ResourceFilterPlugin enabled by the team denies a resource whose URI host is not allowed (403 RESOURCE_DENIED)', async () => {
      const alice = await auth('alice@example.com');
      await t.http().post(resources(production)).set(alice).send({ uri: 'https://evil.example.org/leak', name: 'leak', target: { type: 'text', text: 'secret' } });
      const enabled = await t.http().post(`/api/teams/${engineering}/plugins`).set(await auth('olivia@example.com'))
        .send({ pluginName: 'ResourceFilterPlugin', enabled: true, config: { allowed_resources: ['docs.example.com'] } });
      expect(enabled.status).toBe(201);

      const denied = await read('alice@example.com', production, 'https://evil.example.org/leak');
      expectProblem(denied, 403, 'PLUGIN_VIOLATION');
      expect(denied.body).toMatchObject({ plugin: 'ResourceFilterPlugin', violation: { code: 'RESOURCE_DENIED', reason: 'Resource host "evil.example.org" is not allowed' } });
      expect(denied.body.detail).toBe('Resource host "evil.example.org" is not allowed');
      expect(JSON.stringify(denied.body)).not.toContain('secret');
      // A hostless URI matches nothing in an allow-list: fail closed.
      expectProblem(await read('alice@example.com', production, 'notes://team/agenda'), 403, 'PLUGIN_VIOLATION');

      const allowed = await read('alice@example.com', production, 'https://docs.example.com/contacts');
      expect(allowed.status).toBe(200);
      expect(traceOf(allowed.body, 'ResourceFilterPlugin', 'resource_pre_fetch')).toMatchObject({ outcome: 'continue' });
      // The team's plugin is not in the chain of another team's server.
      expect((await read('bob@example.com', external, upstream.url('/doc'))).status).toBe(200);
    });

    it('RegexFilterPlugin enabled by the user blocks a prompt whose arguments match (403 REGEX_BLOCKED)', async () => {
      const enabled = await t.http().post('/api/users/me/plugins').set(await auth('alice@example.com'))
        .send({ pluginName: 'RegexFilterPlugin', enabled: true, config: { blocked_patterns: ['drop\\s+table'] } });
      expect(enabled.status).toBe(201);
      const blocked = await getPrompt('alice@example.com', production, 'review', { code: 'DROP TABLE users; drop  table x' });
      expectProblem(blocked, 403, 'PLUGIN_VIOLATION');
      expect(blocked.body).toMatchObject({ plugin: 'RegexFilterPlugin', violation: { code: 'REGEX_BLOCKED', reason: 'Pattern matched: drop\\s+table' } });
      expect((await getPrompt('alice@example.com', production, 'review', { code: 'select 1' })).status).toBe(200);
    });

    it('AuthenticationPlugin enabled by a team checks token scopes on resource_pre_fetch and prompt_pre_fetch', async () => {
      const bob = await auth('bob@example.com');
      expect((await t.http().post(prompts(external)).set(bob).send({ name: 'hello', template: 'Hello' })).status).toBe(201);
      const enabled = await t.http().post(`/api/teams/${security}/plugins`).set(await auth('sam@example.com'))
        .send({ pluginName: 'AuthenticationPlugin', enabled: true, config: { required_scopes: ['docs:read'] } });
      expect(enabled.status).toBe(201);
      const token = await t.http().post('/api/users/me/tokens').set(bob).send({ name: 'narrow-docs' });
      expect(token.status).toBe(201);
      await t.dataSource.getRepository(ApiTokenEntity).update({ name: 'narrow-docs' }, { scopes: ['tools:read'] });
      const narrow = bearer(token.body.token as string);
      const denied = await t.http().post(`${resources(external)}/read`).set(narrow).send({ uri: upstream.url('/doc') });
      expectProblem(denied, 403, 'PLUGIN_VIOLATION');
      expect(denied.body).toMatchObject({ plugin: 'AuthenticationPlugin', violation: { code: 'INSUFFICIENT_SCOPE', reason: 'Missing required scope(s): docs:read' } });
      const deniedPrompt = await t.http().post(`${prompts(external)}/hello/get`).set(narrow).send({});
      expect(deniedPrompt.body).toMatchObject({ code: 'PLUGIN_VIOLATION', violation: { code: 'INSUFFICIENT_SCOPE' } });
      // A session holds every scope: the same reads pass, with the plugin in the trace.
      const allowed = await read('bob@example.com', external, upstream.url('/doc'));
      expect(allowed.status).toBe(200);
      expect(traceOf(allowed.body, 'AuthenticationPlugin', 'resource_pre_fetch')).toMatchObject({ outcome: 'continue' });
    });

    it('in permissive mode a ResourceFilterPlugin violation is traced but does not block', async () => {
      const patched = await t.http().patch('/api/admin/plugins/global/ResourceFilterPlugin').set(await auth('admin@example.com')).send({ mode: 'permissive' });
      expect(patched.status).toBe(200);
      const res = await read('alice@example.com', production, 'https://evil.example.org/leak');
      expect(res.status).toBe(200);
      expect(res.body.contents[0].text).toBe('secret');
      expect(traceOf(res.body, 'ResourceFilterPlugin', 'resource_pre_fetch')).toMatchObject({
        outcome: 'violation',
        detail: 'RESOURCE_DENIED: Resource host "evil.example.org" is not allowed',
      });
    });
  });
});
