import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ChainEntry } from '@plugboard/governance';
import { settleWithin, type HookContext, type HookName, type HookResult, type PluginIdentity, type ToolPayload, type Violation } from '@plugboard/plugin-sdk';
import { AuditLoggerPluginModule, type ToolCallOutcome } from '@plugboard/plugin-audit-logger';
import type { TraceEntry } from '@plugboard/shared-contracts';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError } from '../common/domain-error';
import { ChainService } from '../governance/chain.service';
import { PluginLoaderService, type LoadedPlugin } from './plugin-loader.service';

const AUDIT_LOGGER = 'AuditLoggerPlugin';
const CUSTOM_METRICS = 'CustomMetricsPlugin';

export function identityOf(user: AuthUser | null): PluginIdentity | null {
  if (!user) return null;
  return { userId: user.id, email: user.email, platformRole: user.platformRole, scopes: [...user.scopes], via: user.via };
}

export function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** One hook run under its time limit, as the pipeline and the playground both see it. */
export interface HookRun<P> {
  outcome: 'continue' | 'modified' | 'violation' | 'error' | 'timeout';
  result: HookResult<P> | null;
  error: string | null;
  durationMs: number;
}

export async function runHook<P>(
  handler: (payload: P, context: HookContext) => HookResult<P> | Promise<HookResult<P>>,
  payload: P,
  context: Omit<HookContext, 'signal'>,
  limitMs: number,
): Promise<HookRun<P>> {
  const settled = await settleWithin((signal) => handler(payload, { ...context, signal }), limitMs);
  const durationMs = round3(settled.elapsedMs);
  if (settled.kind === 'timeout') return { outcome: 'timeout', result: null, error: `time limit of ${limitMs} ms exceeded`, durationMs };
  if (settled.kind === 'error') {
    const message = settled.error instanceof Error ? settled.error.message : String(settled.error);
    return { outcome: 'error', result: null, error: message, durationMs };
  }
  const result = settled.value;
  if (!result || typeof result !== 'object' || typeof result.continueProcessing !== 'boolean') {
    return { outcome: 'error', result: null, error: 'the hook returned no HookResult', durationMs };
  }
  if (!result.continueProcessing || result.violation) return { outcome: 'violation', result, error: null, durationMs };
  return { outcome: result.modifiedPayload !== undefined ? 'modified' : 'continue', result, error: null, durationMs };
}

interface ActivePlugin {
  entry: ChainEntry;
  plugin: LoadedPlugin;
}

export interface ToolCall {
  caller: AuthUser;
  requestId: string | null;
  server: { id: string; name: string };
  tool: { name: string; resource: string | null };
  arguments: Record<string, unknown>;
  target: (args: Record<string, unknown>) => Promise<unknown>;
}

/** Runs a tool call through its server's resolved chain: pre-hooks, the target, post-hooks (SPEC 7). */
@Injectable()
export class PluginPipelineService {
  private readonly logger = new Logger('PluginPipeline');

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly chains: ChainService,
    private readonly loader: PluginLoaderService,
  ) {}

  async invokeTool(call: ToolCall): Promise<{ result: unknown; trace: TraceEntry[] }> {
    const started = performance.now();
    const { chain } = await this.chains.forServer(call.server.id);
    const trace: TraceEntry[] = [];
    const active: ActivePlugin[] = [];
    for (const entry of chain) {
      const plugin = this.loader.get(entry.name);
      if (entry.mode === 'disabled') trace.push({ plugin: entry.name, hook: '*', outcome: 'skipped', durationMs: 0, detail: 'mode disabled' });
      else if (!plugin) trace.push({ plugin: entry.name, hook: '*', outcome: 'skipped', durationMs: 0, detail: `not loaded: ${this.loader.failure(entry.name) ?? 'plugin package not loaded'}` });
      else active.push({ entry, plugin });
    }
    const state = new Map<string, unknown>();
    const identity = identityOf(call.caller);
    let payload: ToolPayload = { server: call.server, tool: call.tool, arguments: call.arguments };
    const finish = (outcome: ToolCallOutcome, violationCode: string | null): void =>
      this.record(active, trace, payload, identity, call.requestId, outcome, violationCode, performance.now() - started);

    let shortCircuit: { value: unknown } | null = null;
    for (const { entry, plugin } of active) {
      const outcome = await this.step(entry, plugin, 'tool_pre_invoke', payload, identity, call.requestId, state, trace, finish);
      if (outcome) {
        payload = outcome.payload ?? payload;
        if (outcome.shortCircuit && !shortCircuit) shortCircuit = outcome.shortCircuit;
      }
    }

    let result: unknown;
    if (shortCircuit) result = shortCircuit.value;
    else {
      try {
        result = await call.target(payload.arguments);
      } catch (error) {
        finish('error', null);
        throw error;
      }
    }

    payload = { ...payload, result };
    for (const { entry, plugin } of active) {
      const outcome = await this.step(entry, plugin, 'tool_post_invoke', payload, identity, call.requestId, state, trace, finish);
      if (outcome?.payload) payload = { ...outcome.payload, result: outcome.payload.result };
    }
    this.recordHookMetrics(active, trace);
    return { result: payload.result, trace };
  }

  /** Runs one hook; answers the payload the next step sees, or throws the 403 that blocks the call. */
  private async step(
    entry: ChainEntry,
    plugin: LoadedPlugin,
    hook: HookName,
    payload: ToolPayload,
    identity: PluginIdentity | null,
    requestId: string | null,
    state: Map<string, unknown>,
    trace: TraceEntry[],
    finish: (outcome: ToolCallOutcome, violationCode: string | null) => void,
  ): Promise<{ payload?: ToolPayload; shortCircuit?: { value: unknown } } | null> {
    const handler = plugin.manifest.hooks[hook];
    if (!handler) return null;
    const context = { config: entry.config as Record<string, unknown>, level: entry.level, mode: entry.mode, hook, identity, requestId, state };
    const run = await runHook<ToolPayload>(handler as never, payload, context, this.settings.pluginHookTimeoutMs);
    const traceEntry: TraceEntry = { plugin: entry.name, hook, outcome: run.outcome, durationMs: run.durationMs };
    trace.push(traceEntry);
    let violation: Violation | null = null;
    if (run.outcome === 'error' || run.outcome === 'timeout') {
      violation = { code: run.outcome === 'timeout' ? 'PLUGIN_TIMEOUT' : 'PLUGIN_ERROR', reason: `${entry.name} failed: ${run.error}` };
      traceEntry.detail = violation.reason;
    } else if (run.outcome === 'violation') {
      violation = run.result?.violation ?? { code: 'PLUGIN_VIOLATION', reason: `${entry.name} stopped the call` };
      traceEntry.detail = `${violation.code}: ${violation.reason}`;
    }
    if (violation) {
      if (entry.mode === 'enforce') {
        finish(run.outcome === 'violation' ? 'blocked' : 'error', violation.code);
        throw new DomainError('PLUGIN_VIOLATION', violation.reason, { plugin: entry.name, violation, trace });
      }
      this.logger.warn(`${entry.name} ${hook} (permissive): ${violation.code}: ${violation.reason}`);
      return null;
    }
    const result = run.result;
    return {
      ...(result?.modifiedPayload !== undefined ? { payload: result.modifiedPayload } : {}),
      ...(hook === 'tool_pre_invoke' && result?.shortCircuitResult !== undefined ? { shortCircuit: { value: result.shortCircuitResult } } : {}),
    };
  }

  /** Blocked and failed calls never reach the post-hooks: the audit logger and metrics get them here. */
  private record(
    active: ActivePlugin[],
    trace: TraceEntry[],
    payload: ToolPayload,
    identity: PluginIdentity | null,
    requestId: string | null,
    outcome: ToolCallOutcome,
    violationCode: string | null,
    durationMs: number,
  ): void {
    try {
      const audit = active.find((a) => a.entry.name === AUDIT_LOGGER);
      if (audit) AuditLoggerPluginModule.hooks().record({ payload, identity, requestId, outcome, violationCode, durationMs }, audit.entry.config);
      const metrics = this.loader.metricsHooks();
      if (metrics && active.some((a) => a.entry.name === CUSTOM_METRICS)) metrics.recordToolCall(payload.server.name, payload.tool.name, outcome, durationMs);
      this.recordHookMetrics(active, trace);
    } catch (error) {
      this.logger.error(`recording a ${outcome} call failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private recordHookMetrics(active: ActivePlugin[], trace: TraceEntry[]): void {
    const metrics = this.loader.metricsHooks();
    if (!metrics) return;
    if (!active.some((a) => a.entry.name === CUSTOM_METRICS)) return;
    for (const t of trace) {
      if (t.outcome === 'skipped') continue;
      metrics.recordPluginHook(t.plugin, t.hook, t.outcome, t.durationMs);
    }
  }
}
