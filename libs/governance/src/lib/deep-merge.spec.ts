import fc from 'fast-check';
import {
  configArb,
  consistentObject,
  dedupeArrays,
  jsonScalar,
} from '../testing/governance.arbitraries';
import { deepMerge } from './deep-merge';
import { findForbiddenKeys } from './config-shape';
import type { JsonObject, JsonValue } from './registry.model';

const RUNS = { numRuns: 1000 };

/** An object with own forbidden keys, as JSON.parse of a hostile body creates them. */
const hostileObject: fc.Arbitrary<JsonObject> = fc
  .array(
    fc.tuple(
      fc.constantFrom('a', 'b', '__proto__', 'constructor', 'prototype'),
      fc.oneof(jsonScalar, configArb),
    ),
    {
      maxLength: 5,
    },
  )
  .map((pairs) => {
    const out: JsonObject = {};
    for (const [key, value] of pairs)
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  });

describe('deepMerge', () => {
  it('merges objects key by key, recursively', () => {
    expect(
      deepMerge({ a: 1, n: { x: 1, y: 2 } }, { b: 2, n: { y: 3, z: 4 } }),
    ).toEqual({
      a: 1,
      b: 2,
      n: { x: 1, y: 3, z: 4 },
    });
  });

  it('concatenates arrays a then b, dropping later deep-equal duplicates', () => {
    expect(
      deepMerge(
        { p: ['t1', 't2', { k: [1] }] },
        { p: ['t2', 'mine', { k: [1] }, 't1'] },
      ),
    ).toEqual({
      p: ['t1', 't2', { k: [1] }, 'mine'],
    });
    expect(deepMerge({ p: [{ a: 1, b: 2 }] }, { p: [{ b: 2, a: 1 }] })).toEqual(
      { p: [{ a: 1, b: 2 }] },
    );
    expect(deepMerge({ p: [1, '1'] }, { p: [true, 1] })).toEqual({
      p: [1, '1', true],
    });
  });

  it('lets b win for anything else, including a change of kind', () => {
    expect(
      deepMerge(
        { a: [1], b: { x: 1 }, c: 'old' },
        { a: 'now', b: [2], c: null },
      ),
    ).toEqual({
      a: 'now',
      b: [2],
      c: null,
    });
  });

  it('never merges __proto__, constructor or prototype and leaves Object.prototype alone', () => {
    const hostile = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "ok": 1}',
    );
    const merged = deepMerge(
      { prototype: 1 } as JsonObject,
      hostile as JsonObject,
    );
    expect(merged).toEqual({ ok: 1 });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  describe('laws', () => {
    it('has {} as identity on both sides', () => {
      fc.assert(
        fc.property(configArb, (a) => {
          expect(deepMerge({}, a)).toEqual(a);
          expect(deepMerge(a, {})).toEqual(a);
        }),
        RUNS,
      );
    });

    it('is associative for objects whose paths keep one JSON kind', () => {
      // Where a path changes kind (array, then a scalar, then an array) "b wins" forgets
      // the left side, so associativity is stated only for kind-consistent objects.
      const arb = consistentObject(2);
      fc.assert(
        fc.property(arb, arb, arb, (a, b, c) => {
          expect(deepMerge(deepMerge(a, b), c)).toEqual(
            deepMerge(a, deepMerge(b, c)),
          );
        }),
        RUNS,
      );
    });

    it('is idempotent on objects whose arrays hold no duplicates', () => {
      fc.assert(
        fc.property(configArb, (raw) => {
          const a = dedupeArrays(raw) as JsonObject;
          expect(deepMerge(a, a)).toEqual(a);
        }),
        RUNS,
      );
    });

    it("keeps b's value wherever b holds a scalar or the kinds differ", () => {
      fc.assert(
        fc.property(configArb, configArb, (a, b) => {
          const merged = deepMerge(a, b);
          for (const [key, value] of Object.entries(b)) {
            const old = a[key];
            const bothObjects = isObject(old) && isObject(value);
            const bothArrays = Array.isArray(old) && Array.isArray(value);
            if (!bothObjects && !bothArrays) expect(merged[key]).toEqual(value);
          }
        }),
        RUNS,
      );
    });

    it('keeps every array element of both sides, each once, a first', () => {
      fc.assert(
        fc.property(
          fc.array(jsonScalar, { maxLength: 6 }),
          fc.array(jsonScalar, { maxLength: 6 }),
          (x, y) => {
            const merged = deepMerge({ k: x }, { k: y })['k'] as JsonValue[];
            expect(new Set(merged.map((v) => JSON.stringify(v))).size).toBe(
              merged.length,
            );
            expect(new Set(merged)).toEqual(new Set([...x, ...y]));
            expect(merged.slice(0, new Set(x).size)).toEqual([...new Set(x)]);
          },
        ),
        RUNS,
      );
    });

    it('never produces a forbidden key', () => {
      fc.assert(
        fc.property(hostileObject, hostileObject, (a, b) => {
          expect(findForbiddenKeys(deepMerge(a, b))).toEqual([]);
        }),
        RUNS,
      );
    });

    it('does not mutate its inputs, nor share objects with them', () => {
      fc.assert(
        fc.property(configArb, configArb, (a, b) => {
          const [copyA, copyB] = [JSON.stringify(a), JSON.stringify(b)];
          const merged = deepMerge(a, b);
          scribble(merged);
          expect(JSON.stringify(a)).toBe(copyA);
          expect(JSON.stringify(b)).toBe(copyB);
        }),
        RUNS,
      );
    });
  });
});

function isObject(value: JsonValue | undefined): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Mutates every container of a value in place. */
function scribble(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach(scribble);
    value.push('scribbled');
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(scribble);
    value['scribbled'] = true;
  }
}
