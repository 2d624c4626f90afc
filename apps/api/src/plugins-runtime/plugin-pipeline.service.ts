import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ChainEntry } from '@plugboard/governance';
import {
  settleWithin, type FetchPayload, type HookContext, type HookName, type HookPayload, type HookResult, type PluginIdentity, type ToolPayload, type Violation,
} from '@plugboard/plugin-sdk';
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

/** One call's walk through its server's chain: the plugins that run, what they shared, the trace so far. */
interface ChainRun {
  active: ActivePlugin[];
  /** The first plugin in `enforce` mode that is in the chain but not loaded: the call cannot be policed. */
  unavailable: { name: string; reason: string } | null;
  trace: TraceEntry[];
  state: Map<string, unknown>;
  identity: PluginIdentity | null;
  requestId: string | null;
  started: number;
}

/** Called once when a call ends early (blocked by a plugin, or its target failed), with the payload as far as it got. */
type OnStop<P> = (outcome: ToolCallOutcome, violationCode: string | null, payload: P) => void;

export interface ToolCall {
  caller: AuthUser;
  requestId: string | null;
  server: { id: string; name: string };
  tool: { name: string; resource: string | null };
  arguments: Record<string, unknown>;
  target: (args: Record<string, unknown>) => Promise<unknown>;
}

/** A resource read or a prompt rendering: `fetch` gets the payload the pre-fetch hooks left and answers the content. */
export interface FetchCall {
  caller: AuthUser;
  requestId: string | null;
  server: { id: string; name: string };
  /** A resource's URI, or a prompt's name. */
  uri: string;
  arguments?: Record<string, unknown>;
  fetch: (payload: FetchPayload) => Promise<unknown>;
}

const FETCH_HOOKS = {
  resource: { pre: 'resource_pre_fetch', post: 'resource_post_fetch' },
  prompt: { pre: 'prompt_pre_fetch', post: 'prompt_post_fetch' },
} as const satisfies Record<string, { pre: HookName; post: HookName }>;

const PRE_HOOKS: ReadonlySet<HookName> = new Set(['tool_pre_invoke', 'resource_pre_fetch', 'prompt_pre_fetch']);

/**
 * Runs a call through its server's resolved chain (SPEC 7): the pre-hooks, the target (a tool,
 * a resource read, a prompt rendering), then the post-hooks, with the same modes, time limits,
 * fail-closed rule and trace for every kind.
 */
@Injectable()
export class PluginPipelineService {
  private readonly logger = new Logger('PluginPipeline');

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly chains: ChainService,
    private readonly loader: PluginLoaderService,
  ) {}

  async invokeTool(call: ToolCall): Promise<{ result: unknown; trace: TraceEntry[] }> {
    const run = await this.begin(call.server.id, call.caller, call.requestId);
    let payload: ToolPayload = { server: call.server, tool: call.tool, arguments: call.arguments };
    const stop: OnStop<ToolPayload> = (outcome, violationCode, at) => this.record(run, at, outcome, violationCode);
    this.refuseUnpoliced(run, payload, stop);

    const pre = await this.phase(run, 'tool_pre_invoke', payload, stop);
    payload = pre.payload;
    let result: unknown;
    if (pre.shortCircuit) result = pre.shortCircuit.value;
    else {
      try {
        result = await call.target(payload.arguments);
      } catch (error) {
        stop('error', null, payload);
        throw error;
      }
    }

    payload = (await this.phase(run, 'tool_post_invoke', { ...payload, result }, stop)).payload;
    this.recordHookMetrics(run);
    return { result: payload.result, trace: run.trace };
  }

  /** A resource read through `resource_pre_fetch`, the fetch, `resource_post_fetch`. */
  fetchResource(call: FetchCall): Promise<{ content: unknown; trace: TraceEntry[] }> {
    return this.fetchThroughChain('resource', call);
  }

  /** A prompt rendering through `prompt_pre_fetch`, the rendering, `prompt_post_fetch`. */
  getPrompt(call: FetchCall): Promise<{ content: unknown; trace: TraceEntry[] }> {
    return this.fetchThroughChain('prompt', call);
  }

  private async fetchThroughChain(kind: keyof typeof FETCH_HOOKS, call: FetchCall): Promise<{ content: unknown; trace: TraceEntry[] }> {
    const hooks = FETCH_HOOKS[kind];
    const run = await this.begin(call.server.id, call.caller, call.requestId);
    // tool_call_log and the tool-call metrics count tool calls only; hook runs are counted for every kind.
    const stop: OnStop<FetchPayload> = () => this.recordHookMetrics(run);
    let payload: FetchPayload = { server: call.server, uri: call.uri, ...(call.arguments ? { arguments: call.arguments } : {}) };
    this.refuseUnpoliced(run, payload, stop);

    const pre = await this.phase(run, hooks.pre, payload, stop);
    payload = pre.payload;
    let content: unknown;
    if (pre.shortCircuit) content = pre.shortCircuit.value;
    else {
      try {
        content = await call.fetch(payload);
      } catch (error) {
        stop('error', null, payload);
        throw error;
      }
    }

    payload = (await this.phase(run, hooks.post, { ...payload, content }, stop)).payload;
    this.recordHookMetrics(run);
    return { content: payload.content, trace: run.trace };
  }

  /** The chain of the server, split into the plugins that run and trace entries for those skipped. */
  private async begin(serverId: string, caller: AuthUser, requestId: string | null): Promise<ChainRun> {
    const started = performance.now();
    const { chain } = await this.chains.forServer(serverId);
    const trace: TraceEntry[] = [];
    const active: ActivePlugin[] = [];
    let unavailable: ChainRun['unavailable'] = null;
    for (const entry of chain) {
      const plugin = this.loader.get(entry.name);
      if (entry.mode === 'disabled') trace.push({ plugin: entry.name, hook: '*', outcome: 'skipped', durationMs: 0, detail: 'mode disabled' });
      else if (!plugin) {
        const reason = `not loaded: ${this.loader.failure(entry.name) ?? 'plugin package not loaded'}`;
        // Fail closed: an enforcing plugin that cannot run blocks the call, as a hook that throws would.
        if (entry.mode === 'enforce') unavailable ??= { name: entry.name, reason };
        trace.push({ plugin: entry.name, hook: '*', outcome: entry.mode === 'enforce' ? 'error' : 'skipped', durationMs: 0, detail: reason });
      } else active.push({ entry, plugin });
    }
    return { active, unavailable, trace, state: new Map(), identity: identityOf(caller), requestId, started };
  }

  /** Blocks the call when an enforcing plugin of the chain is not loaded (403 PLUGIN_VIOLATION, PLUGIN_UNAVAILABLE). */
  private refuseUnpoliced<P>(run: ChainRun, payload: P, stop: OnStop<P>): void {
    if (!run.unavailable) return;
    const { name, reason } = run.unavailable;
    const violation = { code: 'PLUGIN_UNAVAILABLE', reason: `${name} is in enforce mode but ${reason}` };
    stop('blocked', violation.code, payload);
    throw new DomainError('PLUGIN_VIOLATION', violation.reason, { plugin: name, violation, trace: run.trace });
  }

  /** Runs one hook of every active plugin in chain order; the first short-circuit answer of a pre-hook wins. */
  private async phase<P extends HookPayload>(run: ChainRun, hook: HookName, payload: P, stop: OnStop<P>): Promise<{ payload: P; shortCircuit: { value: unknown } | null }> {
    let current = payload;
    let shortCircuit: { value: unknown } | null = null;
    for (const active of run.active) {
      const outcome = await this.step(run, active, hook, current, stop);
      if (!outcome) continue;
      current = outcome.payload ?? current;
      if (outcome.shortCircuit && !shortCircuit) shortCircuit = outcome.shortCircuit;
    }
    return { payload: current, shortCircuit };
  }

  /** Runs one hook; answers the payload the next step sees, or throws the 403 that blocks the call. */
  private async step<P extends HookPayload>(
    run: ChainRun,
    { entry, plugin }: ActivePlugin,
    hook: HookName,
    payload: P,
    stop: OnStop<P>,
  ): Promise<{ payload?: P; shortCircuit?: { value: unknown } } | null> {
    const handler = plugin.manifest.hooks[hook];
    if (!handler) return null;
    const context = { config: entry.config as Record<string, unknown>, level: entry.level, mode: entry.mode, hook, identity: run.identity, requestId: run.requestId, state: run.state };
    const result = await runHook<P>(handler as never, payload, context, this.settings.pluginHookTimeoutMs);
    const traceEntry: TraceEntry = { plugin: entry.name, hook, outcome: result.outcome, durationMs: result.durationMs };
    run.trace.push(traceEntry);
    let violation: Violation | null = null;
    if (result.outcome === 'error' || result.outcome === 'timeout') {
      violation = { code: result.outcome === 'timeout' ? 'PLUGIN_TIMEOUT' : 'PLUGIN_ERROR', reason: `${entry.name} failed: ${result.error}` };
      traceEntry.detail = violation.reason;
    } else if (result.outcome === 'violation') {
      violation = result.result?.violation ?? { code: 'PLUGIN_VIOLATION', reason: `${entry.name} stopped the call` };
      traceEntry.detail = `${violation.code}: ${violation.reason}`;
    }
    if (violation) {
      if (entry.mode === 'enforce') {
        stop(result.outcome === 'violation' ? 'blocked' : 'error', violation.code, payload);
        throw new DomainError('PLUGIN_VIOLATION', violation.reason, { plugin: entry.name, violation, trace: run.trace });
      }
      this.logger.warn(`${entry.name} ${hook} (permissive): ${violation.code}: ${violation.reason}`);
      return null;
    }
    const hookResult = result.result;
    return {
      ...(hookResult?.modifiedPayload !== undefined ? { payload: hookResult.modifiedPayload } : {}),
      ...(PRE_HOOKS.has(hook) && hookResult?.shortCircuitResult !== undefined ? { shortCircuit: { value: hookResult.shortCircuitResult } } : {}),
    };
  }

  /** Blocked and failed tool calls never reach the post-hooks: the audit logger and metrics get them here. */
  private record(run: ChainRun, payload: ToolPayload, outcome: ToolCallOutcome, violationCode: string | null): void {
    const durationMs = performance.now() - run.started;
    try {
      const audit = run.active.find((a) => a.entry.name === AUDIT_LOGGER);
      if (audit) AuditLoggerPluginModule.hooks().record({ payload, identity: run.identity, requestId: run.requestId, outcome, violationCode, durationMs }, audit.entry.config);
      const metrics = this.loader.metricsHooks();
      if (metrics && run.active.some((a) => a.entry.name === CUSTOM_METRICS)) metrics.recordToolCall(payload.server.name, payload.tool.name, outcome, durationMs);
      this.recordHookMetrics(run);
    } catch (error) {
      this.logger.error(`recording a ${outcome} call failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private recordHookMetrics({ active, trace }: ChainRun): void {
    try {
      const metrics = this.loader.metricsHooks();
      if (!metrics) return;
      if (!active.some((a) => a.entry.name === CUSTOM_METRICS)) return;
      for (const t of trace) {
        if (t.outcome === 'skipped') continue;
        metrics.recordPluginHook(t.plugin, t.hook, t.outcome, t.durationMs);
      }
    } catch (error) {
      this.logger.error(`recording hook metrics failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
