import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { indexRegistry, jsonEqual, SETTING_LEVELS, type JsonValue, type SettingLevel } from '@plugboard/governance';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { DomainError } from '../common/domain-error';
import { actorOf, AuditService } from '../governance/audit.service';
import { ChainCacheService } from '../governance/chain-cache.service';
import { GovernanceLockService } from '../governance/governance-lock.service';
import { PluginSchemasService } from '../governance/plugin-schemas.service';
import { NotificationsService, type NotificationMessage } from '../notifications/notifications.service';
import type { PolicyChangeDto, RegistryDiffDto, RestoreResultDto, RowDiffDto, SkippedRowDto } from './dto/policy-change.dto';
import { planChanges, planGrouped, type PlanSubject } from './grouped-plan.util';
import { LIST_LIMITS, toServersImpact, toTeamsNotified } from './impact.mapper';
import { groupRows, layersKey, layersOfServer, readPolicyState, registryEntryOfExact, type PolicyState } from './policy-state';
import { PolicySnapshotService, SNAPSHOT_FORMAT, type SnapshotSummary } from './policy-snapshot.service';
import { countsOf, deleteAll, insertExact, OWNER_COLUMN, POLICY_TABLES, type ExactRow, type PolicyTable, type PolicyTablesData } from './policy-tables';

const OWNER_KIND: Record<SettingLevel, string> = { team: 'team', user: 'user', server: 'server' };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

interface TableDiff {
  added: ExactRow[];
  removed: ExactRow[];
  changed: ExactRow[];
  unchanged: number;
}

/** Rows of `target` against `current`, matched by `key` and compared column by column. */
function diffTable(current: readonly ExactRow[], target: readonly ExactRow[], key: (row: ExactRow) => string): TableDiff {
  const now = new Map(current.map((r) => [key(r), r]));
  const diff: TableDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const row of target) {
    const k = key(row);
    seen.add(k);
    const existing = now.get(k);
    if (!existing) diff.added.push(row);
    else if (jsonEqual(existing as JsonValue, row as JsonValue)) diff.unchanged += 1;
    else diff.changed.push(row);
  }
  for (const [k, row] of now) if (!seen.has(k)) diff.removed.push(row);
  return diff;
}

const isEmpty = (d: TableDiff): boolean => d.added.length + d.removed.length + d.changed.length === 0;

/**
 * Rollback to a policy snapshot: the registry and every setting row exactly as stored then (ids,
 * versions, configs, timestamps), except rows whose team, user or server is gone. The policy it
 * replaces is snapshotted first, so a restore can itself be undone.
 */
@Injectable()
export class PolicyRestoreService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly lock: GovernanceLockService,
    private readonly audit: AuditService,
    private readonly cache: ChainCacheService,
    private readonly schemas: PluginSchemasService,
    private readonly snapshots: PolicySnapshotService,
    private readonly notifications: NotificationsService,
  ) {}

  async restore(actor: AuthUser, snapshotId: string, body: PolicyChangeDto, requestId?: string): Promise<RestoreResultDto> {
    const dryRun = body.dryRun ?? false;
    const result = await this.lock.run(async (em) => {
      const { summary: snapshot, data } = await this.snapshots.load(em, snapshotId);
      if (data.format !== SNAPSHOT_FORMAT || !data.tables) {
        throw new DomainError('CONFLICT', `Snapshot ${snapshotId} has format ${String(data.format)}, which this version cannot restore`);
      }
      const state = await readPolicyState(em, (name) => this.schemas.schemaFor(name));
      const { target, skipped } = await this.withoutOrphans(em, state, data.tables);
      const diffs = {
        registry: diffTable(state.tables.registry, target.registry, (r) => String(r['name'])),
        team: diffTable(state.tables.team, target.team, (r) => String(r['id'])),
        user: diffTable(state.tables.user, target.user, (r) => String(r['id'])),
        server: diffTable(state.tables.server, target.server, (r) => String(r['id'])),
      } satisfies Record<PolicyTable, TableDiff>;

      const afterRows = { team: groupRows('team', target.team), user: groupRows('user', target.user), server: groupRows('server', target.server) };
      const afterRegistry = target.registry.map((r) => registryEntryOfExact(r, this.schemas.schemaFor(String(r['name']))));
      const subjects: PlanSubject[] = state.servers.map((s) => ({
        serverId: s.id,
        key: `${layersKey(state.rows, s)}#${layersKey(afterRows, s)}`,
        before: layersOfServer(state.rows, s),
        after: layersOfServer(afterRows, s),
      }));
      const plan = planGrouped({ before: indexRegistry(state.registry), after: indexRegistry(afterRegistry) }, subjects, { rbacEnabled: this.settings.pluginRbacEnabled });
      const touched = this.touchedTeams(state, diffs, (serverId) => {
        const p = plan.byServer.get(serverId);
        return p !== undefined && planChanges(p);
      });
      const teams = (await this.notifications.teamsWithOwners(em)).filter((t) => touched === 'all' || touched.has(t.id));
      const rowsChanged = SETTING_LEVELS.reduce((n, level) => n + diffs[level].added.length + diffs[level].removed.length + diffs[level].changed.length, 0);
      const registryChanged = diffs.registry.added.length + diffs.registry.removed.length + diffs.registry.changed.length;
      const outcome: RestoreResultDto = {
        snapshotId,
        snapshotCreatedAt: snapshot.createdAt,
        dryRun,
        summary: `${dryRun ? 'Restores' : 'Restored'} the policy of ${snapshot.createdAt}: ${registryChanged} registry ${registryChanged === 1 ? 'entry' : 'entries'} and ${plural(rowsChanged, 'setting row')} change${skipped.length > 0 ? `, ${plural(skipped.length, 'row')} of deleted teams, users or servers skipped` : ''}`,
        preRestoreSnapshotId: null,
        registry: this.registryDiff(diffs.registry),
        rows: { team: this.rowDiff(diffs.team), user: this.rowDiff(diffs.user), server: this.rowDiff(diffs.server) },
        skipped: { total: skipped.length, items: skipped.slice(0, LIST_LIMITS.rows), truncated: skipped.length > LIST_LIMITS.rows },
        servers: toServersImpact(state.servers, plan),
        teams: toTeamsNotified(teams),
      };
      if (dryRun) return outcome;

      const auditActor = actorOf(actor, requestId);
      const before = await this.snapshots.take(em, 'restore', auditActor, body.reason ?? `before restoring snapshot ${snapshotId}`, state.tables);
      // Whole tables, so ids, versions and timestamps come back exactly; untouched tables stay as they are.
      for (const table of POLICY_TABLES) {
        if (isEmpty(diffs[table])) continue;
        await deleteAll(em, table);
        await insertExact(em, table, target[table]);
      }
      await this.notifications.notifyTeamOwners(em, teams, this.message(actor, snapshot, body.reason, before.id));
      await this.audit.record(em, auditActor, [
        {
          action: 'policy.restored',
          level: 'platform',
          pluginName: null,
          entityType: 'policy',
          entityId: snapshotId,
          entityName: `snapshot of ${snapshot.createdAt}`,
          oldValue: { snapshotId: before.id, counts: countsOf(state.tables) },
          newValue: {
            snapshotId,
            counts: countsOf(target),
            registry: outcome.registry,
            rows: outcome.rows,
            skipped: skipped.length,
            serversAffected: outcome.servers.affected,
          },
          reason: body.reason ?? null,
        },
      ]);
      return { ...outcome, preRestoreSnapshotId: before.id };
    });
    if (!result.dryRun) await this.cache.renew(['registry']);
    return result;
  }

  /** The snapshot's tables without rows whose team, user or server no longer exists. */
  private async withoutOrphans(em: EntityManager, state: PolicyState, tables: PolicyTablesData): Promise<{ target: PolicyTablesData; skipped: SkippedRowDto[] }> {
    const ids = async (table: string): Promise<Set<string>> => new Set(((await em.query(`SELECT id FROM ${table}`)) as { id: string }[]).map((r) => r.id));
    const existing: Record<SettingLevel, Set<string>> = {
      team: await ids('teams'),
      user: await ids('users'),
      server: new Set(state.servers.map((s) => s.id)),
    };
    const target: PolicyTablesData = { registry: tables.registry, team: [], user: [], server: [] };
    const skipped: SkippedRowDto[] = [];
    for (const level of SETTING_LEVELS) {
      for (const row of tables[level] ?? []) {
        const owner = String(row[OWNER_COLUMN[level]]);
        if (existing[level].has(owner)) target[level].push(row);
        else skipped.push({ level, id: String(row['id']), pluginName: String(row['plugin_name']), entityId: owner, reason: `the ${OWNER_KIND[level]} was deleted since the snapshot` });
      }
    }
    return { target, skipped };
  }

  /** Every team when the registry changes; otherwise teams whose rows or servers' chains change. */
  private touchedTeams(state: PolicyState, diffs: Record<PolicyTable, TableDiff>, chainChanges: (serverId: string) => boolean): Set<string> | 'all' {
    if (!isEmpty(diffs.registry)) return 'all';
    const teams = new Set<string>();
    const team = diffs.team;
    for (const row of [...team.added, ...team.removed, ...team.changed]) teams.add(String(row['team_id']));
    for (const s of state.servers) if (s.teamId && chainChanges(s.id)) teams.add(s.teamId);
    return teams;
  }

  private registryDiff(d: TableDiff): RegistryDiffDto {
    const names = (rows: ExactRow[]): string[] => rows.map((r) => String(r['name'])).sort();
    return { added: names(d.added), removed: names(d.removed), changed: names(d.changed), unchanged: d.unchanged };
  }

  private rowDiff(d: TableDiff): RowDiffDto {
    return { restored: d.added.length, removed: d.removed.length, changed: d.changed.length, unchanged: d.unchanged };
  }

  private message(actor: AuthUser, snapshot: SnapshotSummary, reason: string | undefined, undoSnapshotId: string): NotificationMessage {
    return {
      kind: 'policy.restored',
      title: 'Plugin policy restored',
      body: `${actor.email} restored the plugin policy of ${snapshot.createdAt} (taken before a ${snapshot.trigger}); the plugins of your team's servers may have changed.${reason ? ` Reason: ${reason}` : ''}`,
      data: { snapshotId: snapshot.id, undoSnapshotId, actorEmail: actor.email, reason: reason ?? null },
    };
  }
}

