/** Promotion to mandatory and demotion to optional (SPEC 6): the registry change and the row clean-up. */
import {
  overrideAllowed,
  type RegistryEntry,
  type SettingRow,
} from './registry.model';

export function promoteToMandatory(entry: RegistryEntry): RegistryEntry {
  return { ...entry, mandatory: true, enabledGlobally: true };
}

/** Every server keeps the plugin (enabled globally) until someone allowed disables it. */
export function demoteToOptional(entry: RegistryEntry): RegistryEntry {
  return {
    ...entry,
    mandatory: false,
    enabledGlobally: true,
    availableForTeams: true,
  };
}

/**
 * Whether promotion makes a row redundant: its level may not override the plugin, or it
 * carries no config effect (an enable-only or disable-only row that inherits). A row
 * with `inheritConfig: false` and an empty config still resets the config, so it stays.
 */
export function isRedundantAfterPromotion(
  promoted: RegistryEntry,
  row: SettingRow,
): boolean {
  if (!overrideAllowed(promoted, row.level)) return true;
  return row.inheritConfig && Object.keys(row.config).length === 0;
}
