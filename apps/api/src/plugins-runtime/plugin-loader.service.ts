import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { JsonObject, RegistryEntry } from '@plugboard/governance';
import type { PluginManifest } from '@plugboard/plugin-sdk';
import { AuditLoggerPluginModule, type CallLogBatcher, type ToolCallLogRow } from '@plugboard/plugin-audit-logger';
import { CachingPluginModule, type CachingStore } from '@plugboard/plugin-caching';
import { CustomMetricsPluginModule, type MetricsHooks } from '@plugboard/plugin-custom-metrics';
import { SETTINGS, type Settings } from '../config/settings';
import { CacheService } from '../cache/cache.service';
import { MetricsService } from '../health/metrics.service';
import { PluginSchemasService } from '../governance/plugin-schemas.service';
import { RegistryStore } from '../governance/registry.store';
import { PluginsConfigError, readPluginsConfig } from '../registry/plugins-config';
import { BUILTIN_PLUGIN_KINDS } from './builtin-plugins';
import {
  discoverPluginPackages,
  discoverPluginPackagesIn,
  loadDiscovered,
  pluginFromExports,
  PluginLoadError,
  type DiscoveredPackage,
  type LoadedKind,
} from './plugin-discovery';
import { ToolCallLogEntity } from './tool-call-log.entity';
import { callLogReaderOver } from './tool-call-log.reader';

/** A loaded plugin, by registry name. */
export interface LoadedPlugin {
  name: string;
  kind: string;
  manifest: PluginManifest;
  module: unknown;
}

/** The caching plugin's store over the platform cache (in-process, or Redis). */
export function cacheStoreOver(cache: CacheService): CachingStore {
  return {
    get: (key) => cache.get(`plugin:caching:${key}`),
    set: (key, entry, ttlSeconds) => cache.set(`plugin:caching:${key}`, entry, ttlSeconds),
  };
}

/**
 * Loads every plugin the registry names at start-up (SPEC 7): the built-in kinds and installed packages
 * whose package.json has a `plugboard` field. A mandatory plugin that fails stops start-up (fail closed);
 * an optional one is reported unavailable and the platform starts.
 */
@Injectable()
export class PluginLoaderService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PluginLoader');
  private readonly byName = new Map<string, LoadedPlugin>();
  private readonly failures = new Map<string, string>();
  private readonly kinds = new Map<string, LoadedKind | PluginLoadError>();
  private metricHooks: MetricsHooks | null = null;
  private callLogBatcher: CallLogBatcher | null = null;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly schemas: PluginSchemasService,
    private readonly registry: RegistryStore,
    private readonly cache: CacheService,
    private readonly metrics: MetricsService,
    @InjectRepository(ToolCallLogEntity) private readonly callLog: Repository<ToolCallLogEntity>,
  ) {}

  async onModuleInit(): Promise<void> {
    this.discover();
    this.schemas.registerInstalledKinds([...this.kinds.entries()].filter(([, kind]) => !(kind instanceof PluginLoadError)).map(([name]) => name));
    this.wireDependencies();
    const entries = await this.registryEntries();
    for (const entry of entries) this.load(entry);
    this.registerSchemas();
  }

  /** Rows still buffered are written before the database closes. */
  async onModuleDestroy(): Promise<void> {
    try {
      await this.callLogBatcher?.flush();
    } catch (error) {
      this.logger.warn(`tool_call_log rows not written at shutdown: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The loaded plugin a registry name refers to, or null. */
  get(name: string): LoadedPlugin | null {
    return this.byName.get(name) ?? null;
  }

  /** The custom-metrics hooks over the platform registry, for calls that end before post-invoke. */
  metricsHooks(): MetricsHooks | null {
    return this.metricHooks;
  }

  /** Why a registry plugin is unavailable, or null when it is loaded (or unknown). */
  failure(name: string): string | null {
    return this.failures.get(name) ?? null;
  }

  /** A loaded kind's manifest by plugin name, for plugins not (yet) in the registry. */
  manifestByPluginName(name: string): PluginManifest | null {
    const loaded = this.byName.get(name);
    if (loaded) return loaded.manifest;
    for (const kind of this.kinds.values()) if (!(kind instanceof PluginLoadError) && kind.manifest.name === name) return kind.manifest;
    return null;
  }

  private discover(): void {
    for (const [kind, module] of Object.entries(BUILTIN_PLUGIN_KINDS)) this.kinds.set(kind, pluginFromExports(kind, module));
    let explicit: DiscoveredPackage[] = [];
    try {
      explicit = discoverPluginPackagesIn(this.settings.pluginPaths ?? []);
    } catch (error) {
      if (!(error instanceof PluginLoadError)) throw error;
      this.kinds.set(error.kind, error);
      this.logger.warn(error.message);
    }
    for (const pkg of [...explicit, ...discoverPluginPackages()]) {
      if (this.kinds.has(pkg.name)) continue;
      try {
        this.kinds.set(pkg.name, loadDiscovered(pkg));
      } catch (error) {
        const failure = error instanceof PluginLoadError ? error : new PluginLoadError(pkg.name, String(error));
        this.kinds.set(pkg.name, failure);
        this.logger.warn(failure.message);
      }
    }
  }

  private wireDependencies(): void {
    CachingPluginModule.useStore(cacheStoreOver(this.cache));
    this.metricHooks = CustomMetricsPluginModule.useRegistry(this.metrics.registry);
    this.callLogBatcher = AuditLoggerPluginModule.useSink((rows) => this.writeCallLog(rows));
    AuditLoggerPluginModule.useReader(callLogReaderOver(this.callLog));
  }

  private async writeCallLog(rows: readonly ToolCallLogRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.callLog.insert(
      rows.map((row) =>
        this.callLog.create({
          id: randomUUID(),
          at: row.occurredAt,
          serverId: row.serverId,
          serverName: row.serverName.slice(0, 200),
          toolName: row.toolName.slice(0, 200),
          userId: row.userId,
          outcome: row.outcome,
          durationMs: row.durationMs,
          arguments: (row.arguments ?? null) as Record<string, unknown> | null,
          result: (row.result ?? null) as Record<string, unknown> | null,
          pluginViolation: row.violationCode ? row.violationCode.slice(0, 200) : null,
        }),
      ) as QueryDeepPartialEntity<ToolCallLogEntity>[],
    );
  }

  /** The registry start-up will sync (the YAML file), else the one in the database. */
  private async registryEntries(): Promise<RegistryEntry[]> {
    try {
      return readPluginsConfig(this.settings.pluginsConfigPath).entries;
    } catch (error) {
      // An invalid or missing file is the sync's to report; fall back to what the database holds.
      if (!(error instanceof PluginsConfigError)) throw error;
      return (await this.registry.current()).entries;
    }
  }

  private load(entry: RegistryEntry): void {
    const kind = this.kinds.get(entry.kind);
    let reason: string | null = null;
    if (!kind) reason = `plugin package ${entry.kind} is not installed`;
    else if (kind instanceof PluginLoadError) reason = kind.message;
    else if (kind.manifest.name !== entry.name) reason = `package ${entry.kind} provides ${kind.manifest.name}, not ${entry.name}`;
    if (reason === null && kind && !(kind instanceof PluginLoadError)) {
      this.byName.set(entry.name, { name: entry.name, kind: entry.kind, manifest: kind.manifest, module: kind.module });
      return;
    }
    if (entry.mandatory) throw new Error(`Mandatory plugin ${entry.name} failed to load: ${reason}`);
    this.failures.set(entry.name, reason ?? 'failed to load');
    this.logger.warn(`Optional plugin ${entry.name} is unavailable: ${reason}`);
  }

  private registerSchemas(): void {
    for (const plugin of this.byName.values()) this.schemas.register(plugin.name, plugin.manifest.configSchema as JsonObject);
  }
}
