/** `checkSettingWrite`: every rule a setting write must pass (SPEC 4), in the order they answer. */
import { checkConfigShape } from './config-shape';
import { validateConfig } from './config-validation';
import { evaluateLayers } from './evaluate';
import { layersAbove, layersDownTo } from './layers-edit';
import {
  availableAt,
  overrideAllowed,
  type Layers,
  type RegistryEntry,
  type SettingLevel,
  type SettingRow,
} from './registry.model';
import { indexRegistry, type RegistryIndex } from './validity';
import { checkWriteChains } from './write-chain-checks';
import { configRejection, rejectWrite } from './write-rejections';
import type {
  SettingRowInput,
  SettingWriteInput,
  WriteActor,
  WriteCheckResult,
  WriteRejected,
} from './write-check.types';

const AUDIENCE: Record<SettingLevel, string> = {
  team: 'teams',
  user: 'users',
  server: 'users',
};

/**
 * Decides a write of the row of `pluginName` at `level` (or its deletion). Accepted:
 * the rows to persist and the plan. Rejected: the problem to answer, with its status.
 */
export function checkSettingWrite(input: SettingWriteInput): WriteCheckResult {
  const index = indexRegistry(input.registry);
  const { level, pluginName, row, actor } = input;
  const entry = index.get(pluginName);
  // Deleting a row whose plugin left the registry is clean-up, so it is allowed.
  if (!entry && row !== null) {
    return rejectWrite(
      'PLUGIN_NOT_FOUND',
      `${pluginName} is not in the plugin registry`,
      ['Check the plugin name against GET /api/plugins'],
    );
  }
  if (
    level === 'user' &&
    !actor.isPlatformAdmin &&
    actor.userCustomizationAllowed === false
  ) {
    return rejectWrite(
      'USER_CUSTOMIZATION_DISABLED',
      'Personal plugin settings are turned off for this user',
      ['Ask a platform admin to allow user plugin customization'],
    );
  }
  const template = layersDownTo(input.template, level);
  if (entry && row !== null) {
    const rejected = checkRowPolicy(index, entry, level, row, actor, template);
    if (rejected) return rejected;
  }
  return checkWriteChains({
    index,
    level,
    pluginName,
    change: row === null ? null : toSettingRow(level, pluginName, row),
    actor,
    template,
    servers: input.affectedServers ?? [],
    autoEnable: input.autoEnableRequirements === true,
  });
}

export function toSettingRow(
  level: SettingLevel,
  pluginName: string,
  input: SettingRowInput,
): SettingRow {
  return {
    level,
    pluginName,
    enabled: input.enabled,
    config: input.config ?? {},
    priority: input.priority ?? null,
    inheritConfig: input.inheritConfig ?? true,
  };
}

/** Rules about the row itself: availability, mandatory plugins, overrides, config of the row alone. */
function checkRowPolicy(
  index: RegistryIndex,
  entry: RegistryEntry,
  level: SettingLevel,
  row: SettingRowInput,
  actor: WriteActor,
  template: Layers,
): WriteRejected | null {
  const { name } = entry;
  if (!actor.isPlatformAdmin && !availableAt(entry, level)) {
    const flag =
      level === 'team' ? 'available_for_teams' : 'available_for_users';
    return rejectWrite(
      'PLUGIN_NOT_AVAILABLE',
      `${name} is not available for ${AUDIENCE[level]}`,
      [
        `Ask a platform admin to set ${flag}: true, or to configure ${name} for you`,
      ],
    );
  }
  if (row.priority != null && !Number.isSafeInteger(row.priority)) {
    return rejectWrite('VALIDATION_FAILED', 'priority must be an integer', [
      'Send an integer priority, or null',
    ]);
  }
  const overrideFlag = `allow_${level}_override`;
  if (entry.mandatory) {
    if (!row.enabled) {
      return rejectWrite(
        'MANDATORY_PLUGIN',
        `${name} is mandatory and cannot be disabled`,
        [
          `Mandatory plugins always run; ask a platform admin to demote ${name} to optional`,
        ],
      );
    }
    if (row.priority != null) {
      return rejectWrite(
        'MANDATORY_PLUGIN',
        `The priority of mandatory plugin ${name} cannot be changed`,
        ['Leave priority empty'],
      );
    }
    if (!overrideAllowed(entry, level)) {
      return rejectWrite(
        'OVERRIDE_NOT_ALLOWED',
        `${name} is mandatory and does not allow ${level} overrides`,
        [`Ask a platform admin to set ${overrideFlag}: true for ${name}`],
      );
    }
  } else if (!overrideAllowed(entry, level)) {
    // "In effect from a higher level" is resolution's "origin set" (SPEC 3.2), so an
    // accepted row is never ignored on its own template chain.
    const above = evaluateLayers(index, layersAbove(template, level), {
      rbacEnabled: true,
    }).states.get(name);
    if (above && above.origin !== null) {
      const where =
        above.origin === 'global'
          ? 'enabled globally'
          : `set at the ${above.origin} level`;
      return rejectWrite(
        'OVERRIDE_NOT_ALLOWED',
        `${name} is ${where} and does not allow ${level} overrides`,
        [
          `Ask a platform admin to set ${overrideFlag}: true for ${name}`,
          ...(above.origin === 'global'
            ? []
            : [`Ask the ${above.origin} owner to change ${name} instead`]),
        ],
      );
    }
  }
  return checkRowConfig(entry, row);
}

function checkRowConfig(
  entry: RegistryEntry,
  row: SettingRowInput,
): WriteRejected | null {
  const config = row.config ?? {};
  const shape = checkConfigShape(config);
  const errors =
    shape.length > 0
      ? shape
      : validateConfig(entry.configSchema, config, { partial: true });
  if (errors.length === 0) return null;
  return configRejection(
    `${entry.name} config is invalid`,
    errors.map((error) => ({
      ...error,
      scope: 'row' as const,
      pluginName: entry.name,
    })),
  );
}
