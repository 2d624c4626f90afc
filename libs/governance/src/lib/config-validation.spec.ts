import { stripRequired, validateConfig } from './config-validation';
import type { JsonObject } from './registry.model';

const schema: JsonObject = {
  type: 'object',
  properties: {
    blocked_patterns: { type: 'array', items: { type: 'string' } },
    action: { enum: ['mask', 'block'] },
    required: { type: 'boolean' },
    nested: {
      type: 'object',
      properties: { url: { type: 'string', format: 'uri' } },
      required: ['url'],
    },
  },
  required: ['blocked_patterns', 'action'],
  additionalProperties: false,
};

describe('validateConfig', () => {
  it('accepts a valid config and anything when there is no schema', () => {
    expect(
      validateConfig(
        schema,
        { blocked_patterns: ['a'], action: 'mask' },
        { partial: false },
      ),
    ).toEqual([]);
    expect(validateConfig(null, { anything: 1 }, { partial: false })).toEqual(
      [],
    );
  });

  it('places every error by a JSON pointer, at the offending property itself', () => {
    const errors = validateConfig(
      schema,
      {
        blocked_patterns: ['a', 3],
        extra: 1,
        nested: { url: 'no spaces allowed' },
      },
      { partial: false },
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { pointer: '/action', keyword: 'required', message: 'is required' },
        {
          pointer: '/extra',
          keyword: 'additionalProperties',
          message: 'is not an allowed property',
        },
        {
          pointer: '/blocked_patterns/1',
          keyword: 'type',
          message: 'must be string',
        },
        {
          pointer: '/nested/url',
          keyword: 'format',
          message: 'must match format "uri"',
        },
      ]),
    );
  });

  it('ignores required at every depth for a partial row, and checks everything else', () => {
    expect(validateConfig(schema, { nested: {} }, { partial: true })).toEqual(
      [],
    );
    expect(
      validateConfig(schema, { action: 'drop' }, { partial: true }),
    ).toEqual([
      {
        pointer: '/action',
        keyword: 'enum',
        message: 'must be equal to one of the allowed values',
      },
    ]);
    expect(
      validateConfig(schema, { required: 'yes' }, { partial: true })[0]
        ?.pointer,
    ).toBe('/required');
  });

  it('reads draft 2020-12 schemas', () => {
    const modern: JsonObject = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://plugboard.dev/schemas/x',
      type: 'object',
      properties: {
        list: { type: 'array', prefixItems: [{ type: 'integer' }] },
      },
      unevaluatedProperties: false,
    };
    expect(validateConfig(modern, { list: [1] }, { partial: false })).toEqual(
      [],
    );
    expect(
      validateConfig(modern, { list: ['x'], other: 1 }, { partial: false })
        .map((e) => e.pointer)
        .sort(),
    ).toEqual(['/list/0', '/other']);
    // The same $id compiled again (a reloaded registry) must not collide.
    expect(
      validateConfig({ ...modern }, { other: 1 }, { partial: false }),
    ).toHaveLength(1);
  });

  it('reports a broken schema as an error instead of throwing', () => {
    expect(
      validateConfig({ type: 'no-such-type' }, {}, { partial: false }),
    ).toEqual([expect.objectContaining({ pointer: '', keyword: 'schema' })]);
  });
});

describe('stripRequired', () => {
  it('drops requirement keywords in schema positions only', () => {
    expect(
      stripRequired({
        required: ['a'],
        dependentRequired: { a: ['b'] },
        dependencies: { a: ['b'], c: { required: ['d'] } },
        properties: { required: { required: ['x'], type: 'object' } },
        allOf: [{ required: ['z'] }],
        items: [{ required: ['i'] }],
      }),
    ).toEqual({
      dependencies: { c: {} },
      properties: { required: { type: 'object' } },
      allOf: [{}],
      items: [{}],
    });
  });
});

describe('validateConfig patterns', () => {
  it('runs a catastrophic pattern on RE2 in linear time', () => {
    const schema = { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } };
    const started = Date.now();
    const errors = validateConfig(schema, { s: `${'a'.repeat(100_000)}b` }, { partial: false });
    expect(errors).toEqual([expect.objectContaining({ pointer: '/s', keyword: 'pattern' })]);
    // A backtracking engine would not finish this in any useful time.
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
