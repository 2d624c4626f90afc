/**
 * What promotion and demotion do to each setting row of the plugin, and why, in words an admin
 * reads in the dry run. The decisions are the governance library's (`isRedundantAfterPromotion`,
 * `overrideAllowed`); this file only names them.
 */
import { isRedundantAfterPromotion, overrideAllowed, type RegistryEntry, type SettingLevel } from '@plugboard/governance';
import type { PolicyRow } from './policy-state';

export type RowAction = 'removed' | 'kept';

export interface RowDecision {
  row: PolicyRow;
  action: RowAction;
  reason: string;
}

const OVERRIDE_FLAG: Record<SettingLevel, string> = {
  team: 'allow_team_override',
  user: 'allow_user_override',
  server: 'allow_server_override',
};

/** Promotion: redundant rows go, the others stay; `promoted` is the entry after promotion. */
export function promotionDecision(promoted: RegistryEntry, row: PolicyRow): RowDecision {
  const flag = OVERRIDE_FLAG[row.level];
  if (isRedundantAfterPromotion(promoted, row)) {
    if (!overrideAllowed(promoted, row.level)) {
      return { row, action: 'removed', reason: `${row.level} overrides are not allowed (${flag}: false): a mandatory plugin would ignore the row` };
    }
    return {
      row,
      action: 'removed',
      reason: row.enabled
        ? `enables the plugin without config: redundant once it is mandatory`
        : `only disables the plugin: a mandatory plugin cannot be disabled`,
    };
  }
  const ignoredEnabled = row.enabled ? '' : '; its enabled: false is ignored while the plugin is mandatory';
  if (!row.inheritConfig) {
    return { row, action: 'kept', reason: `does not inherit: it resets the config to the registry default (${flag}: true)${ignoredEnabled}` };
  }
  return { row, action: 'kept', reason: `its config still applies (${flag}: true)${ignoredEnabled}` };
}

/** Demotion keeps every row; `demoted` is the entry after demotion. */
export function demotionDecision(demoted: RegistryEntry, row: PolicyRow): RowDecision {
  if (!overrideAllowed(demoted, row.level)) {
    return { row, action: 'kept', reason: `ignored as before: ${OVERRIDE_FLAG[row.level]} is false` };
  }
  if (!row.enabled) {
    return { row, action: 'kept', reason: 'its enabled: false takes effect again: the plugin is switched off where this row applies' };
  }
  return { row, action: 'kept', reason: 'applies as before' };
}
