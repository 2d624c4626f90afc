import { Inject, Injectable, Logger } from '@nestjs/common';
import { PolicySnapshotService } from '../admin-ops/policy-snapshot.service';
import { In, type EntityManager } from 'typeorm';
import type { RegistryEntry } from '@plugboard/governance';
import type { RegistrySyncReport } from '@plugboard/shared-contracts';
import { SETTINGS, type Settings } from '../config/settings';
import { AuditService, SYSTEM_ACTOR, type AuditActor, type AuditRecord } from '../governance/audit.service';
import { ChainCacheService } from '../governance/chain-cache.service';
import { GovernanceLockService } from '../governance/governance-lock.service';
import { PluginSchemasService } from '../governance/plugin-schemas.service';
import { RegistryEntryEntity } from '../governance/registry-entry.entity';
import { registryEntityFields, toRegistryEntry } from '../governance/registry.mapper';
import { PluginsConfigMissingError, readPluginsConfig } from './plugins-config';
import {
  KEPT_REASON, planRegistrySync, policyValues, type PolicyField, type PolicyValues, type SyncPlan,
} from './registry-sync.util';

export interface SyncOptions {
  actor: AuditActor;
  force?: boolean;
  dryRun?: boolean;
  reason?: string | null;
  /** Defaults to PLUGBOARD_PLUGINS_CONFIG. */
  file?: string;
}

function pick(entry: RegistryEntry, fields: readonly PolicyField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, entry[field]]));
}

function toReport(plan: SyncPlan, file: string, options: { force: boolean; dryRun: boolean }): RegistrySyncReport {
  return {
    file,
    dryRun: options.dryRun,
    force: options.force,
    created: plan.creates.map((c) => c.entry.name),
    updated: plan.updates.filter((u) => u.fields.length > 0).map((u) => ({ name: u.next.name, fields: [...u.fields] })),
    kept: plan.kept.map((k) => ({ name: k.name, fields: [...k.fields], reason: KEPT_REASON })),
    removed: plan.removes.map((e) => e.name),
    unchanged: plan.unchanged,
    warnings: plan.warnings,
  };
}

export function summarizeSync(report: RegistrySyncReport): string {
  const { created, updated, kept, removed, unchanged } = report;
  return `${created.length} created, ${updated.length} updated, ${kept.length} with API changes kept, ${removed.length} removed, ${unchanged.length} unchanged`;
}

/**
 * `plugins.config.yaml` → global_plugin_registry (SPEC 8), at start-up, from the CLI and the admin API:
 * one governance transaction, audited row by row; settings of removed plugins stay (they become ignored rows).
 */
@Injectable()
export class RegistrySyncService {
  private readonly logger = new Logger('RegistrySync');

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly lock: GovernanceLockService,
    private readonly audit: AuditService,
    private readonly cache: ChainCacheService,
    private readonly schemas: PluginSchemasService,
    private readonly snapshots: PolicySnapshotService,
  ) {}

  /** Throws PluginsConfigError (422 CONFIG_INVALID) listing every file:line when the YAML is invalid. */
  async sync(options: SyncOptions): Promise<RegistrySyncReport> {
    const force = options.force ?? false;
    const dryRun = options.dryRun ?? false;
    const config = readPluginsConfig(options.file ?? this.settings.pluginsConfigPath, {
      configSchemaFor: (entry) => this.schemas.schemaFor(entry.name),
      // A mandatory plugin nothing installed provides would leave chains without it: refused.
      isKnownKind: (kind) => this.schemas.isInstalledKind(kind),
    });
    const { report, wrote } = await this.lock.run(async (em) => {
      const rows = await em.getRepository(RegistryEntryEntity).find({ order: { name: 'ASC' } });
      const stored = rows.map((row) => ({ entry: toRegistryEntry(row), lastSynced: row.lastSynced as PolicyValues | null }));
      const plan = planRegistrySync(config.entries, stored, { force });
      const outcome = toReport(plan, config.file, { force, dryRun });
      if (dryRun) return { report: outcome, wrote: false };
      const changes = outcome.created.length + outcome.updated.length + outcome.removed.length;
      // Like promote, demote and restore, a sync that changes the registry can be rolled back.
      if (changes > 0) await this.snapshots.take(em, 'sync', options.actor, options.reason ?? 'registry sync');
      const wrote = await this.apply(em, plan, rows, options);
      return { report: outcome, wrote };
    });
    if (wrote) await this.cache.renew(['registry']);
    return report;
  }

  /**
   * At start-up, after migrations and before the seed. Invalid YAML throws (the process must not start);
   * a missing file leaves the registry as it is, with a warning.
   */
  async syncAtStartup(): Promise<RegistrySyncReport | null> {
    try {
      const report = await this.sync({ actor: SYSTEM_ACTOR, reason: 'start-up sync' });
      this.logger.log(`Synced ${report.file}: ${summarizeSync(report)}`);
      for (const kept of report.kept) this.logger.warn(`${kept.name}: kept ${kept.fields.join(', ')} (${kept.reason})`);
      for (const warning of report.warnings) this.logger.warn(warning);
      return report;
    } catch (error) {
      if (!(error instanceof PluginsConfigMissingError)) throw error;
      this.logger.warn(`${error.file} does not exist: the plugin registry is left as it is`);
      return null;
    }
  }

  private async apply(em: EntityManager, plan: SyncPlan, rows: RegistryEntryEntity[], options: SyncOptions): Promise<boolean> {
    const repo = em.getRepository(RegistryEntryEntity);
    const byName = new Map(rows.map((row) => [row.name, row]));
    const reason = options.reason ?? null;
    const records: AuditRecord[] = [];
    const record = (action: string, row: RegistryEntryEntity, oldValue: AuditRecord['oldValue'], newValue: AuditRecord['newValue']): void => {
      records.push({ action, level: 'global', pluginName: row.name, entityType: 'registry', entityId: row.id, entityName: row.name, oldValue, newValue, reason });
    };

    const created = plan.creates.map(({ entry, lastSynced }) =>
      repo.create({ ...registryEntityFields(entry), managedBy: 'yaml', lastSynced, revision: 1 }),
    );
    if (created.length > 0) await repo.save(created);
    for (const row of created) record('registry.created', row, null, policyValues(toRegistryEntry(row)));

    const updated: RegistryEntryEntity[] = [];
    for (const update of plan.updates) {
      const row = byName.get(update.next.name) as RegistryEntryEntity;
      Object.assign(row, registryEntityFields(update.next), {
        lastSynced: update.lastSynced,
        managedBy: update.kept.length > 0 ? 'api' : 'yaml',
        revision: row.revision + (update.fields.length > 0 ? 1 : 0),
      });
      updated.push(row);
      if (update.fields.length > 0) record('registry.synced', row, pick(update.previous, update.fields), pick(update.next, update.fields));
    }
    if (updated.length > 0) await repo.save(updated);

    const removed = plan.removes.map((entry) => byName.get(entry.name) as RegistryEntryEntity);
    if (removed.length > 0) await repo.delete({ id: In(removed.map((row) => row.id)) });
    for (const row of removed) record('registry.removed', row, policyValues(toRegistryEntry(row)), null);

    await this.audit.record(em, options.actor, records);
    return created.length + updated.length + removed.length > 0;
  }
}
