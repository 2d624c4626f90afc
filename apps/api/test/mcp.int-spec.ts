/*
 * /servers/:serverId/mcp: the virtual server as an MCP server, driven by the official SDK's client
 * over Streamable HTTP against the app listening on a loopback port.
 */
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { ToolCallLogEntity } from '../src/plugins-runtime/tool-call-log.entity';
import { startTestApp, type TestApp } from './harness';

const MCP_ACCEPT = 'application/json, text/event-stream';

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 3_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describe('MCP endpoint (Streamable HTTP, official SDK client)', () => {
  let t: TestApp;
  let base: string;
  let production: string;
  let external: string;
  let engineering: string;
  const clients: Client[] = [];
  const bearer = async (email: string) => ({ Authorization: `Bearer ${await t.token(email)}` });
  const mcpUrl = (serverId: string) => new URL(`${base}/api/servers/${serverId}/mcp`);

  async function connect(serverId: string, headers: Record<string, string>): Promise<Client> {
    const client = new Client({ name: 'plugboard-int-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(mcpUrl(serverId), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  /** The JSON-RPC error a rejected client call carries. */
  async function rpcError(call: Promise<unknown>): Promise<McpError> {
    try {
      await call;
    } catch (error) {
      if (error instanceof McpError) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await bearer('admin@example.com');
    const servers = (await t.http().get('/api/servers').set(admin)).body.items as { id: string; name: string }[];
    production = servers.find((s) => s.name === 'production_tools')?.id ?? '';
    external = servers.find((s) => s.name === 'external_api')?.id ?? '';
    const teams = (await t.http().get('/api/teams').set(admin)).body.items as { id: string; slug: string }[];
    engineering = teams.find((x) => x.slug === 'engineering')?.id ?? '';
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t.close();
  });

  it('initializes as the virtual server, with tools, resources and prompts', async () => {
    const client = await connect(production, await bearer('alice@example.com'));
    expect(client.getServerVersion()).toMatchObject({ name: 'plugboard-production_tools' });
    expect(client.getServerCapabilities()).toMatchObject({ tools: {}, resources: {}, prompts: {} });
  });

  it('tools/list lists the server\'s tools with their input schemas', async () => {
    const client = await connect(production, await bearer('alice@example.com'));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['echo', 'search']);
    expect(tools.find((tool) => tool.name === 'echo')).toMatchObject({ description: 'Answers its arguments', inputSchema: { type: 'object', additionalProperties: true } });
  });

  it('tools/call runs through the chain as invoke does: the mandatory PII filter masks the arguments', async () => {
    const client = await connect(production, await bearer('olivia@example.com'));
    const result = await client.callTool({ name: 'echo', arguments: { text: 'my ssn is 123-45-6789' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ text: 'my ssn is [REDACTED]' });
    expect(result.content).toEqual([{ type: 'text', text: JSON.stringify({ text: 'my ssn is [REDACTED]' }) }]);
  });

  it('a tool call blocked by a team plugin is an isError result carrying the plugin\'s reason, and is audited', async () => {
    const enabled = await t.http().post(`/api/teams/${engineering}/plugins`).set(await bearer('olivia@example.com'))
      .send({ pluginName: 'RegexFilterPlugin', enabled: true, config: { blocked_patterns: ['forbidden-\\d+'] } });
    expect(enabled.status).toBe(201);
    const client = await connect(production, await bearer('alice@example.com'));
    const blocked = await client.callTool({ name: 'echo', arguments: { text: 'say forbidden-42' } });
    expect(blocked.isError).toBe(true);
    expect(blocked.content).toEqual([{ type: 'text', text: 'Pattern matched: forbidden-\\d+' }]);
    expect(blocked._meta).toMatchObject({ plugboard: { code: 'PLUGIN_VIOLATION', plugin: 'RegexFilterPlugin', violation: { code: 'REGEX_BLOCKED' } } });
    const fine = await client.callTool({ name: 'echo', arguments: { text: 'all good' } });
    expect(fine.isError).toBeFalsy();

    const repo = t.dataSource.getRepository(ToolCallLogEntity);
    const rows = await poll(() => repo.find({ where: { serverId: production, toolName: 'echo' } }), (r) => r.some((x) => x.pluginViolation === 'REGEX_BLOCKED'));
    expect(rows.find((r) => r.pluginViolation === 'REGEX_BLOCKED')).toMatchObject({ outcome: 'blocked' });
  });

  it('tool argument errors are tool errors; an unknown tool is a JSON-RPC error', async () => {
    const bob = await bearer('bob@example.com');
    const created = await t.http().post(`/api/servers/${external}/tools`).set(bob)
      .send({ name: 'typed', inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }, target: { type: 'echo' } });
    expect(created.status).toBe(201);
    const client = await connect(external, bob);
    const invalid = await client.callTool({ name: 'typed', arguments: { n: 'one' } });
    expect(invalid).toMatchObject({ isError: true, _meta: { plugboard: { code: 'ARGUMENTS_INVALID' } } });
    const unknown = await rpcError(client.callTool({ name: 'nope', arguments: {} }));
    expect(unknown.code).toBe(-32602);
    expect(unknown.message).toContain('Tool was not found');
  });

  it('resources/list and resources/read go through the fetch hooks (PII masked in the content)', async () => {
    const client = await connect(production, await bearer('alice@example.com'));
    const { resources } = await client.listResources();
    expect(resources).toEqual(expect.arrayContaining([
      { uri: 'kb://oncall/contacts', name: 'oncall-contacts', description: expect.any(String), mimeType: 'text/plain' },
      expect.objectContaining({ uri: 'https://kb.internal/runbooks/deploy', mimeType: 'text/markdown' }),
    ]));
    const read = await client.readResource({ uri: 'kb://oncall/contacts' });
    expect(read.contents).toEqual([{ uri: 'kb://oncall/contacts', mimeType: 'text/plain', text: 'Primary: [REDACTED]\nSecondary: [REDACTED]\n' }]);
    const missing = await rpcError(client.readResource({ uri: 'kb://missing' }));
    expect(missing.code).toBe(-32002);
  });

  it('a resource denied by the team\'s ResourceFilterPlugin is a JSON-RPC error carrying the reason', async () => {
    const enabled = await t.http().post(`/api/teams/${engineering}/plugins`).set(await bearer('olivia@example.com'))
      .send({ pluginName: 'ResourceFilterPlugin', enabled: true, config: { allowed_resources: ['kb.internal'] } });
    expect(enabled.status).toBe(201);
    const client = await connect(production, await bearer('alice@example.com'));
    const denied = await rpcError(client.readResource({ uri: 'kb://oncall/contacts' }));
    expect(denied.code).toBe(-32003);
    expect(denied.message).toContain('Resource host "oncall" is not allowed');
    expect(denied.data).toMatchObject({ code: 'PLUGIN_VIOLATION', plugin: 'ResourceFilterPlugin', violation: { code: 'RESOURCE_DENIED' } });
    const allowed = await client.readResource({ uri: 'https://kb.internal/runbooks/deploy' });
    expect(allowed.contents[0]).toMatchObject({ text: expect.stringContaining('# Deploy runbook') });
  });

  it('prompts/list and prompts/get render through the prompt fetch hooks; a missing argument is invalid params', async () => {
    const client = await connect(production, await bearer('alice@example.com'));
    const { prompts } = await client.listPrompts();
    expect(prompts).toContainEqual({
      name: 'summarize',
      description: 'Summarize a topic for an audience',
      arguments: [
        { name: 'topic', description: 'What to summarize', required: true },
        { name: 'audience', description: 'Who reads the summary', required: false },
      ],
    });
    const got = await client.getPrompt({ name: 'summarize', arguments: { topic: 'the mail from eve@example.com', audience: 'executives' } });
    expect(got.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Summarize the mail from [REDACTED] in three sentences for executives.' } }]);
    const missing = await rpcError(client.getPrompt({ name: 'summarize', arguments: {} }));
    expect(missing.code).toBe(-32602);
    expect(missing.data).toMatchObject({ code: 'PROMPT_ARGUMENTS_INVALID', errors: [{ pointer: '/arguments/topic', message: 'is required' }] });
    const blocked = await rpcError(client.getPrompt({ name: 'summarize', arguments: { topic: 'forbidden-7' } }));
    expect(blocked.code).toBe(-32003);
    expect(blocked.message).toContain('Pattern matched: forbidden-\\d+');
  });

  it('accepts a personal API token as the bearer', async () => {
    const token = await t.http().post('/api/users/me/tokens').set(await bearer('bob@example.com')).send({ name: 'mcp-client' });
    expect(token.status).toBe(201);
    const client = await connect(external, { Authorization: `Bearer ${token.body.token as string}` });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('typed');
  });

  it('answers 401 without credentials and 404 for a server the caller may not see, as problem+json', async () => {
    const anonymous = await fetch(mcpUrl(production), { method: 'POST', headers: { 'content-type': 'application/json', accept: MCP_ACCEPT }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(connect(production, {})).rejects.toThrow();

    const hidden = await fetch(mcpUrl(external), {
      method: 'POST',
      headers: { ...(await bearer('alice@example.com')), 'content-type': 'application/json', accept: MCP_ACCEPT },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ code: 'NOT_FOUND' });
    await expect(connect(external, await bearer('alice@example.com'))).rejects.toThrow();
  });

  it('answers GET with 405 and DELETE with 204 (stateless: no stream, no session), and bad requests with 4xx problems', async () => {
    const alice = await bearer('alice@example.com');
    const stream = await fetch(mcpUrl(production), { headers: { ...alice, accept: 'text/event-stream' } });
    expect(stream.status).toBe(405);
    expect(stream.headers.get('allow')).toBe('POST, DELETE');
    expect(await stream.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    expect((await fetch(mcpUrl(production), { method: 'DELETE', headers: alice })).status).toBe(204);
    expect((await fetch(mcpUrl(external), { method: 'DELETE', headers: alice })).status).toBe(404);
    expect((await fetch(mcpUrl(production), { method: 'GET' })).status).toBe(401);
    const post = (headers: Record<string, string>, body: string) => fetch(mcpUrl(production), { method: 'POST', headers: { ...alice, ...headers }, body });
    const message = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect((await post({ 'content-type': 'application/json', accept: 'application/json' }, message)).status).toBe(406);
    expect((await post({ 'content-type': 'text/plain', accept: MCP_ACCEPT }, message)).status).toBe(415);
    const notRpc = await post({ 'content-type': 'application/json', accept: MCP_ACCEPT }, JSON.stringify({ hello: 'world' }));
    expect(notRpc.status).toBe(400);
    expect(await notRpc.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const nul = await post({ 'content-type': 'application/json', accept: MCP_ACCEPT }, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'resources/read', params: { uri: 'kb://a\u0000b' } }));
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/params/uri' }] });
    const batch = await post({ 'content-type': 'application/json', accept: MCP_ACCEPT }, `[${message}]`);
    expect(batch.status).toBe(400);
    expect(batch.headers.get('content-type')).toContain('application/problem+json');
  });
});
