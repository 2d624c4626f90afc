import type { JsonObject, RegistryEntry } from '@plugboard/governance';
import type { RegistryEntryEntity } from './registry-entry.entity';

/** The policy fields of a registry row, as the governance library models them. */
export function toRegistryEntry(row: RegistryEntryEntity, configSchema: JsonObject | null = null): RegistryEntry {
  return {
    name: row.name,
    kind: row.kind,
    version: row.version,
    description: row.description,
    mandatory: row.mandatory,
    enabledGlobally: row.enabledGlobally,
    availableForTeams: row.availableForTeams,
    availableForUsers: row.availableForUsers,
    allowTeamOverride: row.allowTeamOverride,
    allowUserOverride: row.allowUserOverride,
    allowServerOverride: row.allowServerOverride,
    requires: [...row.requires],
    conflictsWith: [...row.conflictsWith],
    defaultConfig: row.defaultConfig as JsonObject,
    priority: row.defaultPriority,
    mode: row.mode,
    configSchema,
  };
}

/** Entity fields for a registry entry (everything but ids, timestamps and bookkeeping). */
export function registryEntityFields(entry: RegistryEntry): Partial<RegistryEntryEntity> {
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
    requires: entry.requires,
    conflictsWith: entry.conflictsWith,
    defaultConfig: entry.defaultConfig,
    defaultPriority: entry.priority,
    mode: entry.mode,
  };
}
