/** Reads `plugins.config.yaml` (PLUGBOARD_PLUGINS_CONFIG) into registry entries, or fails with every error placed by file:line. */
import { readFileSync } from 'node:fs';
import {
  parseRegistryYaml,
  type JsonObject,
  type RegistryEntry,
  type RegistryYamlError,
} from '@plugboard/governance';
import { DomainError } from '../common/domain-error';

export interface PluginsConfigOptions {
  /** The schema a loaded plugin ships, to check `config` against; absent while no runtime is loaded. */
  configSchemaFor?: (entry: RegistryEntry) => JsonObject | null | undefined;
  /**
   * Whether a kind names a discovered plugin package. Left out where the plugin loader reports
   * missing packages itself (start-up), so its fail-closed message is the one an operator sees.
   */
  isKnownKind?: (kind: string) => boolean;
}

export interface PluginsConfig {
  file: string;
  entries: RegistryEntry[];
  /** E.g. optional plugins whose package is not installed: they will be unavailable. */
  warnings: RegistryYamlError[];
}

/** `file:line: path: message`; line 0 = about the whole file (it cannot be read). */
export function formatConfigError(error: RegistryYamlError): string {
  const where = error.line > 0 ? `${error.file}:${error.line}` : error.file;
  return `${where}: ${error.path ? `${error.path}: ` : ''}${error.message}`;
}

/**
 * An invalid or unreadable plugins config. A DomainError (422 CONFIG_INVALID) for the API; at start-up it
 * stops the process with its message, and the CLI exits 2 with it.
 */
export class PluginsConfigError extends DomainError {
  constructor(
    readonly file: string,
    readonly errors: RegistryYamlError[],
  ) {
    const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    super('CONFIG_INVALID', [`${file} is invalid (${count}):`, ...errors.map((e) => `  ${formatConfigError(e)}`)].join('\n'), {
      configErrors: errors,
      suggestions: ['Fix the lines listed and run `plugboard plugins validate` before syncing'],
    });
    this.name = 'PluginsConfigError';
  }
}

export class PluginsConfigMissingError extends PluginsConfigError {}

/** Parses the text of a plugins config with the registry rules; errors are returned, not thrown. */
export function parsePluginsConfig(
  text: string,
  file: string,
  options: PluginsConfigOptions = {},
): { entries: RegistryEntry[]; errors: RegistryYamlError[]; warnings: RegistryYamlError[] } {
  return parseRegistryYaml(text, file, options);
}

/** Column sizes of global_plugin_registry the YAML rules do not know about (PostgreSQL enforces them). */
const STORAGE_LIMITS = { kind: 214, version: 64, description: 2000 } as const;
const INT4 = 2_147_483_647;

/** Values the registry table cannot hold; placed by entry (line 0: the YAML rules carry no line for them). */
function storageErrors(entries: RegistryEntry[], file: string): RegistryYamlError[] {
  const errors: RegistryYamlError[] = [];
  entries.forEach((entry, index) => {
    for (const [field, max] of Object.entries(STORAGE_LIMITS) as [keyof typeof STORAGE_LIMITS, number][]) {
      if (entry[field].length > max) errors.push({ file, line: 0, path: `plugins[${index}].${field}`, message: `must be at most ${max} characters` });
    }
    if (Math.abs(entry.priority) > INT4) errors.push({ file, line: 0, path: `plugins[${index}].priority`, message: `must be between -${INT4} and ${INT4}` });
  });
  return errors;
}

/** Reads and validates the file; throws PluginsConfigError (PluginsConfigMissingError when absent). */
export function readPluginsConfig(file: string, options: PluginsConfigOptions = {}): PluginsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? 'unknown error'})`;
    const problem = { file, line: 0, path: '', message };
    throw code === 'ENOENT' ? new PluginsConfigMissingError(file, [problem]) : new PluginsConfigError(file, [problem]);
  }
  const { entries, errors, warnings } = parsePluginsConfig(text, file, options);
  if (errors.length > 0) throw new PluginsConfigError(file, errors);
  const tooLarge = storageErrors(entries, file);
  if (tooLarge.length > 0) throw new PluginsConfigError(file, tooLarge);
  return { file, entries, warnings };
}
