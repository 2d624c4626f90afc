import { Inject, Injectable, Logger } from '@nestjs/common';
import { CoreSignals } from '../signals/signals.module';
import { EntityManager } from 'typeorm';
import {
  checkSettingWrite,
  describeLevelPlugins,
  type AffectedServer,
  type JsonObject,
  type Layers,
  type SettingLevel,
  type SettingRow,
  type WritePlan,
} from '@plugboard/governance';
import { SETTINGS, type Settings } from '../config/settings';
import { isAdmin, type AuthUser } from '../auth/auth-user';
import { DomainError, notFound } from '../common/domain-error';
import { actorOf, AuditService, type AuditRecord } from './audit.service';
import { ChainCacheService, type ChainScope } from './chain-cache.service';
import type { SettingWrite } from './dto/plugin-setting.dto';
import { GovernanceLockService } from './governance-lock.service';
import { PluginSettingColumns } from './plugin-setting.columns';
import { ChainService } from './chain.service';
import { RegistryStore } from './registry.store';
import { ServerPluginEntity } from './server-plugin.entity';
import { layersOf, SettingRowsRepository, type StoredRow } from './setting-rows.repository';
import { TeamPluginEntity } from './team-plugin.entity';
import { UserPluginEntity } from './user-plugin.entity';

/** The entity whose settings are written, after the caller's access was checked. */
export interface SettingTarget {
  level: SettingLevel;
  id: string;
  name: string;
  /** For user rows: the team whose layer the user's template chain sees (one team only). */
  templateTeamId?: string | null;
  /** For server rows: the server's team and owner. */
  teamId?: string | null;
  ownerId?: string;
  /** The caller may write here (owner of the team, the user, the server's owner, an admin). */
  writable: boolean;
  /** For user rows: whether that user may customize plugins at all. */
  userCustomizationAllowed?: boolean;
}

export interface SettingView {
  pluginName: string;
  level: SettingLevel;
  enabled: boolean;
  config: JsonObject;
  priority: number | null;
  inheritConfig: boolean;
  version: number;
  updatedAt: string | null;
}

export interface WriteOutcome {
  dryRun: boolean;
  setting: SettingView | null;
  autoEnabled: string[];
  plan: WritePlan;
}

const ENTITY = { team: TeamPluginEntity, user: UserPluginEntity, server: ServerPluginEntity } as const;
const OWNER_FIELD = { team: 'teamId', user: 'userId', server: 'serverId' } as const;

function toView(row: StoredRow | SettingRow, version: number, updatedAt: string | Date | null): SettingView {
  return {
    pluginName: row.pluginName,
    level: row.level,
    enabled: row.enabled,
    config: row.config,
    priority: row.priority,
    inheritConfig: row.inheritConfig,
    version,
    updatedAt: updatedAt === null ? null : new Date(updatedAt).toISOString(),
  };
}

/** Plugin settings at the team, user and server levels: reads, and checked, audited writes. */
@Injectable()
export class SettingsService {
  private readonly logger = new Logger('Settings');
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly lock: GovernanceLockService,
    private readonly registry: RegistryStore,
    private readonly rows: SettingRowsRepository,
    private readonly audit: AuditService,
    private readonly cache: ChainCacheService,
    private readonly signals: CoreSignals,
    private readonly chains: ChainService,
  ) {}

  /** Every registry plugin as this level of this entity sees it, with the caller's rights. */
  async view(caller: AuthUser, target: SettingTarget): Promise<{ plugins: (ReturnType<typeof describeLevelPlugins>[number] & { setting: SettingView | null })[] }> {
    const [{ entries }, { layers, rows }] = await Promise.all([this.registry.current(), this.rows.load(this.owners(target))]);
    const views = describeLevelPlugins(entries, target.level, layers, {
      isPlatformAdmin: isAdmin(caller),
      mayWrite: target.writable,
      userCustomizationAllowed: target.userCustomizationAllowed,
    }, { rbacEnabled: this.settings.pluginRbacEnabled });
    const own = new Map(rows.filter((r) => r.level === target.level).map((r) => [r.pluginName, r]));
    return {
      plugins: views.map((v) => {
        const row = own.get(v.name);
        return { ...v, setting: row ? toView(row, row.version, row.updatedAt) : null };
      }),
    };
  }

  /** The entity's own rows at its level. */
  async list(target: SettingTarget): Promise<SettingView[]> {
    const { rows } = await this.rows.load({ [target.level]: target.id });
    return rows.map((r) => toView(r, r.version, r.updatedAt));
  }

  /**
   * Creates (`mode: create`), replaces (`put`) or deletes (`input: null`) the target's row for
   * a plugin. Check and write happen under the governance lock in one transaction with the
   * audit rows; the chains built from the target's scope are renewed after the commit.
   */
  async write(
    caller: AuthUser,
    target: SettingTarget,
    pluginName: string,
    input: SettingWrite | null,
    options: { mode: 'create' | 'put' | 'delete'; ifMatch?: number; dryRun?: boolean; reason?: string; requestId?: string },
  ): Promise<WriteOutcome> {
    if (!target.writable) throw new DomainError('FORBIDDEN', `You may read but not change these ${target.level} plugin settings`);
    const dryRun = input?.dryRun ?? options.dryRun ?? false;
    let affectedIds: string[] = [];
    const outcome = await this.lock.run(async (em) => {
      const registry = await this.registry.within(em);
      const { template, affected, own } = await this.context(em, target);
      affectedIds = target.level === 'server' ? [target.id] : affected.map((a) => a.serverId);
      const existing = own.find((r) => r.pluginName === pluginName);
      if (options.mode === 'create' && existing) {
        throw new DomainError('ALREADY_EXISTS', `${pluginName} already has a ${target.level} setting here; update it with PUT`);
      }
      if (options.mode === 'delete' && !existing) throw notFound(`The ${target.level} setting of ${pluginName}`);
      const expected = input?.version ?? options.ifMatch;
      if (expected !== undefined && existing?.version !== expected) {
        throw new DomainError('VERSION_CONFLICT', existing
          ? `The setting is at version ${existing.version}, not ${expected}: reload and retry`
          : `There is no setting at version ${expected} to replace`, { currentVersion: existing?.version ?? null });
      }
      const result = checkSettingWrite({
        registry,
        level: target.level,
        pluginName,
        row: input
          ? { enabled: input.enabled, config: (input.config ?? {}) as JsonObject, priority: input.priority ?? null, inheritConfig: input.inheritConfig ?? true }
          : null,
        actor: { isPlatformAdmin: isAdmin(caller), userCustomizationAllowed: target.userCustomizationAllowed ?? true },
        template,
        affectedServers: affected,
        autoEnableRequirements: input?.autoEnableRequirements ?? false,
      });
      if (!result.ok) {
        throw new DomainError(result.code, result.detail, {
          ...(result.errors ? { errors: result.errors } : {}),
          ...(result.problems ? { problems: result.problems } : {}),
          suggestions: result.suggestions,
        });
      }
      const written = result.upserts.find((r) => r.pluginName === pluginName) ?? null;
      if (dryRun) {
        return {
          dryRun: true,
          setting: written ? toView(written, existing ? existing.version + 1 : 1, null) : null,
          autoEnabled: result.autoEnabled,
          plan: result.plan,
        };
      }
      const records: AuditRecord[] = [];
      let saved: SettingView | null = null;
      for (const row of result.upserts) {
        const before = own.find((r) => r.pluginName === row.pluginName);
        const view = await this.upsert(em, target, row, before, caller.id);
        if (row.pluginName === pluginName) saved = view;
        records.push(this.auditRecord(target, row.pluginName, before ? 'setting.updated' : row.pluginName === pluginName ? 'setting.created' : 'setting.auto_enabled', before, view, input?.reason ?? options.reason));
      }
      for (const name of result.deletes) {
        const before = own.find((r) => r.pluginName === name);
        await em.getRepository<PluginSettingColumns>(ENTITY[target.level]).delete({ [OWNER_FIELD[target.level]]: target.id, pluginName: name } as never);
        records.push(this.auditRecord(target, name, 'setting.deleted', before, null, input?.reason ?? options.reason));
      }
      await this.audit.record(em, actorOf(caller, options.requestId), records);
      return { dryRun: false, setting: saved, autoEnabled: result.autoEnabled, plan: result.plan };
    });
    if (!outcome.dryRun) {
      await this.cache.renew([`${target.level}:${target.id}` as ChainScope]);
      await this.refreshChains(affectedIds);
      // After the commit: receivers never see a change that was rolled back.
      this.signals.emit('plugin.setting_changed', {
        pluginName,
        level: target.level,
        entityId: target.id,
        enabled: outcome.setting?.enabled ?? false,
        actorId: caller.id,
      });
    }
    return outcome;
  }

  /** The write has committed: a failed refresh only leaves the chains to the readers' misses. */
  private async refreshChains(serverIds: readonly string[]): Promise<void> {
    try {
      await this.chains.refresh(serverIds);
    } catch (error) {
      this.logger.warn(`chain refresh after a write failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private owners(target: SettingTarget): { team?: string | null; user?: string | null; server?: string | null } {
    switch (target.level) {
      case 'team':
        return { team: target.id };
      case 'user':
        return { team: target.templateTeamId ?? null, user: target.id };
      case 'server':
        return { team: target.teamId ?? null, user: target.ownerId ?? null, server: target.id };
    }
  }

  /** The template chain's layers, the entity's own rows and every server the write affects. */
  private async context(em: EntityManager, target: SettingTarget): Promise<{ template: Layers; affected: AffectedServer[]; own: StoredRow[] }> {
    const { layers, rows } = await this.rows.load(this.owners(target), em);
    const own = rows.filter((r) => r.level === target.level);
    if (target.level === 'server') return { template: layers, affected: [], own };
    const set = await this.rows.affected(target.level === 'team' ? { teamId: target.id } : { ownerId: target.id }, em);
    return {
      template: layers,
      affected: set.servers.map((s) => ({ serverId: s.id, layers: layersOf(set, s) })),
      own,
    };
  }

  private async upsert(em: EntityManager, target: SettingTarget, row: SettingRow, before: StoredRow | undefined, actorId: string): Promise<SettingView> {
    const repo = em.getRepository<PluginSettingColumns>(ENTITY[target.level]);
    const inheritField = target.level === 'user' ? 'inheritTeamConfig' : 'inheritConfig';
    const values: Record<string, unknown> = {
      enabled: row.enabled,
      config: row.config,
      priority: row.priority,
      [inheritField]: row.inheritConfig,
    };
    if (target.level !== 'user') values['addedBy'] = actorId;
    if (before) {
      const result = await repo
        .createQueryBuilder()
        .update()
        .set({ ...values, version: () => 'version + 1' } as never)
        .where('id = :id AND version = :version', { id: before.id, version: before.version })
        .execute();
      if (!result.affected) throw new DomainError('VERSION_CONFLICT', 'The setting changed meanwhile: reload and retry');
      const updated = await repo.findOneByOrFail({ id: before.id } as never);
      return toView(row, updated.version, updated.updatedAt);
    }
    const entity = repo.create({ ...values, [OWNER_FIELD[target.level]]: target.id, pluginName: row.pluginName, version: 1 } as Partial<PluginSettingColumns>);
    const created = await repo.save(entity);
    return toView(row, created.version, created.updatedAt);
  }

  private auditRecord(target: SettingTarget, pluginName: string, action: string, before: StoredRow | undefined, after: SettingView | null, reason: string | undefined): AuditRecord {
    const snapshot = (r: StoredRow | SettingView | undefined | null): Record<string, unknown> | null =>
      r ? { enabled: r.enabled, config: r.config, priority: r.priority, inheritConfig: r.inheritConfig, version: r.version } : null;
    return {
      action,
      level: target.level,
      pluginName,
      entityType: target.level,
      entityId: target.id,
      entityName: target.name,
      oldValue: snapshot(before),
      newValue: snapshot(after),
      reason: reason ?? null,
    };
  }
}
