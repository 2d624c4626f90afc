/** `deepMerge` of SPEC 3.3, the only way configs of two levels combine. */
import type { JsonObject, JsonValue } from './registry.model';
import {
  FORBIDDEN_KEYS,
  canonicalKey,
  cloneJson,
  isJsonObject,
} from './json-value';

/**
 * Objects merge key by key recursively; arrays concatenate `a` then `b`, dropping every
 * element deep-equal to an earlier one; anything else: `b` wins. Keys `__proto__`,
 * `constructor`, `prototype` are never merged (dropped from the result at any depth).
 * The inputs are never mutated and the result shares no object with them.
 */
export function deepMerge(a: JsonObject, b: JsonObject): JsonObject;
export function deepMerge(a: JsonValue, b: JsonValue): JsonValue;
export function deepMerge(a: JsonValue, b: JsonValue): JsonValue {
  if (isJsonObject(a) && isJsonObject(b)) return mergeObjects(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return concatUnique(a, b);
  return cloneJson(b);
}

function mergeObjects(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(a)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    out[key] = Object.prototype.hasOwnProperty.call(b, key)
      ? deepMerge(a[key] as JsonValue, b[key] as JsonValue)
      : cloneJson(a[key] as JsonValue);
  }
  for (const key of Object.keys(b)) {
    if (FORBIDDEN_KEYS.has(key) || Object.prototype.hasOwnProperty.call(a, key))
      continue;
    out[key] = cloneJson(b[key] as JsonValue);
  }
  return out;
}

function concatUnique(
  a: readonly JsonValue[],
  b: readonly JsonValue[],
): JsonValue[] {
  const out: JsonValue[] = [];
  // Scalars compare by value in a Set; composites by their canonical (key-sorted) text.
  const seenScalars = new Set<JsonValue>();
  const seenComposites = new Set<string>();
  const push = (item: JsonValue): void => {
    if (item === null || typeof item !== 'object') {
      if (seenScalars.has(item)) return;
      seenScalars.add(item);
    } else {
      const key = canonicalKey(item);
      if (seenComposites.has(key)) return;
      seenComposites.add(key);
    }
    out.push(cloneJson(item));
  };
  a.forEach(push);
  b.forEach(push);
  return out;
}
