import { parseJsonObject } from './form-result';

describe('parseJsonObject', () => {
  it.each([
    ['{}', {}],
    ['{"message":"hello"}', { message: 'hello' }],
    ['  {"nested": {"a": [1, 2]}}  ', { nested: { a: [1, 2] } }],
  ])('accepts %s', (input, expected) => {
    expect(parseJsonObject(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['[]', 'null', '"text"', '42', 'true'])(
    'rejects the non-object %s',
    (input) => {
      expect(parseJsonObject(input)).toEqual({
        ok: false,
        message: expect.stringMatching(/JSON object/),
      });
    },
  );

  it.each(['', '{', "{'single': 'quotes'}", '{"a": 1,}'])(
    'rejects the invalid JSON %p',
    (input) => {
      expect(parseJsonObject(input)).toEqual({
        ok: false,
        message: expect.stringMatching(/^Not valid JSON/),
      });
    },
  );
});
