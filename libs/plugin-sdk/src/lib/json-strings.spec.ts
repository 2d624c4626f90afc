import { findJsonString, mapJsonStrings } from './json-strings';

describe('JSON string walks', () => {
  it('maps strings deeply, copying only changed branches', () => {
    const input = { a: 'x', b: { c: ['y', 'x'] }, d: { e: 'z' }, n: 1 };
    const out = mapJsonStrings(input, (s) => (s === 'x' ? 'X' : s)) as typeof input;
    expect(out).toEqual({ a: 'X', b: { c: ['y', 'X'] }, d: { e: 'z' }, n: 1 });
    expect(out.d).toBe(input.d);
    expect(input.a).toBe('x');
    expect(mapJsonStrings(input, (s) => s)).toBe(input);
  });

  it('finds the pointer of the first matching string, escaping ~ and /', () => {
    expect(findJsonString({ 'a/b': [{ 'c~d': 'hit' }] }, (s) => s === 'hit')).toBe('/a~1b/0/c~0d');
    expect(findJsonString('hit', (s) => s === 'hit')).toBe('');
    expect(findJsonString({ a: 1 }, () => true)).toBeNull();
  });
});
