/** AuditLoggerPlugin Nest module. */
import { Logger, Module } from '@nestjs/common';
import { PlugboardPlugin, type HookHandler, type HookPayload } from '@plugboard/plugin-sdk';
import { AUDIT_LOGGER_CONFIG_SCHEMA, createAuditLoggerHooks, type AuditLoggerHooks } from './audit-logger.hooks';
import { CallLogBatcher, type CallLogSink } from './call-log-batcher';

const logger = new Logger('AuditLoggerPlugin');

// Until the runtime gives it the tool_call_log writer, rows go to the debug log.
const debugSink: CallLogSink = (rows) => {
  logger.debug(`${rows.length} tool call(s) not persisted: no tool_call_log sink configured`);
  return Promise.resolve();
};

let batcher = new CallLogBatcher(debugSink);
let activeHooks: AuditLoggerHooks = createAuditLoggerHooks(batcher);

const preInvoke: AuditLoggerHooks['tool_pre_invoke'] = (payload, context) => activeHooks.tool_pre_invoke(payload, context);
const postInvoke: AuditLoggerHooks['tool_post_invoke'] = (payload, context) => activeHooks.tool_post_invoke(payload, context);

@PlugboardPlugin({
  name: 'AuditLoggerPlugin',
  version: '1.0.0',
  description: 'Records every tool call (server, tool, user, outcome, duration, payloads when asked) in tool_call_log.',
  hooks: {
    tool_pre_invoke: preInvoke as HookHandler<HookPayload, unknown>,
    tool_post_invoke: postInvoke as HookHandler<HookPayload, unknown>,
  },
  configSchema: AUDIT_LOGGER_CONFIG_SCHEMA,
  roles: [{ name: 'auditor', description: 'Reads the tool call log' }],
})
@Module({})
export class AuditLoggerPluginModule {
  /** Called by the runtime at boot with the tool_call_log writer; flushes rows buffered so far. */
  static useSink(sink: CallLogSink): CallLogBatcher {
    const previous = batcher;
    batcher = new CallLogBatcher(sink);
    activeHooks = createAuditLoggerHooks(batcher);
    void previous.close();
    return batcher;
  }

  /** The active hooks, including `record` for calls blocked or failed before post-invoke. */
  static hooks(): AuditLoggerHooks {
    return activeHooks;
  }
}
