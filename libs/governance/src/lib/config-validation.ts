/** Validation of a plugin config against the JSON Schema the plugin ships (ajv). */
import {
  Ajv,
  type ErrorObject,
  type Options,
  type ValidateFunction,
} from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import RE2 from 're2';
import type { ConfigError } from './config-shape';
import { isJsonObject, joinPointer } from './json-value';
import type { JsonObject, JsonValue } from './registry.model';

export interface ValidateConfigOptions {
  /** true: a row alone, validated without `required` (and `dependentRequired`) at any depth. */
  partial: boolean;
}

type Draft = '07' | '2019' | '2020';
type Compiled = ValidateFunction | { schemaError: string };

// Plugin schemas may carry UI hints and other unknown keywords, hence strict: false.
const AJV_OPTIONS: Options = {
  allErrors: true,
  strict: false,
  addUsedSchema: false,
  // `pattern` keywords come from plugin authors and admins: run them on a linear-time engine.
  code: { regExp: RE2 as unknown as NonNullable<Options['code']>['regExp'] },
};
const instances = new Map<Draft, Ajv | Ajv2019 | Ajv2020>();
const cache = new WeakMap<object, { full?: Compiled; partial?: Compiled }>();

/** Errors of `config` against `schema`, each placed by a JSON pointer; [] when valid or no schema. */
export function validateConfig(
  schema: JsonObject | null | undefined,
  config: JsonValue,
  options: ValidateConfigOptions,
): ConfigError[] {
  if (!schema) return [];
  const compiled = compiledFor(schema, options.partial);
  if ('schemaError' in compiled) {
    return [
      {
        pointer: '',
        keyword: 'schema',
        message: `the plugin's config schema is invalid: ${compiled.schemaError}`,
      },
    ];
  }
  if (compiled(config)) return [];
  return (compiled.errors ?? []).map(toConfigError);
}

function compiledFor(schema: JsonObject, partial: boolean): Compiled {
  let slot = cache.get(schema);
  if (!slot) {
    slot = {};
    cache.set(schema, slot);
  }
  const key = partial ? 'partial' : 'full';
  const existing = slot[key];
  if (existing) return existing;
  const made = compile(partial ? stripRequired(schema) : schema);
  slot[key] = made;
  return made;
}

function compile(schema: JsonValue): Compiled {
  if (!isJsonObject(schema))
    return { schemaError: 'a config schema must be an object' };
  const draft = draftOf(schema);
  const ajv = ajvFor(draft);
  // Root $id/$schema are dropped: ids of reloaded schemas must not collide in the shared
  // instance, and drafts ajv does not ship (04, 06) are read as draft-07.
  const body: JsonObject = { ...schema };
  delete body['$id'];
  delete body['$schema'];
  try {
    const validate = ajv.compile(body);
    ajv.removeSchema(body);
    return validate;
  } catch (error) {
    return {
      schemaError: error instanceof Error ? error.message : String(error),
    };
  }
}

function draftOf(schema: JsonObject): Draft {
  const meta = schema['$schema'];
  if (typeof meta !== 'string') return '07';
  if (meta.includes('2020-12')) return '2020';
  if (meta.includes('2019-09')) return '2019';
  return '07';
}

function ajvFor(draft: Draft): Ajv | Ajv2019 | Ajv2020 {
  let ajv = instances.get(draft);
  if (!ajv) {
    ajv =
      draft === '2020'
        ? new Ajv2020(AJV_OPTIONS)
        : draft === '2019'
          ? new Ajv2019(AJV_OPTIONS)
          : new Ajv(AJV_OPTIONS);
    addFormats(ajv);
    instances.set(draft, ajv);
  }
  return ajv;
}

/** Points at the offending property itself where ajv reports its parent. */
function toConfigError(error: ErrorObject): ConfigError {
  const params = error.params as Record<string, unknown>;
  const child = (name: string): string | null =>
    typeof params[name] === 'string' ? (params[name] as string) : null;
  const missing = child('missingProperty');
  if (missing !== null) {
    return {
      pointer: joinPointer(error.instancePath, missing),
      keyword: error.keyword,
      message: 'is required',
    };
  }
  const extra = child('additionalProperty') ?? child('unevaluatedProperty');
  if (extra !== null) {
    return {
      pointer: joinPointer(error.instancePath, extra),
      keyword: error.keyword,
      message: 'is not an allowed property',
    };
  }
  return {
    pointer: error.instancePath,
    keyword: error.keyword,
    message: error.message ?? 'is invalid',
  };
}

const SUBSCHEMA_KEYWORDS = [
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
];
const SUBSCHEMA_MAP_KEYWORDS = [
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
  'dependencies',
];
const SUBSCHEMA_LIST_KEYWORDS = [
  'allOf',
  'anyOf',
  'oneOf',
  'prefixItems',
  'items',
];

/**
 * A copy of a schema without requirement keywords, walking only schema positions so a
 * property that happens to be named `required` keeps its definition.
 */
export function stripRequired(schema: JsonValue): JsonValue {
  if (!isJsonObject(schema)) return schema;
  const out: JsonObject = { ...schema };
  delete out['required'];
  delete out['dependentRequired'];
  for (const keyword of SUBSCHEMA_KEYWORDS) {
    const sub = out[keyword];
    if (isJsonObject(sub)) out[keyword] = stripRequired(sub);
  }
  for (const keyword of SUBSCHEMA_LIST_KEYWORDS) {
    const list = out[keyword];
    if (Array.isArray(list)) out[keyword] = list.map(stripRequired);
  }
  for (const keyword of SUBSCHEMA_MAP_KEYWORDS) {
    const map = out[keyword];
    if (!isJsonObject(map)) continue;
    const stripped: JsonObject = {};
    for (const [name, sub] of Object.entries(map)) {
      // draft-07 `dependencies` lists (name -> required names) are requirements too.
      if (keyword === 'dependencies' && Array.isArray(sub)) continue;
      stripped[name] = stripRequired(sub);
    }
    out[keyword] = stripped;
  }
  return out;
}
