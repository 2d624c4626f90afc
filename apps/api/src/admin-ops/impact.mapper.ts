/** Impact answers of promote, demote and restore: capped lists with totals. */
import type { ChainEntry, ServerPlan } from '@plugboard/governance';
import type { OwnedTeam } from '../notifications/notifications.service';
import type { ChainItemDto, RowDecisionDto, RowGroupDto, ServerImpactItemDto, ServersImpactDto, TeamsNotifiedDto } from './dto/policy-change.dto';
import { planChanges, type GroupedPlan } from './grouped-plan.util';
import type { ServerRef } from './policy-state';
import type { RowDecision } from './promotion-rows.util';

export const LIST_LIMITS = { servers: 100, rows: 200, teams: 100 } as const;

const chainItems = (chain: readonly ChainEntry[]): ChainItemDto[] => chain.map((e) => ({ name: e.name, level: e.level, priority: e.priority }));

function serverItem(server: ServerRef, plan: ServerPlan): ServerImpactItemDto {
  return {
    serverId: server.id,
    serverName: server.name,
    teamId: server.teamId,
    before: chainItems(plan.before),
    after: chainItems(plan.after),
    changes: plan.changes.filter((c) => c.change !== 'unchanged').map((c) => ({ plugin: c.plugin, change: c.change, fields: [...c.fields] })),
    degradedBefore: plan.degradedBefore,
    degradedAfter: plan.degradedAfter,
  };
}

/** `servers` in name order; lists the ones whose chain changes. */
export function toServersImpact(servers: readonly ServerRef[], plan: GroupedPlan): ServersImpactDto {
  const items: ServerImpactItemDto[] = [];
  let affected = 0;
  let degradedAfter = 0;
  for (const server of servers) {
    const serverPlan = plan.byServer.get(server.id);
    if (!serverPlan) continue;
    if (serverPlan.degradedAfter) degradedAfter += 1;
    if (!planChanges(serverPlan)) continue;
    affected += 1;
    if (items.length < LIST_LIMITS.servers) items.push(serverItem(server, serverPlan));
  }
  return {
    total: servers.length,
    affected,
    added: plan.summary.added,
    changed: plan.summary.changed,
    removed: plan.summary.removed,
    degradedAfter,
    items,
    truncated: affected > items.length,
  };
}

export function toTeamsNotified(teams: readonly OwnedTeam[]): TeamsNotifiedDto {
  const told = teams.filter((t) => t.owners.length > 0);
  const owners = new Set(told.flatMap((t) => t.owners.map((o) => o.userId)));
  const items = told.slice(0, LIST_LIMITS.teams).map((t) => ({ teamId: t.id, slug: t.slug, name: t.name, owners: t.owners.map((o) => o.email) }));
  return { notified: told.length, owners: owners.size, items, truncated: told.length > items.length };
}

/** Rows grouped by action, each list capped; `nameOf` names the team, user or server. */
export function toRowGroups(decisions: readonly RowDecision[], nameOf: (level: string, id: string) => string): { removed: RowGroupDto; kept: RowGroupDto } {
  const group = (action: RowDecision['action']): RowGroupDto => {
    const chosen = decisions.filter((d) => d.action === action);
    const byLevel = { team: 0, user: 0, server: 0 };
    for (const d of chosen) byLevel[d.row.level] += 1;
    const items: RowDecisionDto[] = chosen.slice(0, LIST_LIMITS.rows).map((d) => ({
      id: d.row.id,
      level: d.row.level,
      entityId: d.row.ownerId,
      entityName: nameOf(d.row.level, d.row.ownerId),
      enabled: d.row.enabled,
      config: d.row.config,
      inheritConfig: d.row.inheritConfig,
      reason: d.reason,
    }));
    return { total: chosen.length, byLevel, items, truncated: chosen.length > items.length };
  };
  return { removed: group('removed'), kept: group('kept') };
}
