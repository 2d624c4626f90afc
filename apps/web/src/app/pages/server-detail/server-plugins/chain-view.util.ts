// A server's resolved chain as the Plugins tab lists it.
import type {
  LevelPluginView,
  PluginOrigin,
  ServerChainEntry,
} from '@plugboard/shared-contracts';

export interface ConfigKeyView {
  key: string;
  /** Compact JSON of the effective value. */
  value: string;
  /** Who set this key, e.g. "team"; null when the API did not say. */
  source: string | null;
}

/** Registry defaults count as mandatory/global; say "platform" for those. */
const SOURCE_LABEL: Readonly<Record<PluginOrigin, string>> = {
  mandatory: 'platform (mandatory)',
  global: 'platform default',
  team: 'team',
  user: 'user',
  server: 'server',
};

/** Each top-level key of the effective config with the level that set it. */
export function configKeys(entry: ServerChainEntry): ConfigKeyView[] {
  return Object.entries(entry.config).map(([key, value]) => ({
    key,
    value: JSON.stringify(value) ?? 'null',
    source: sourceLabel(entry.configSources[key]),
  }));
}

function sourceLabel(origin: PluginOrigin | undefined): string | null {
  return origin && origin in SOURCE_LABEL ? SOURCE_LABEL[origin] : null;
}

/** The server's own rows, plus the plugin being added (not saved yet), in registry order. */
export function serverRows(
  plugins: readonly LevelPluginView[],
  adding: string | null,
): LevelPluginView[] {
  return plugins.filter(
    (plugin) => plugin.setting !== null || plugin.name === adding,
  );
}

/** Plugins the caller may give a server row: the API says they are configurable here. */
export function addablePlugins(
  plugins: readonly LevelPluginView[],
): LevelPluginView[] {
  return plugins.filter(
    (plugin) => plugin.setting === null && plugin.canConfigure,
  );
}
