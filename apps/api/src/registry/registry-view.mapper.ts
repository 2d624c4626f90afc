import type { ChainEntry, ImpactPlan, JsonObject, RegistryEntry } from '@plugboard/governance';
import type { PlannedChainEntry, RegistryEntryView, RegistryImpact } from '@plugboard/shared-contracts';
import type { RegistryEntryEntity } from '../governance/registry-entry.entity';
import { toRegistryEntry } from '../governance/registry.mapper';
import { apiChangedFields, type PolicyValues } from './registry-sync.util';

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

/** The admin view of a registry row; `entry` replaces its policy fields (a dry run shows the planned values). */
export function toRegistryEntryView(row: RegistryEntryEntity, configSchema: JsonObject | null, entry: RegistryEntry = toRegistryEntry(row)): RegistryEntryView {
  return {
    name: entry.name,
    kind: entry.kind,
    version: entry.version,
    description: entry.description,
    mandatory: entry.mandatory,
    enabledGlobally: entry.enabledGlobally,
    availableForTeams: entry.availableForTeams,
    availableForUsers: entry.availableForUsers,
    allowTeamOverride: entry.allowTeamOverride,
    allowUserOverride: entry.allowUserOverride,
    allowServerOverride: entry.allowServerOverride,
    requires: [...entry.requires],
    conflictsWith: [...entry.conflictsWith],
    defaultConfig: entry.defaultConfig,
    priority: entry.priority,
    mode: entry.mode,
    configSchema,
    managedBy: row.managedBy,
    apiChangedFields: apiChangedFields(entry, row.lastSynced as PolicyValues | null),
    revision: row.revision,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

const toPlanned = (entry: ChainEntry): PlannedChainEntry => ({ ...entry, overriddenBy: [...entry.overriddenBy] });

export function toRegistryImpact(plan: ImpactPlan, names: ReadonlyMap<string, string>): RegistryImpact {
  return {
    servers: plan.servers.map((s) => ({
      serverId: s.serverId,
      serverName: names.get(s.serverId) ?? '',
      before: s.before.map(toPlanned),
      after: s.after.map(toPlanned),
      changes: s.changes.map((c) => ({ plugin: c.plugin, change: c.change, fields: [...c.fields] })),
      degradedBefore: s.degradedBefore,
      degradedAfter: s.degradedAfter,
    })),
    summary: { ...plan.summary },
  };
}
