/** AuditLoggerPlugin Nest module. */
import { Controller, Get, Logger, Module, Query } from '@nestjs/common';
import { PlugboardPlugin, PluginException, RequirePluginRole, type HookHandler, type HookPayload } from '@plugboard/plugin-sdk';
import { AUDIT_LOGGER_CONFIG_SCHEMA, createAuditLoggerHooks, type AuditLoggerHooks } from './audit-logger.hooks';
import { CallLogBatcher, type CallLogSink } from './call-log-batcher';
import { parseCallLogQuery, type CallLogPage, type CallLogReader } from './call-log-query';

const logger = new Logger('AuditLoggerPlugin');

// Until the runtime gives it the tool_call_log writer, rows go to the debug log.
const debugSink: CallLogSink = (rows) => {
  logger.debug(`${rows.length} tool call(s) not persisted: no tool_call_log sink configured`);
  return Promise.resolve();
};

let batcher = new CallLogBatcher(debugSink);
let activeHooks: AuditLoggerHooks = createAuditLoggerHooks(batcher);

let reader: CallLogReader | null = null;

/** GET /api/ext/audit-logger/calls: the tool call log, newest first, paged by cursor. */
@Controller()
export class AuditLoggerCallsController {
  @Get('calls')
  @RequirePluginRole('auditor')
  calls(@Query() query: Record<string, unknown>): Promise<CallLogPage> {
    const parsed = parseCallLogQuery(query);
    if (!reader) throw new PluginException(503, 'CALL_LOG_UNAVAILABLE', 'The tool call log is not connected to a database in this process');
    return reader(parsed);
  }
}

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
  routePrefix: 'audit-logger',
  ui: {
    features: ['tool-call-log'],
    menu: [{ id: 'audit-logger-calls', label: 'Tool calls', route: '/ext/audit-logger/calls', order: 40, requiredRole: 'auditor' }],
    routes: [{ path: 'ext/audit-logger/calls', component: 'audit-logger-calls', title: 'Tool calls', requiredRole: 'auditor' }],
    slots: [{ slot: 'server:tabs', id: 'audit-logger-server-calls', component: 'audit-logger-server-calls', title: 'Calls', requiredRole: 'auditor' }],
  },
})
@Module({ controllers: [AuditLoggerCallsController] })
export class AuditLoggerPluginModule {
  /** Called by the runtime at boot with the tool_call_log writer; flushes rows buffered so far. */
  static useSink(sink: CallLogSink): CallLogBatcher {
    const previous = batcher;
    batcher = new CallLogBatcher(sink);
    activeHooks = createAuditLoggerHooks(batcher);
    void previous.close();
    return batcher;
  }

  /** Called by the runtime at boot with the tool_call_log reader behind GET /calls. */
  static useReader(next: CallLogReader): void {
    reader = next;
  }

  /** The active hooks, including `record` for calls blocked or failed before post-invoke. */
  static hooks(): AuditLoggerHooks {
    return activeHooks;
  }
}
