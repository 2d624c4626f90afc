/* POST /api/admin/plugins/test: one plugin hook on a sample payload, isolated (no writes, no signals, a time limit). */
import { join } from 'node:path';
import { expectProblem, startTestApp, type TestApp } from './harness';

const toolPayload = (args: Record<string, unknown>) => ({ server: { id: 'sample', name: 'sample' }, tool: { name: 'echo', resource: null }, arguments: args });

describe('POST /admin/plugins/test (the plugin playground)', () => {
  let t: TestApp;
  const auth = async (email: string) => ({ Authorization: `Bearer ${await t.token(email)}` });
  const run = async (email: string, body: Record<string, unknown>) => t.http().post('/api/admin/plugins/test').set(await auth(email)).send(body);

  /** Row counts of every table (the audit tables included). */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const meta of t.dataSource.entityMetadatas) counts[meta.tableName] = await t.dataSource.getRepository(meta.target).count();
    return counts;
  }

  beforeAll(async () => {
    t = await startTestApp({ PLUGBOARD_PLUGINS_CONFIG: join(__dirname, 'fixtures', 'plugins-runtime.yaml') });
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs the PII filter on a sample payload and answers result, modifiedPayload, durationMs and errors', async () => {
    const res = await run('alice@example.com', { pluginName: 'PIIFilterPlugin', hook: 'tool_pre_invoke', config: { action: 'mask', mask: '***' }, payload: toolPayload({ text: 'ssn 123-45-6789' }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ result: { continueProcessing: true }, errors: [] });
    expect(res.body.modifiedPayload.arguments).toEqual({ text: 'ssn ***' });
    expect(typeof res.body.durationMs).toBe('number');
  });

  it('reports a violation without blocking anything', async () => {
    const res = await run('alice@example.com', { pluginName: 'RegexFilterPlugin', hook: 'tool_pre_invoke', config: { blocked_patterns: ['secret'] }, payload: toolPayload({ q: 'a secret' }) });
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({ continueProcessing: false, violation: { code: 'REGEX_BLOCKED' } });
  });

  it('changes nothing: row counts of every table, the audit log and the tool call log stay the same', async () => {
    const before = await rowCounts();
    for (const [pluginName, config] of [['AuditLoggerPlugin', { log_level: 'INFO', log_all_payloads: true }], ['CachingPlugin', { cache_ttl: 60 }], ['CustomMetricsPlugin', {}]] as const) {
      for (const hook of ['tool_pre_invoke', 'tool_post_invoke']) {
        const res = await run('admin@example.com', { pluginName, hook, config, payload: { ...toolPayload({ q: 'x' }), ...(hook === 'tool_post_invoke' ? { result: { ok: true } } : {}) } });
        expect([pluginName, hook, res.status]).toEqual([pluginName, hook, 200]);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // past the audit batcher's flush interval
    expect(await rowCounts()).toEqual(before);
    const metrics = await t.http().get('/api/metrics').set(await auth('admin@example.com'));
    expect(metrics.text).not.toContain('server="sample"');
  });

  it('validates the config against the plugin\'s schema (422 CONFIG_INVALID with pointers) and the payload shape (400)', async () => {
    const bad = await run('alice@example.com', { pluginName: 'RegexFilterPlugin', hook: 'tool_pre_invoke', config: { blocked_patterns: 'x' }, payload: toolPayload({}) });
    expectProblem(bad, 422, 'CONFIG_INVALID');
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/config/blocked_patterns' })]);
    const shape = await run('alice@example.com', { pluginName: 'RegexFilterPlugin', hook: 'tool_pre_invoke', config: {}, payload: { server: { id: 's', name: 's' } } });
    expectProblem(shape, 400, 'VALIDATION_FAILED');
    expect(shape.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/payload/tool', '/payload/arguments']);
  });

  it('answers 404 for an unknown plugin, 403 for one not available to the caller or not loaded, and 403 to viewers', async () => {
    expectProblem(await run('alice@example.com', { pluginName: 'NoSuchPlugin', hook: 'tool_pre_invoke', payload: toolPayload({}) }), 404, 'PLUGIN_NOT_FOUND');
    expectProblem(await run('alice@example.com', { pluginName: 'CustomMetricsPlugin', hook: 'tool_pre_invoke', payload: toolPayload({}) }), 403, 'PLUGIN_NOT_AVAILABLE');
    expectProblem(await run('admin@example.com', { pluginName: 'MissingOptionalPlugin', hook: 'tool_pre_invoke', payload: toolPayload({}) }), 403, 'PLUGIN_NOT_AVAILABLE');
    expectProblem(await run('victor@example.com', { pluginName: 'PIIFilterPlugin', hook: 'tool_pre_invoke', payload: toolPayload({}) }), 403, 'FORBIDDEN');
    expectProblem(await t.http().post('/api/admin/plugins/test').send({}), 401, 'UNAUTHENTICATED');
  });
});
