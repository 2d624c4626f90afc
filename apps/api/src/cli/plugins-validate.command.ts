/** `plugboard plugins validate [--file <path>]`: checks a plugins config without touching a database. */
import { formatConfigError, PluginsConfigError, readPluginsConfig } from '../registry/plugins-config';

export function validatePluginsConfig(file: string, out: (line: string) => void, err: (line: string) => void): number {
  try {
    const { entries } = readPluginsConfig(file);
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
