/**
 * What a settings page shows for one level of one entity: every registry plugin with its badge,
 * its state in the level's template chain, and whether (and why not) the caller may change it.
 * The write checks stay the authority; this is their summary for a UI, from the same rules.
 */
import { evaluateChain } from './resolve';
import {
  availableAt,
  overrideAllowed,
  type JsonObject,
  type Layers,
  type Level,
  type RegistryEntry,
  type SettingLevel,
} from './registry.model';
import { layersAbove } from './layers-edit';
import type { ResolveOptions } from './evaluate';

export type LevelBadge = 'MANDATORY' | 'GLOBAL DEFAULT' | 'TEAM DEFAULT' | 'USER DEFAULT' | 'SERVER SPECIFIC';

export const BADGE_OF_LEVEL: Readonly<Record<Level, LevelBadge>> = {
  mandatory: 'MANDATORY',
  global: 'GLOBAL DEFAULT',
  team: 'TEAM DEFAULT',
  user: 'USER DEFAULT',
  server: 'SERVER SPECIFIC',
};

export interface LevelPluginView {
  name: string;
  mandatory: boolean;
  /** Enabled in the level's template chain (platform down to this level). */
  enabled: boolean;
  /** Where its state comes from, when it is in the chain. */
  badge: LevelBadge | null;
  origin: Level | null;
  priority: number | null;
  config: JsonObject | null;
  /** May the caller switch it on or off at this level? */
  canToggle: boolean;
  /** May the caller set config at this level? */
  canConfigure: boolean;
  /** Why not, when either is false. */
  reason: string | null;
}

export interface LevelViewActor {
  isPlatformAdmin: boolean;
  /** May write at all (team owner, the user themself, the server's owner). */
  mayWrite: boolean;
  /** User rows only: customization allowed for this user. */
  userCustomizationAllowed?: boolean;
}

export function describeLevelPlugins(
  registry: readonly RegistryEntry[],
  level: SettingLevel,
  template: Layers,
  actor: LevelViewActor,
  options: ResolveOptions,
): LevelPluginView[] {
  const here = evaluateChain(registry, template, options).states;
  const above = evaluateChain(registry, layersAbove(template, level), options).states;
  return registry.map((entry) => {
    const state = here.get(entry.name);
    const inheritedOrigin = above.get(entry.name)?.origin ?? null;
    const why = blockedReason(entry, level, inheritedOrigin !== null, actor);
    const configurable = why === null || (entry.mandatory && overrideAllowed(entry, level) && actor.mayWrite && !customizationBlocked(level, actor));
    return {
      name: entry.name,
      mandatory: entry.mandatory,
      enabled: state?.enabled ?? false,
      badge: state?.enabled && state.origin ? BADGE_OF_LEVEL[state.origin] : null,
      origin: state?.origin ?? null,
      priority: state?.enabled ? state.priority : null,
      config: state?.enabled ? state.config : null,
      canToggle: why === null,
      canConfigure: configurable,
      reason: why,
    };
  });
}

function customizationBlocked(level: SettingLevel, actor: LevelViewActor): boolean {
  return level === 'user' && !actor.isPlatformAdmin && actor.userCustomizationAllowed === false;
}

function blockedReason(entry: RegistryEntry, level: SettingLevel, inChainAbove: boolean, actor: LevelViewActor): string | null {
  if (!actor.mayWrite) return 'You may read these settings but not change them';
  if (customizationBlocked(level, actor)) return 'Plugin customization is turned off for you';
  if (entry.mandatory) {
    return overrideAllowed(entry, level)
      ? 'Mandatory: always on; its config may be adjusted here'
      : 'Mandatory: always on and not configurable at this level';
  }
  if (!actor.isPlatformAdmin && !availableAt(entry, level)) {
    return level === 'team' ? 'Not available for teams (platform policy)' : 'Not available for users (platform policy)';
  }
  if (inChainAbove && !overrideAllowed(entry, level)) {
    return `Set at a higher level; the platform does not allow ${level} overrides`;
  }
  return null;
}
