/** The fields of one `plugins.config.yaml` entry: names, types, defaults, and reading them. */
import { isJsonObject } from './json-value';
import {
  PLUGIN_MODES,
  type JsonObject,
  type PluginMode,
  type RegistryEntry,
} from './registry.model';

type FieldType = 'string' | 'boolean' | 'names' | 'integer' | 'object' | 'mode';

/** snake_case YAML field → entry property and type. `config` is the entry's `defaultConfig`. */
const FIELDS = {
  name: ['name', 'string'],
  kind: ['kind', 'string'],
  version: ['version', 'string'],
  description: ['description', 'string'],
  mandatory: ['mandatory', 'boolean'],
  enabled_globally: ['enabledGlobally', 'boolean'],
  available_for_teams: ['availableForTeams', 'boolean'],
  available_for_users: ['availableForUsers', 'boolean'],
  allow_team_override: ['allowTeamOverride', 'boolean'],
  allow_user_override: ['allowUserOverride', 'boolean'],
  allow_server_override: ['allowServerOverride', 'boolean'],
  requires: ['requires', 'names'],
  conflicts_with: ['conflictsWith', 'names'],
  priority: ['priority', 'integer'],
  config: ['defaultConfig', 'object'],
  mode: ['mode', 'mode'],
} as const satisfies Record<string, readonly [keyof RegistryEntry, FieldType]>;

export type RegistryYamlField = keyof typeof FIELDS;
export const FIELD_NAMES: ReadonlySet<string> = new Set(Object.keys(FIELDS));
/** The order `registryEntryToYaml` writes fields in. */
export const FIELD_ORDER = Object.keys(FIELDS) as RegistryYamlField[];
export const FIELD_PROPERTY: Readonly<
  Record<RegistryYamlField, keyof RegistryEntry>
> = Object.fromEntries(
  FIELD_ORDER.map((field) => [field, FIELDS[field][0]]),
) as Record<RegistryYamlField, keyof RegistryEntry>;

/** Plugin names: what the registry column (varchar 100) and the API paths accept. */
export const PLUGIN_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

export interface FieldError {
  /** Item position for list fields. */
  index?: number;
  message: string;
}

/** An entry with every default of an omitted field (the epic's column defaults, priority 100). */
export function registryDefaults(): RegistryEntry {
  return {
    name: '',
    kind: '',
    version: '0.0.0',
    description: '',
    mandatory: false,
    enabledGlobally: false,
    availableForTeams: true,
    availableForUsers: true,
    allowTeamOverride: true,
    allowUserOverride: true,
    allowServerOverride: true,
    requires: [],
    conflictsWith: [],
    defaultConfig: {},
    priority: 100,
    mode: 'enforce',
  };
}

/** Reads one known field into `entry`; on a wrong value the field keeps its default. */
export function readField(
  entry: RegistryEntry,
  field: string,
  value: unknown,
): FieldError[] {
  const spec = (
    FIELDS as Record<string, readonly [keyof RegistryEntry, FieldType]>
  )[field];
  if (!spec) return [{ message: `unknown field "${field}"` }];
  const [property, type] = spec;
  const target = entry as unknown as Record<string, unknown>;
  switch (type) {
    case 'string': {
      if (typeof value !== 'string') {
        const hint =
          typeof value === 'number' ? ` (quote it: "${String(value)}")` : '';
        return [{ message: `must be a string${hint}` }];
      }
      if (field === 'name' && !PLUGIN_NAME_PATTERN.test(value)) {
        return [
          {
            message:
              'must start with a letter and use only letters, digits, "_", "." and "-" (at most 100)',
          },
        ];
      }
      if ((field === 'name' || field === 'kind') && value.trim() === '')
        return [{ message: 'must not be empty' }];
      target[property] = value;
      return [];
    }
    case 'boolean':
      if (typeof value !== 'boolean')
        return [{ message: 'must be true or false' }];
      target[property] = value;
      return [];
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        return [{ message: 'must be an integer' }];
      target[property] = value;
      return [];
    case 'mode':
      if (!PLUGIN_MODES.includes(value as PluginMode))
        return [{ message: `must be one of ${PLUGIN_MODES.join(', ')}` }];
      target[property] = value;
      return [];
    case 'object':
      if (!isJsonObject(value)) return [{ message: 'must be a mapping' }];
      target[property] = value as JsonObject;
      return [];
    case 'names':
      return readNames(target, property, value);
  }
}

function readNames(
  target: Record<string, unknown>,
  property: string,
  value: unknown,
): FieldError[] {
  if (!Array.isArray(value))
    return [{ message: 'must be a list of plugin names' }];
  const errors: FieldError[] = [];
  const names: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || item.trim() === '')
      errors.push({ index, message: 'must be a plugin name' });
    else if (names.includes(item))
      errors.push({ index, message: `${item} is listed twice` });
    else names.push(item);
  });
  target[property] = names;
  return errors;
}
