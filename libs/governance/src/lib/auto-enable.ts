/** autoEnableRequirements (SPEC 4): which missing requirements a write may switch on, and how. */
import { evaluateLayers, type PluginState } from './evaluate';
import { findRow, layersAbove } from './layers-edit';
import {
  availableAt,
  overrideAllowed,
  type SettingRow,
} from './registry.model';
import type { WriteChainContext } from './write-chain-checks';
import type { ScopedChainProblem } from './write-check.types';

const RBAC_ON = { rbacEnabled: true };

/** Names of required plugins the write leaves missing and that may be enabled, first seen first. */
export function missingRequirements(
  problems: readonly ScopedChainProblem[],
  upserts: readonly SettingRow[],
  blockers: (name: string) => string | null,
): string[] {
  const planned = new Set(upserts.map((r) => r.pluginName));
  const names: string[] = [];
  for (const problem of problems) {
    if (
      problem.code !== 'PLUGIN_REQUIREMENT_MISSING' ||
      planned.has(problem.other)
    )
      continue;
    if (blockers(problem.other) !== null) continue;
    planned.add(problem.other);
    names.push(problem.other);
  }
  return names;
}

/** The entity's own row for the plugin, switched on; or a fresh enable-only row. */
export function autoEnabledRow(
  context: WriteChainContext,
  name: string,
): SettingRow {
  const existing = findRow(context.template, context.level, name);
  if (existing) return { ...existing, level: context.level, enabled: true };
  return {
    level: context.level,
    pluginName: name,
    enabled: true,
    config: {},
    priority: null,
    inheritConfig: true,
  };
}

/** Why the actor may not enable a plugin at the write's level (null: they may). */
export function autoEnableBlockers(
  context: WriteChainContext,
): (name: string) => string | null {
  const { index, level, actor, pluginName, change } = context;
  let above: Map<string, PluginState> | null = null;
  return (name) => {
    const entry = index.get(name);
    if (!entry) return `${name} is not in the plugin registry`;
    // Never re-enable what this very write deletes or disables.
    if (name === pluginName && (change === null || !change.enabled))
      return `this write disables ${name}`;
    if (entry.mandatory) return `${name} is mandatory`;
    if (!actor.isPlatformAdmin && !availableAt(entry, level)) {
      return `${name} is not available for ${level === 'team' ? 'teams' : 'users'}`;
    }
    above ??= evaluateLayers(
      index,
      layersAbove(context.template, level),
      RBAC_ON,
    ).states;
    if (above.get(name)?.origin != null && !overrideAllowed(entry, level)) {
      return `${name} does not allow ${level} overrides`;
    }
    return null;
  };
}
