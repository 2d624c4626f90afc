/** fast-check arbitraries of registries, hierarchies and configs, for the property specs only. */
import fc from 'fast-check';
import type {
  JsonObject,
  JsonValue,
  Layers,
  PluginMode,
  RegistryEntry,
  SettingLevel,
  SettingRow,
} from '../lib/registry.model';

const KEYS = ['a', 'b', 'c', 'list'];

export const jsonScalar: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('x', 'y', 'z'),
  fc.boolean(),
  fc.constant(null),
);

/** Small configs: few keys, shallow, arrays of scalars or small objects (duplicates likely). */
export const configArb: fc.Arbitrary<JsonObject> = fc.letrec<{
  value: JsonValue;
  object: JsonObject;
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonScalar,
    fc.array(fc.oneof(jsonScalar, tie('object')), { maxLength: 3 }),
    tie('object'),
  ),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 3 }),
})).object;

/**
 * Objects whose every path has one JSON kind: `s*` scalars, `l*` arrays of scalars,
 * `o*` objects of the same shape. Merging such objects never swaps a kind.
 */
export function consistentObject(depth: number): fc.Arbitrary<JsonObject> {
  const model: Record<string, fc.Arbitrary<JsonValue>> = {
    s1: jsonScalar,
    s2: jsonScalar,
    l1: fc.array(jsonScalar, { maxLength: 4 }),
    l2: fc.array(jsonScalar, { maxLength: 4 }),
  };
  if (depth > 0) {
    model['o1'] = consistentObject(depth - 1);
    model['o2'] = consistentObject(depth - 1);
  }
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<JsonObject>;
}

/** Drops duplicate array elements at any depth (first occurrence kept). */
export function dedupeArrays(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    const seen = new Set<string>();
    return value.map(dedupeArrays).filter((item) => {
      const key = JSON.stringify(sortKeys(item));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, dedupeArrays(v)]),
    );
  }
  return value;
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k] as JsonValue)]),
    );
  }
  return value;
}

const MODES: PluginMode[] = ['enforce', 'permissive', 'disabled'];

/** A registry of 1..7 uniquely named plugins with any flags, requirement and conflict edges. */
export const registryArb: fc.Arbitrary<RegistryEntry[]> = fc
  .integer({ min: 1, max: 7 })
  .chain((size) => {
    const names = Array.from({ length: size }, (_, i) => `P${i}`);
    const others = (name: string): fc.Arbitrary<string[]> => {
      const pool = names.filter((n) => n !== name);
      return fc.subarray(pool, { maxLength: Math.min(2, pool.length) });
    };
    const entry = (name: string): fc.Arbitrary<RegistryEntry> =>
      fc
        .record({
          mandatory: fc.boolean(),
          enabledGlobally: fc.boolean(),
          availableForTeams: fc.boolean(),
          availableForUsers: fc.boolean(),
          allowTeamOverride: fc.boolean(),
          allowUserOverride: fc.boolean(),
          allowServerOverride: fc.boolean(),
          requires: others(name),
          conflictsWith: others(name),
          defaultConfig: configArb,
          priority: fc.integer({ min: 0, max: 80 }),
          mode: fc.constantFrom(...MODES),
          rare: fc.integer({ min: 0, max: 3 }),
        })
        .map(({ rare, ...flags }) => ({
          ...flags,
          // Mandatory plugins are a minority, as in real registries.
          mandatory: flags.mandatory && rare === 0,
          enabledGlobally:
            flags.enabledGlobally || (flags.mandatory && rare === 0),
          name,
          kind: `pkg-${name}`,
          version: '1.0.0',
          description: '',
        }));
    return fc.tuple(...names.map(entry));
  });

/** The same registry without the edges the registry rules reject (see registry-rules.ts). */
export function makeConsistent(
  registry: readonly RegistryEntry[],
): RegistryEntry[] {
  const byName = new Map(registry.map((e) => [e.name, e]));
  const mandatory = (name: string): boolean =>
    byName.get(name)?.mandatory === true;
  return registry.map((e) => ({
    ...e,
    requires: e.requires.filter(
      (r) =>
        !e.conflictsWith.includes(r) &&
        !byName.get(r)?.conflictsWith.includes(e.name) &&
        (!e.mandatory || mandatory(r)),
    ),
    conflictsWith: e.conflictsWith.filter(
      (c) => !(e.mandatory && mandatory(c)),
    ),
  }));
}

export function rowArb(
  level: SettingLevel,
  pluginName: string,
): fc.Arbitrary<SettingRow> {
  return fc.record({
    level: fc.constant(level),
    pluginName: fc.constant(pluginName),
    enabled: fc.boolean(),
    config: configArb,
    priority: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
    inheritConfig: fc.boolean(),
  });
}

/** Rows of one level: a unique subset of the registry's names, sometimes an unknown name. */
export function layerArb(
  level: SettingLevel,
  names: readonly string[],
): fc.Arbitrary<SettingRow[]> {
  return fc
    .subarray([...names, 'Ghost'])
    .chain((chosen) => fc.tuple(...chosen.map((name) => rowArb(level, name))))
    .map((rows) => [...rows]);
}

export function layersArb(names: readonly string[]): fc.Arbitrary<Layers> {
  return fc.record({
    team: layerArb('team', names),
    user: layerArb('user', names),
    server: layerArb('server', names),
  });
}

export interface Hierarchy {
  registry: RegistryEntry[];
  layers: Layers;
}

export const hierarchyArb: fc.Arbitrary<Hierarchy> = registryArb.chain(
  (registry) =>
    layersArb(registry.map((e) => e.name)).map((layers) => ({
      registry,
      layers,
    })),
);
