import Ajv from 'ajv';
import { pluginManifestOf } from '@plugboard/plugin-sdk';
import { AUDIT_LOGGER_CONFIG_SCHEMA, createAuditLoggerHooks, toolCallLogRow } from './audit-logger.hooks';
import { AuditLoggerPluginModule } from './audit-logger.plugin';
import { CallLogBatcher, type ToolCallLogRow } from './call-log-batcher';
import { newHookContext, newIdentity, newToolPayload } from './test-factories';

describe('AuditLoggerPlugin hooks', () => {
  function setup(startAt = 100, endAt = 112.5) {
    const rows: ToolCallLogRow[] = [];
    const batcher = new CallLogBatcher(async (batch) => void rows.push(...batch), { flushIntervalMs: 60_000 });
    const times = [startAt, endAt];
    const hooks = createAuditLoggerHooks(batcher, () => times.shift() ?? 0);
    return { rows, batcher, hooks };
  }

  it('records a successful call with server, tool, user and duration, without payloads by default', async () => {
    const { rows, batcher, hooks } = setup();
    const ctx = newHookContext({}, { identity: newIdentity({ userId: 'u1', email: 'alice@example.com' }) });
    const payload = newToolPayload({ arguments: { q: 'secret' } });
    expect(hooks.tool_pre_invoke(payload, ctx)).toEqual({ continueProcessing: true });
    expect(hooks.tool_post_invoke({ ...payload, result: { ok: true } }, ctx)).toEqual({ continueProcessing: true });
    await batcher.close();
    expect(rows).toEqual([
      expect.objectContaining({
        serverId: 'srv-1',
        serverName: 'prod_tools',
        toolName: 'search',
        userId: 'u1',
        userEmail: 'alice@example.com',
        outcome: 'success',
        level: 'INFO',
        durationMs: 12.5,
        requestId: 'req-1',
        arguments: null,
        result: null,
      }),
    ]);
  });

  it('records payloads when log_all_payloads is on', async () => {
    const { rows, batcher, hooks } = setup();
    const ctx = newHookContext({ log_all_payloads: true });
    const payload = newToolPayload({ arguments: { q: 'x' } });
    hooks.tool_pre_invoke(payload, ctx);
    hooks.tool_post_invoke({ ...payload, result: [1] }, ctx);
    await batcher.close();
    expect(rows[0]).toMatchObject({ arguments: { q: 'x' }, result: [1], userId: null });
  });

  it('filters by log_level and lets the runtime record blocked calls', async () => {
    const { rows, batcher, hooks } = setup();
    const ctx = newHookContext({ log_level: 'WARN' as const });
    hooks.tool_pre_invoke(newToolPayload(), ctx);
    hooks.tool_post_invoke(newToolPayload({ result: 1 }), ctx);
    hooks.record({ payload: newToolPayload(), identity: null, requestId: null, outcome: 'blocked', violationCode: 'TOOL_DENIED', durationMs: 2 }, ctx.config);
    await batcher.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'blocked', level: 'WARN', violationCode: 'TOOL_DENIED' });
  });

  it('computes occurredAt as the start of the call', () => {
    const row = toolCallLogRow(
      { payload: newToolPayload(), identity: null, requestId: null, outcome: 'error', durationMs: 1000 },
      {},
      new Date('2024-01-01T00:00:01Z'),
    );
    expect(row?.occurredAt.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(row?.level).toBe('ERROR');
  });

  it('ships a strict schema and a manifest with the auditor role', () => {
    const validate = new Ajv({ useDefaults: true }).compile(AUDIT_LOGGER_CONFIG_SCHEMA);
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ log_level: 'INFO', log_all_payloads: false });
    expect(validate({ log_level: 'TRACE' })).toBe(false);
    expect(pluginManifestOf(AuditLoggerPluginModule)).toMatchObject({ name: 'AuditLoggerPlugin', roles: [{ name: 'auditor' }] });
  });

  it('the module writes through the sink given with useSink', async () => {
    const sink = jest.fn().mockResolvedValue(undefined);
    const batcher = AuditLoggerPluginModule.useSink(sink);
    const hooks = pluginManifestOf(AuditLoggerPluginModule)?.hooks;
    const ctx = newHookContext({});
    await hooks?.tool_pre_invoke?.(newToolPayload(), ctx);
    await hooks?.tool_post_invoke?.(newToolPayload({ result: 1 }), ctx);
    await batcher.close();
    expect(sink).toHaveBeenCalledWith([expect.objectContaining({ toolName: 'search', outcome: 'success' })]);
  });
});
