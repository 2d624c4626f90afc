/** `plugboard plugins validate [--file <path>]`: checks a plugins config without touching a database. */
import type { JsonObject } from '@plugboard/governance';
import type { Settings } from '../config/settings';
import { pluginModulesForRouting } from '../plugin-routes/plugin-discovery';
import { formatConfigError, PluginsConfigError, readPluginsConfig } from '../registry/plugins-config';

/**
 * Checks the file against the registry rules and against the plugin packages this installation
 * discovers (built-ins, node_modules packages with a "plugboard" field, PLUGBOARD_PLUGIN_PATHS):
 * a mandatory plugin no package provides is an error, an optional one a warning, and each default
 * config is checked against its plugin's JSON Schema.
 */
export function validatePluginsConfig(
  file: string,
  settings: Pick<Settings, 'pluginPaths'>,
  out: (line: string) => void,
  err: (line: string) => void,
): number {
  const installed = new Map(pluginModulesForRouting(settings).map((m) => [m.kind, m.manifest]));
  try {
    const { entries, warnings } = readPluginsConfig(file, {
      isKnownKind: (kind) => installed.has(kind),
      configSchemaFor: (entry) => {
        const manifest = installed.get(entry.kind);
        return manifest && manifest.name === entry.name ? (manifest.configSchema as JsonObject) : null;
      },
    });
    for (const warning of warnings) err(`warning: ${formatConfigError(warning)}`);
    const mandatory = entries.filter((e) => e.mandatory).map((e) => e.name);
    const which = mandatory.length > 0 ? `: ${mandatory.join(', ')}` : '';
    out(`${file} is valid: ${entries.length} plugin${entries.length === 1 ? '' : 's'}, ${mandatory.length} mandatory${which}`);
    return 0;
  } catch (error) {
    if (!(error instanceof PluginsConfigError)) throw error;
    for (const problem of error.errors) err(formatConfigError(problem));
    err(`${file}: ${error.errors.length} error${error.errors.length === 1 ? '' : 's'}`);
    return 2;
  }
}
