import { canonicalKey, cloneJson, joinPointer, jsonEqual } from './json-value';
import type { JsonObject } from './registry.model';

describe('json values', () => {
  it('compares deeply, ignoring key order but not array order or types', () => {
    expect(
      jsonEqual({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] }),
    ).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: '1' })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });

  it('gives equal values, and only those, the same canonical key', () => {
    expect(canonicalKey({ b: 1, a: [true, null] })).toBe(
      canonicalKey({ a: [true, null], b: 1 }),
    );
    expect(canonicalKey(['1'])).not.toBe(canonicalKey([1]));
  });

  it('clones without forbidden keys and without sharing objects', () => {
    const source = JSON.parse(
      '{"a": {"list": [1]}, "__proto__": {"x": 1}}',
    ) as JsonObject;
    const copy = cloneJson(source);
    expect(copy).toEqual({ a: { list: [1] } });
    expect(Object.keys(copy)).toEqual(['a']);
    expect((copy['a'] as JsonObject)['list']).not.toBe(
      (source['a'] as JsonObject)['list'],
    );
  });

  it('escapes JSON pointer tokens', () => {
    expect(joinPointer('/a', 'b/c~d')).toBe('/a/b~1c~0d');
    expect(joinPointer('', 0)).toBe('/0');
  });
});
