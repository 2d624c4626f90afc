/** AuditLoggerPlugin config and hooks: every tool call becomes a `tool_call_log` row. */
import {
  CONTINUE,
  type HookContext,
  type HookResult,
  type JsonSchema,
  type PluginIdentity,
  type ToolPayload,
} from '@plugboard/plugin-sdk';
import type { AuditLogLevel, CallLogBatcher, ToolCallLogRow, ToolCallOutcome } from './call-log-batcher';

export interface AuditLoggerConfig {
  /** The least severe row recorded: success is INFO, blocked WARN, error ERROR. */
  log_level: AuditLogLevel;
  log_all_payloads: boolean;
}

export const AUDIT_LOGGER_DEFAULT_CONFIG: Readonly<AuditLoggerConfig> = Object.freeze({ log_level: 'INFO', log_all_payloads: false });

export const AUDIT_LOGGER_CONFIG_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'AuditLoggerPlugin config',
  type: 'object',
  additionalProperties: false,
  properties: {
    log_level: { type: 'string', enum: ['DEBUG', 'INFO', 'WARN', 'ERROR'], default: 'INFO' },
    log_all_payloads: { type: 'boolean', description: 'Also record arguments and results.', default: false },
  },
};

/** `context.state` key of the call's start (performance.now()). */
export const AUDIT_STARTED_AT_STATE = 'audit-logger.startedAt';

const LEVEL_RANK: Record<AuditLogLevel, number> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 };

export function outcomeLevel(outcome: ToolCallOutcome): AuditLogLevel {
  switch (outcome) {
    case 'success':
      return 'INFO';
    case 'blocked':
      return 'WARN';
    case 'error':
      return 'ERROR';
  }
}

/** A finished call, as the post-invoke hook (success) or the runtime (blocked, error) reports it. */
export interface ToolCallRecord {
  payload: ToolPayload;
  identity: PluginIdentity | null;
  requestId: string | null;
  outcome: ToolCallOutcome;
  violationCode?: string | null;
  durationMs: number;
}

/** The row for a call, or null when `log_level` filters it out. */
export function toolCallLogRow(record: ToolCallRecord, config: Partial<AuditLoggerConfig>, now = new Date()): ToolCallLogRow | null {
  const level = outcomeLevel(record.outcome);
  if (LEVEL_RANK[level] < LEVEL_RANK[config.log_level ?? AUDIT_LOGGER_DEFAULT_CONFIG.log_level]) return null;
  const withPayloads = config.log_all_payloads ?? AUDIT_LOGGER_DEFAULT_CONFIG.log_all_payloads;
  const { payload, identity } = record;
  return {
    occurredAt: new Date(now.getTime() - record.durationMs),
    requestId: record.requestId,
    serverId: payload.server.id,
    serverName: payload.server.name,
    toolName: payload.tool.name,
    userId: identity?.userId ?? null,
    userEmail: identity?.email ?? null,
    outcome: record.outcome,
    violationCode: record.violationCode ?? null,
    durationMs: Math.max(0, Math.round(record.durationMs * 1000) / 1000),
    level,
    arguments: withPayloads ? payload.arguments : null,
    result: withPayloads ? (payload.result ?? null) : null,
  };
}

export interface AuditLoggerHooks {
  tool_pre_invoke(payload: ToolPayload, context: HookContext<Partial<AuditLoggerConfig>>): HookResult<ToolPayload>;
  tool_post_invoke(payload: ToolPayload, context: HookContext<Partial<AuditLoggerConfig>>): HookResult<ToolPayload>;
  /** For the runtime: record a call that never reached post-invoke (blocked or failed). */
  record(record: ToolCallRecord, config: Partial<AuditLoggerConfig>): void;
}

export function createAuditLoggerHooks(batcher: CallLogBatcher, clock: () => number = () => performance.now()): AuditLoggerHooks {
  const record = (entry: ToolCallRecord, config: Partial<AuditLoggerConfig>): void => {
    const row = toolCallLogRow(entry, config);
    if (row) batcher.add(row);
  };
  return {
    tool_pre_invoke(_payload, context) {
      context.state.set(AUDIT_STARTED_AT_STATE, clock());
      return CONTINUE;
    },
    tool_post_invoke(payload, context) {
      const startedAt = context.state.get(AUDIT_STARTED_AT_STATE);
      const durationMs = typeof startedAt === 'number' ? clock() - startedAt : 0;
      record({ payload, identity: context.identity, requestId: context.requestId, outcome: 'success', durationMs }, context.config);
      return CONTINUE;
    },
    record,
  };
}
