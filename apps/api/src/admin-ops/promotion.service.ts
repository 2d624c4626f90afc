import { Inject, Injectable } from '@nestjs/common';
import { CoreSignals } from '../signals/signals.module';
import type { EntityManager } from 'typeorm';
import {
  demoteToOptional,
  indexRegistry,
  promoteToMandatory,
  resolveChain,
  SETTING_LEVELS,
  type RegistryEntry,
  type SettingLevel,
} from '@plugboard/governance';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError } from '../common/domain-error';
import { actorOf, AuditService } from '../governance/audit.service';
import { ChainCacheService } from '../governance/chain-cache.service';
import { GovernanceLockService } from '../governance/governance-lock.service';
import { PluginSchemasService } from '../governance/plugin-schemas.service';
import { RegistryEntryEntity } from '../governance/registry-entry.entity';
import { NotificationsService, type NotificationMessage } from '../notifications/notifications.service';
import { newRegistryIssues } from '../registry/registry-change.util';
import { alreadyMandatory, alreadyOptional, pluginNotFound, registryInconsistent } from './admin-ops.errors';
import type { PolicyChangeDto, PromotionImpactDto, RegistryFlagsDto } from './dto/policy-change.dto';
import { entityNames } from './entity-names';
import { planGrouped, type GroupedPlan, type PlanSubject } from './grouped-plan.util';
import { toRowGroups, toServersImpact, toTeamsNotified } from './impact.mapper';
import { layersKey, layersOfServer, readPolicyState, type PolicyState } from './policy-state';
import { PolicySnapshotService } from './policy-snapshot.service';
import { tableSpec } from './policy-tables';
import { demotionDecision, promotionDecision, type RowDecision } from './promotion-rows.util';

export type PolicyOperation = 'promote' | 'demote';

const TABLE_OF: Record<SettingLevel, 'team' | 'user' | 'server'> = { team: 'team', user: 'user', server: 'server' };
const DELETE_CHUNK = 500;

const flags = (e: RegistryEntry): RegistryFlagsDto => ({
  mandatory: e.mandatory,
  enabledGlobally: e.enabledGlobally,
  availableForTeams: e.availableForTeams,
  availableForUsers: e.availableForUsers,
});

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The setting rows with the given ids removed; owners without such rows keep their arrays. */
function withoutRows(rows: PolicyState['rows'], removed: ReadonlySet<string>): PolicyState['rows'] {
  if (removed.size === 0) return rows;
  const next = {} as PolicyState['rows'];
  for (const level of SETTING_LEVELS) {
    const map = new Map(rows[level]);
    for (const [owner, list] of rows[level]) {
      if (list.some((r) => removed.has(r.id))) map.set(owner, list.filter((r) => !removed.has(r.id)));
    }
    next[level] = map;
  }
  return next;
}

/**
 * Promotion to mandatory and demotion to optional (SPEC 6, US-8): the exact impact, then, unless a
 * dry run, in one governance transaction: a policy snapshot, the registry change, the clean-up of
 * rows made redundant, a notification to every team owner and the audit row.
 */
@Injectable()
export class PromotionService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly lock: GovernanceLockService,
    private readonly audit: AuditService,
    private readonly cache: ChainCacheService,
    private readonly schemas: PluginSchemasService,
    private readonly snapshots: PolicySnapshotService,
    private readonly notifications: NotificationsService,
    private readonly signals: CoreSignals,
  ) {}

  async change(actor: AuthUser, pluginName: string, operation: PolicyOperation, body: PolicyChangeDto, requestId?: string): Promise<PromotionImpactDto> {
    const dryRun = body.dryRun ?? false;
    const result = await this.lock.run(async (em) => {
      const state = await readPolicyState(em, (name) => this.schemas.schemaFor(name));
      const current = state.registry.find((e) => e.name === pluginName);
      if (!current) throw pluginNotFound(pluginName);
      if (operation === 'promote' && current.mandatory) throw alreadyMandatory(pluginName);
      if (operation === 'demote' && !current.mandatory) throw alreadyOptional(pluginName);
      const next = operation === 'promote' ? promoteToMandatory(current) : demoteToOptional(current);
      const after = state.registry.map((e) => (e.name === pluginName ? next : e));
      const issues = newRegistryIssues(state.registry, after);
      if (issues.length > 0) throw registryInconsistent(issues);

      const decisions = this.decide(state, pluginName, next, operation);
      const removed = new Set(decisions.filter((d) => d.action === 'removed').map((d) => d.row.id));
      const afterRows = withoutRows(state.rows, removed);
      const subjects: PlanSubject[] = state.servers.map((s) => ({
        serverId: s.id,
        key: layersKey(state.rows, s),
        before: layersOfServer(state.rows, s),
        after: layersOfServer(afterRows, s),
      }));
      const registries = { before: indexRegistry(state.registry), after: indexRegistry(after) };
      const plan = planGrouped(registries, subjects, { rbacEnabled: this.settings.pluginRbacEnabled });
      // Write checks validate as if RBAC were on (SPEC 4), so switching it on later breaks nothing.
      const checked = this.settings.pluginRbacEnabled ? plan : planGrouped(registries, subjects, { rbacEnabled: true });
      this.refuseNewProblems(state, subjects, checked, registries.after);

      const teams = await this.notifications.teamsWithOwners(em);
      const nameOf = await entityNames(em, decisions.slice(0, 1000).map((d) => ({ level: d.row.level, id: d.row.ownerId })), state.servers);
      const servers = toServersImpact(state.servers, plan);
      const impact: PromotionImpactDto = {
        pluginName,
        operation,
        dryRun,
        summary: this.summary(operation, pluginName, dryRun, state, plan, removed.size),
        snapshotId: null,
        registry: { before: flags(current), after: flags(next) },
        servers,
        rows: toRowGroups(decisions, nameOf),
        teams: toTeamsNotified(teams),
      };
      if (dryRun) return impact;

      const auditActor = actorOf(actor, requestId);
      const snapshot = await this.snapshots.take(em, operation, auditActor, body.reason, state.tables);
      const registryRow = state.registryRows.find((r) => r.name === pluginName) as RegistryEntryEntity;
      await em.getRepository(RegistryEntryEntity).update(
        { id: registryRow.id },
        { mandatory: next.mandatory, enabledGlobally: next.enabledGlobally, availableForTeams: next.availableForTeams, managedBy: 'api', revision: registryRow.revision + 1 },
      );
      await this.deleteRows(em, pluginName, decisions);
      await this.notifications.notifyTeamOwners(em, teams, this.message(operation, pluginName, actor, body.reason, snapshot.id));
      await this.audit.record(em, auditActor, [
        {
          action: operation === 'promote' ? 'plugin.promoted' : 'plugin.demoted',
          level: operation === 'promote' ? 'mandatory' : 'global',
          pluginName,
          entityType: 'registry',
          entityId: registryRow.id,
          entityName: pluginName,
          oldValue: { ...flags(current), revision: registryRow.revision },
          newValue: {
            ...flags(next),
            revision: registryRow.revision + 1,
            snapshotId: snapshot.id,
            rowsRemoved: impact.rows.removed.byLevel,
            serversAffected: servers.affected,
            teamsNotified: impact.teams.notified,
          },
          reason: body.reason ?? null,
        },
      ]);
      return { ...impact, snapshotId: snapshot.id };
    });
    if (!result.dryRun) {
      await this.cache.renew(['registry']);
      // After the commit.
      this.signals.emit(operation === 'promote' ? 'plugin.promoted' : 'plugin.demoted', { pluginName, actorId: actor.id, ...(body.reason ? { reason: body.reason } : {}) });
    }
    return result;
  }

  private decide(state: PolicyState, pluginName: string, next: RegistryEntry, operation: PolicyOperation): RowDecision[] {
    const decisions: RowDecision[] = [];
    for (const level of SETTING_LEVELS) {
      for (const list of state.rows[level].values()) {
        for (const row of list) {
          if (row.pluginName !== pluginName) continue;
          decisions.push(operation === 'promote' ? promotionDecision(next, row) : demotionDecision(next, row));
        }
      }
    }
    return decisions;
  }

  /** 409 when the change makes a chain invalid that was not (a conflict with an enabled optional plugin…). */
  private refuseNewProblems(state: PolicyState, subjects: readonly PlanSubject[], plan: GroupedPlan, after: ReturnType<typeof indexRegistry>): void {
    const broken = subjects.filter((s) => {
      const p = plan.byServer.get(s.serverId);
      return p !== undefined && p.degradedAfter && !p.degradedBefore;
    });
    const first = broken[0];
    if (!first) return;
    const names = new Map(state.servers.map((s) => [s.id, s.name]));
    const problemsOf = (s: PlanSubject) => resolveChain(after, s.after, { rbacEnabled: true }).problems;
    const problem = problemsOf(first)[0];
    const code = problem?.code ?? 'PLUGIN_CONFLICT';
    throw new DomainError(code, `${problem?.message ?? 'The change makes a chain invalid'} (on server ${names.get(first.serverId) ?? first.serverId}${broken.length > 1 ? ` and ${plural(broken.length - 1, 'other server')}` : ''})`, {
      problems: broken.slice(0, 20).map((s) => ({
        serverId: s.serverId,
        serverName: names.get(s.serverId) ?? '',
        problems: problemsOf(s).map((p) => ({ code: p.code, plugin: p.plugin, other: p.other, message: p.message })),
      })),
      serversAffected: broken.length,
      suggestions: problem?.suggestions.length ? problem.suggestions : ['Change the settings that enable the conflicting plugins on these servers first'],
    });
  }

  private summary(operation: PolicyOperation, pluginName: string, dryRun: boolean, state: PolicyState, plan: GroupedPlan, removedRows: number): string {
    const total = state.servers.length;
    if (operation === 'promote') {
      const rows = removedRows > 0 ? `, removing ${plural(removedRows, 'redundant setting row')}` : '';
      return dryRun
        ? `This will enable ${pluginName} on all ${plural(total, 'server')}${rows}`
        : `${pluginName} is now mandatory and enabled on all ${plural(total, 'server')}${rows}`;
    }
    let keeping = 0;
    for (const s of state.servers) if (plan.byServer.get(s.id)?.after.some((e) => e.name === pluginName)) keeping += 1;
    const where = keeping === total ? `all ${plural(total, 'server')}` : `${keeping} of ${plural(total, 'server')} (existing settings switch it off on the others)`;
    return dryRun
      ? `This will make ${pluginName} optional; it stays enabled on ${where} until someone allowed disables it`
      : `${pluginName} is now optional and stays enabled on ${where}`;
  }

  private message(operation: PolicyOperation, pluginName: string, actor: AuthUser, reason: string | undefined, snapshotId: string): NotificationMessage {
    const because = reason ? ` Reason: ${reason}` : '';
    return operation === 'promote'
      ? {
          kind: 'plugin.promoted',
          title: `${pluginName} is now mandatory`,
          body: `${actor.email} made ${pluginName} mandatory: it now runs on every server of your team and cannot be disabled.${because}`,
          data: { pluginName, operation, snapshotId, actorEmail: actor.email, reason: reason ?? null },
        }
      : {
          kind: 'plugin.demoted',
          title: `${pluginName} is now optional`,
          body: `${actor.email} made ${pluginName} optional: it stays enabled on your team's servers, and you may now disable it for your team.${because}`,
          data: { pluginName, operation, snapshotId, actorEmail: actor.email, reason: reason ?? null },
        };
  }

  /** Set-based: one DELETE per level when every row of the plugin there goes, else by id in chunks. */
  private async deleteRows(em: EntityManager, pluginName: string, decisions: readonly RowDecision[]): Promise<void> {
    const postgres = em.connection.options.type === 'postgres';
    for (const level of SETTING_LEVELS) {
      const atLevel = decisions.filter((d) => d.row.level === level);
      const ids = atLevel.filter((d) => d.action === 'removed').map((d) => d.row.id);
      if (ids.length === 0) continue;
      const table = tableSpec(em, TABLE_OF[level]).table;
      if (ids.length === atLevel.length) {
        await em.query(`DELETE FROM "${table}" WHERE plugin_name = ${postgres ? '$1' : '?'}`, [pluginName]);
        continue;
      }
      for (let start = 0; start < ids.length; start += DELETE_CHUNK) {
        const chunk = ids.slice(start, start + DELETE_CHUNK);
        const slots = chunk.map((_, i) => (postgres ? `$${i + 2}` : '?')).join(', ');
        await em.query(`DELETE FROM "${table}" WHERE plugin_name = ${postgres ? '$1' : '?'} AND id IN (${slots})`, [pluginName, ...chunk]);
      }
    }
  }
}

