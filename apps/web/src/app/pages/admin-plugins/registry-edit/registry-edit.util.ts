// The editable policy fields of a registry entry and the PATCH body holding only what changed.
import type {
  PluginModeName,
  RegistryEntryView,
  UpdateRegistryEntryRequest,
} from '@plugboard/shared-contracts';

export const PLUGIN_MODES: readonly PluginModeName[] = [
  'enforce',
  'permissive',
  'disabled',
];

export interface RegistryDraft {
  enabledGlobally: boolean;
  availableForTeams: boolean;
  availableForUsers: boolean;
  mode: PluginModeName;
  priority: number;
}

export const DRAFT_FLAGS = [
  ['enabledGlobally', 'Enabled globally'],
  ['availableForTeams', 'Available for teams'],
  ['availableForUsers', 'Available for users'],
] as const;

export function draftOf(entry: RegistryEntryView): RegistryDraft {
  return {
    enabledGlobally: entry.enabledGlobally,
    availableForTeams: entry.availableForTeams,
    availableForUsers: entry.availableForUsers,
    mode: entry.mode,
    priority: entry.priority,
  };
}

/** The changed fields with the entry's revision, or null when nothing changed. */
export function registryPatch(
  entry: RegistryEntryView,
  draft: RegistryDraft,
  dryRun: boolean,
): UpdateRegistryEntryRequest | null {
  const before = draftOf(entry);
  const changed = (Object.keys(draft) as (keyof RegistryDraft)[]).filter(
    (key) => draft[key] !== before[key],
  );
  if (changed.length === 0) {
    return null;
  }
  const body: Record<string, unknown> = { revision: entry.revision, dryRun };
  for (const key of changed) {
    body[key] = draft[key];
  }
  return body as UpdateRegistryEntryRequest;
}

/** Priority must be a whole number from -1,000,000 to 1,000,000 (the API checks too). */
export function priorityError(priority: number): string | null {
  return Number.isInteger(priority) && Math.abs(priority) <= 1_000_000
    ? null
    : 'Priority must be a whole number from -1000000 to 1000000.';
}
