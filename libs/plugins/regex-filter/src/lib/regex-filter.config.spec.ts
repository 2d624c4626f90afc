import Ajv from 'ajv';
import { REGEX_FILTER_CONFIG_SCHEMA, validatePatterns } from './regex-filter.config';

describe('RegexFilterPlugin config', () => {
  it('defaults to no patterns and refuses unknown keys and oversized lists', () => {
    const validate = new Ajv({ useDefaults: true }).compile(REGEX_FILTER_CONFIG_SCHEMA);
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual({ blocked_patterns: [] });
    expect(validate({ blocked_patterns: [], other: true })).toBe(false);
    expect(validate({ blocked_patterns: Array.from({ length: 101 }, () => 'x') })).toBe(false);
    expect(validate({ blocked_patterns: ['x'.repeat(513)] })).toBe(false);
  });

  it('reports invalid RE2 patterns with JSON pointers', () => {
    expect(validatePatterns({ blocked_patterns: ['ok', '[z-a]', String.raw`(a)\1`] })).toEqual([
      expect.objectContaining({ pointer: '/blocked_patterns/1', keyword: 'pattern' }),
      expect.objectContaining({ pointer: '/blocked_patterns/2', keyword: 'pattern' }),
    ]);
    expect(validatePatterns({ blocked_patterns: ['(a+)+$'] })).toEqual([]);
    expect(validatePatterns({})).toEqual([]);
  });
});
