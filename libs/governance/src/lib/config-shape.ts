/** Limits every stored config obeys before any schema is consulted (SPEC 4). */
import type { JsonValue } from './registry.model';
import { FORBIDDEN_KEYS, isJsonObject, joinPointer } from './json-value';

export const MAX_CONFIG_BYTES = 64 * 1024;
/** A top-level object is depth 1, so `{a: {b: 1}}` has depth 2. */
export const MAX_CONFIG_DEPTH = 16;

/** One error of a config, placed by a JSON pointer into the config (`''` = the whole). */
export interface ConfigError {
  pointer: string;
  message: string;
  /** The failing JSON Schema keyword, or `type`, `maxBytes`, `maxDepth`, `forbiddenKey`, `schema`. */
  keyword: string;
}

/** JSON pointers of every `__proto__` / `constructor` / `prototype` key, at any depth. */
export function findForbiddenKeys(value: JsonValue, base = ''): string[] {
  const found: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      found.push(...findForbiddenKeys(item, joinPointer(base, index))),
    );
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      const pointer = joinPointer(base, key);
      if (FORBIDDEN_KEYS.has(key)) found.push(pointer);
      else found.push(...findForbiddenKeys(value[key] as JsonValue, pointer));
    }
  }
  return found;
}

/**
 * Rejects what no plugin schema may accept: a non-object, more than 64 KiB of UTF-8 JSON,
 * nesting deeper than 16, non-JSON numbers, forbidden keys. Depth is checked first and
 * without recursion so a hostile, very deep body cannot overflow the stack.
 */
export function checkConfigShape(config: unknown): ConfigError[] {
  if (!isJsonObject(config)) {
    return [
      { pointer: '', keyword: 'type', message: 'config must be a JSON object' },
    ];
  }
  const tooDeep = firstPointerDeeperThan(config, MAX_CONFIG_DEPTH);
  if (tooDeep !== null) {
    return [
      {
        pointer: tooDeep,
        keyword: 'maxDepth',
        message: `config is nested deeper than ${MAX_CONFIG_DEPTH} levels`,
      },
    ];
  }
  const bytes = utf8Length(JSON.stringify(config));
  if (bytes > MAX_CONFIG_BYTES) {
    return [
      {
        pointer: '',
        keyword: 'maxBytes',
        message: `config is ${bytes} bytes; the limit is ${MAX_CONFIG_BYTES} (64 KiB)`,
      },
    ];
  }
  const errors: ConfigError[] = findForbiddenKeys(config).map((pointer) => ({
    pointer,
    keyword: 'forbiddenKey',
    message: 'keys __proto__, constructor and prototype are not allowed',
  }));
  for (const pointer of findNonFiniteNumbers(config, '')) {
    errors.push({
      pointer,
      keyword: 'type',
      message: 'must be a finite number',
    });
  }
  return errors;
}

/** Pointer of the first container nested deeper than `limit`, or null. */
function firstPointerDeeperThan(root: object, limit: number): string | null {
  const stack: { value: unknown; depth: number; pointer: string }[] = [
    { value: root, depth: 1, pointer: '' },
  ];
  while (stack.length > 0) {
    const { value, depth, pointer } = stack.pop() as {
      value: unknown;
      depth: number;
      pointer: string;
    };
    if (depth > limit) return pointer;
    const children: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value as object);
    for (const [token, child] of children) {
      if (typeof child === 'object' && child !== null) {
        stack.push({
          value: child,
          depth: depth + 1,
          pointer: joinPointer(pointer, token),
        });
      }
    }
  }
  return null;
}

function findNonFiniteNumbers(value: JsonValue, pointer: string): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [pointer];
  if (Array.isArray(value))
    return value.flatMap((item, i) =>
      findNonFiniteNumbers(item, joinPointer(pointer, i)),
    );
  if (isJsonObject(value)) {
    return Object.keys(value).flatMap((k) =>
      findNonFiniteNumbers(value[k] as JsonValue, joinPointer(pointer, k)),
    );
  }
  return [];
}

/** UTF-8 byte length without allocating a buffer (works in Node and browsers alike). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
