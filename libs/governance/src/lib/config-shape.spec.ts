import {
  checkConfigShape,
  findForbiddenKeys,
  MAX_CONFIG_BYTES,
  utf8Length,
} from './config-shape';
import type { JsonObject } from './registry.model';

function nested(depth: number): JsonObject {
  let value: JsonObject = {};
  for (let i = 1; i < depth; i++) value = { n: value };
  return value;
}

describe('findForbiddenKeys', () => {
  it('points at every __proto__, constructor and prototype key, escaping pointer tokens', () => {
    const value = JSON.parse(
      '{"a": [{"__proto__": 1}], "b/c": {"constructor": {"x": 1}}, "prototype": 2}',
    );
    expect(findForbiddenKeys(value)).toEqual([
      '/a/0/__proto__',
      '/b~1c/constructor',
      '/prototype',
    ]);
    expect(findForbiddenKeys({ proto: 1, constructors: [] })).toEqual([]);
  });
});

describe('checkConfigShape', () => {
  it('accepts an ordinary config', () => {
    expect(
      checkConfigShape({ blocked_patterns: ['a'], nested: { deep: [1, 2] } }),
    ).toEqual([]);
  });

  it('requires an object', () => {
    expect(checkConfigShape([1])).toEqual([
      { pointer: '', keyword: 'type', message: 'config must be a JSON object' },
    ]);
    expect(checkConfigShape(null)[0]?.keyword).toBe('type');
  });

  it('allows nesting 16 deep and rejects 17, pointing at the first container too deep', () => {
    expect(checkConfigShape(nested(16))).toEqual([]);
    const [error] = checkConfigShape(nested(17));
    expect(error?.keyword).toBe('maxDepth');
    expect(error?.pointer).toBe('/n'.repeat(16));
  });

  it('survives a hostile depth without overflowing the stack', () => {
    expect(checkConfigShape(nested(100_000))[0]?.keyword).toBe('maxDepth');
  });

  it('counts UTF-8 bytes against the 64 KiB limit', () => {
    const overhead = JSON.stringify({ s: '' }).length;
    expect(
      checkConfigShape({ s: 'x'.repeat(MAX_CONFIG_BYTES - overhead) }),
    ).toEqual([]);
    expect(
      checkConfigShape({ s: 'x'.repeat(MAX_CONFIG_BYTES - overhead + 1) })[0]
        ?.keyword,
    ).toBe('maxBytes');
    // 'é' is 2 bytes: half as many characters already exceed the limit.
    expect(
      checkConfigShape({ s: 'é'.repeat(MAX_CONFIG_BYTES / 2) })[0]?.keyword,
    ).toBe('maxBytes');
  });

  it('reports forbidden keys and non-finite numbers', () => {
    const hostile = JSON.parse(
      '{"x": {"__proto__": {"admin": true}}}',
    ) as JsonObject;
    expect(checkConfigShape(hostile)).toEqual([
      {
        pointer: '/x/__proto__',
        keyword: 'forbiddenKey',
        message: 'keys __proto__, constructor and prototype are not allowed',
      },
    ]);
    expect(checkConfigShape({ n: Number.POSITIVE_INFINITY })).toEqual([
      { pointer: '/n', keyword: 'type', message: 'must be a finite number' },
    ]);
  });
});

describe('utf8Length', () => {
  it('matches the encoded length, astral characters and lone surrogates included', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a\ud800b', '\udc00']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});
