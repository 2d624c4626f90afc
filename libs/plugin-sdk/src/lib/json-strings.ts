/** Deep walks over the strings of a JSON value (object keys stay as they are). */

/**
 * Returns `value` with every string replaced by `fn(string)`. Copy-on-write: containers with no
 * changed string are returned as the same reference, so an untouched payload allocates nothing.
 */
export function mapJsonStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const mapped = mapJsonStrings(item, fn);
      if (mapped !== item) {
        copy ??= value.slice();
        copy[i] = mapped;
      }
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const item = record[key];
    const mapped = mapJsonStrings(item, fn);
    if (mapped !== item) {
      copy ??= { ...record };
      copy[key] = mapped;
    }
  }
  return copy ?? value;
}

/** The JSON pointer of the first string for which `predicate` holds, or null. */
export function findJsonString(value: unknown, predicate: (text: string) => boolean): string | null {
  const path = findPath(value, predicate);
  return path === null ? null : path.map((segment) => `/${escapePointer(segment)}`).reverse().join('');
}

// The path is built in reverse on the way out, and only on a hit.
function findPath(value: unknown, predicate: (text: string) => boolean): string[] | null {
  if (typeof value === 'string') return predicate(value) ? [] : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const path = findPath(value[i], predicate);
      if (path) {
        path.push(String(i));
        return path;
      }
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const path = findPath(record[key], predicate);
    if (path) {
      path.push(key);
      return path;
    }
  }
  return null;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
