// "Mandatory > Team defaults > Mine": the user's plugins grouped by where their state comes from.
import type { LevelPluginView } from '@plugboard/shared-contracts';

export type PluginGroupKey =
  | 'mandatory'
  | 'global'
  | 'team'
  | 'mine'
  | 'available';

export interface PluginGroup {
  key: PluginGroupKey;
  title: string;
  hint: string;
  plugins: LevelPluginView[];
}

const GROUPS: readonly Omit<PluginGroup, 'plugins'>[] = [
  {
    key: 'mandatory',
    title: 'Mandatory',
    hint: 'Set by the platform; always on.',
  },
  {
    key: 'global',
    title: 'Platform defaults',
    hint: 'On for everyone unless a level below turns them off.',
  },
  {
    key: 'team',
    title: 'Team defaults',
    hint: 'Enabled by your team; adjust them for yourself where allowed.',
  },
  {
    key: 'mine',
    title: 'Mine',
    hint: 'Your own settings, applied to your servers.',
  },
  {
    key: 'available',
    title: 'Available',
    hint: 'Not on yet; switch one on to use it on your servers.',
  },
];

/** By origin (the API's badge source); a plugin only you set, or switched off, is "Mine". */
export function groupOf(plugin: LevelPluginView): PluginGroupKey {
  switch (plugin.origin) {
    case 'mandatory':
      return 'mandatory';
    case 'global':
      return 'global';
    case 'team':
      return 'team';
    case 'user':
    case 'server':
      return 'mine';
    case null:
      return plugin.setting ? 'mine' : 'available';
  }
}

/** The hierarchy in order; Mandatory, Team defaults and Mine always, the others when filled. */
export function groupPlugins(
  plugins: readonly LevelPluginView[],
): PluginGroup[] {
  return GROUPS.map((group) => ({
    ...group,
    plugins: plugins.filter((plugin) => groupOf(plugin) === group.key),
  })).filter(
    (group) =>
      group.plugins.length > 0 ||
      group.key === 'mandatory' ||
      group.key === 'team' ||
      group.key === 'mine',
  );
}
