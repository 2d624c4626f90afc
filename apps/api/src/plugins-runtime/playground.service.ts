import { Inject, Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { availableAt, validateConfig, type JsonObject, type JsonValue } from '@plugboard/governance';
import type { HookHandler, HookPayload, HookResult } from '@plugboard/plugin-sdk';
import { CallLogBatcher, createAuditLoggerHooks } from '@plugboard/plugin-audit-logger';
import { createCachingHooks, MemoryCachingStore } from '@plugboard/plugin-caching';
import { createMetricsHooks } from '@plugboard/plugin-custom-metrics';
import type { HookName, PluginTestResult } from '@plugboard/shared-contracts';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError, type FieldError } from '../common/domain-error';
import { RegistryStore } from '../governance/registry.store';
import { PluginLoaderService, type LoadedPlugin } from './plugin-loader.service';
import { identityOf, round3, runHook } from './plugin-pipeline.service';
import type { PluginTestDto } from './playground.dto';

/**
 * The built-in plugins that write somewhere get throwaway dependencies in the playground: an in-memory
 * cache, a no-op call log, a private metrics registry. Every other plugin's hook runs as it ships.
 */
function isolatedHandler(plugin: LoadedPlugin, hook: HookName): HookHandler | undefined {
  const pick = (hooks: Partial<Record<string, unknown>>): HookHandler | undefined => hooks[hook] as HookHandler | undefined;
  switch (plugin.kind) {
    case '@plugboard/plugin-caching':
      return pick(createCachingHooks(new MemoryCachingStore()) as unknown as Record<string, unknown>);
    case '@plugboard/plugin-audit-logger':
      return pick(createAuditLoggerHooks(new CallLogBatcher(() => Promise.resolve())) as unknown as Record<string, unknown>);
    case '@plugboard/plugin-custom-metrics':
      return pick(createMetricsHooks(new Registry()) as unknown as Record<string, unknown>);
    default:
      return plugin.manifest.hooks[hook] as HookHandler | undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where a payload does not have the shape its hook expects (SPEC 7 hook payloads). */
export function payloadErrors(hook: HookName, payload: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const server = payload['server'];
  if (!isObject(server) || typeof server['id'] !== 'string' || typeof server['name'] !== 'string') {
    errors.push({ pointer: '/payload/server', message: 'must be an object with string id and name' });
  }
  if (hook.startsWith('tool_')) {
    const tool = payload['tool'];
    if (!isObject(tool) || typeof tool['name'] !== 'string' || !(tool['resource'] === undefined || tool['resource'] === null || typeof tool['resource'] === 'string')) {
      errors.push({ pointer: '/payload/tool', message: 'must be an object with a string name and a string or null resource' });
    }
    if (!isObject(payload['arguments'])) errors.push({ pointer: '/payload/arguments', message: 'must be an object' });
  } else {
    if (typeof payload['uri'] !== 'string') errors.push({ pointer: '/payload/uri', message: 'must be a string' });
    if (payload['arguments'] !== undefined && !isObject(payload['arguments'])) errors.push({ pointer: '/payload/arguments', message: 'must be an object' });
  }
  return errors;
}

/** POST /admin/plugins/test: one plugin's hook on a sample payload, isolated (no writes, no signals, a time limit). */
@Injectable()
export class PlaygroundService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly registry: RegistryStore,
    private readonly loader: PluginLoaderService,
  ) {}

  async test(caller: AuthUser, dto: PluginTestDto): Promise<PluginTestResult> {
    const { entries } = await this.registry.current();
    const entry = entries.find((e) => e.name === dto.pluginName);
    if (!entry) throw new DomainError('PLUGIN_NOT_FOUND', `Plugin ${dto.pluginName} is not in the registry`);
    if (caller.platformRole !== 'admin' && !(availableAt(entry, 'team') || availableAt(entry, 'user') || availableAt(entry, 'server'))) {
      throw new DomainError('PLUGIN_NOT_AVAILABLE', `${entry.name} is available to platform admins only`);
    }
    const plugin = this.loader.get(entry.name);
    if (!plugin) throw new DomainError('PLUGIN_NOT_AVAILABLE', `${entry.name} is not loaded: ${this.loader.failure(entry.name) ?? 'plugin package not loaded'}`);
    const config = dto.config ?? {};
    const configErrors = validateConfig(plugin.manifest.configSchema as JsonObject, config as JsonValue, { partial: false });
    if (configErrors.length > 0) {
      throw new DomainError('CONFIG_INVALID', `The config does not match ${entry.name}'s schema: ${configErrors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}`, {
        errors: configErrors.map((e) => ({ pointer: `/config${e.pointer}`, message: e.message })),
      });
    }
    const shapeErrors = payloadErrors(dto.hook, dto.payload);
    if (shapeErrors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `The payload is not a ${dto.hook} payload: ${shapeErrors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`, { errors: shapeErrors });
    }
    const handler = isolatedHandler(plugin, dto.hook);
    if (!handler) {
      return { result: { continueProcessing: true }, modifiedPayload: null, durationMs: 0, errors: [`${entry.name} implements no ${dto.hook} hook`] };
    }
    const payload = structuredClone(dto.payload) as unknown as HookPayload;
    const run = await runHook<HookPayload>(
      handler as (p: HookPayload, c: Parameters<HookHandler>[1]) => HookResult<HookPayload> | Promise<HookResult<HookPayload>>,
      payload,
      { config, level: entry.mandatory ? 'mandatory' : 'global', mode: entry.mode, hook: dto.hook, identity: identityOf(caller), requestId: null, state: new Map() },
      this.settings.pluginHookTimeoutMs,
    );
    if (run.outcome === 'error' || run.outcome === 'timeout') {
      const code = run.outcome === 'timeout' ? 'PLUGIN_TIMEOUT' : 'PLUGIN_ERROR';
      return { result: { continueProcessing: false, violation: { code, reason: `${entry.name} failed: ${run.error}` } }, modifiedPayload: null, durationMs: round3(run.durationMs), errors: [run.error ?? code] };
    }
    const result = run.result as HookResult<HookPayload>;
    return {
      result: { continueProcessing: result.continueProcessing, ...(result.violation ? { violation: result.violation } : {}) },
      modifiedPayload: result.modifiedPayload ?? null,
      durationMs: run.durationMs,
      errors: [],
    };
  }
}
