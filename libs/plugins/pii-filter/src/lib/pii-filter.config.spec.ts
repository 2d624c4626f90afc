import Ajv from 'ajv';
import { PII_FILTER_CONFIG_SCHEMA, PII_FILTER_DEFAULT_CONFIG, SSN_PATTERN, validatePatterns } from './pii-filter.config';

describe('PIIFilterPlugin config', () => {
  it('fills the documented defaults from an empty config and refuses unknown keys', () => {
    const ajv = new Ajv({ useDefaults: true });
    const validate = ajv.compile(PII_FILTER_CONFIG_SCHEMA);
    const config = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual(PII_FILTER_DEFAULT_CONFIG);
    expect(validate({ action: 'mask', extra: 1 })).toBe(false);
    expect(validate({ action: 'redact' })).toBe(false);
    expect(validate({ pii_patterns: Array.from({ length: 51 }, () => 'x') })).toBe(false);
  });

  it('accepts the defaults and aliases', () => {
    expect(validatePatterns(PII_FILTER_DEFAULT_CONFIG)).toEqual([]);
    expect(validatePatterns({ pii_patterns: ['SSN', 'email', SSN_PATTERN] })).toEqual([]);
  });

  it('reports patterns RE2 refuses with JSON pointers', () => {
    const errors = validatePatterns({ pii_patterns: ['ok', '(unclosed', String.raw`(?<=a)b`, 'x*', 'REDACTED'] });
    expect(errors.map((e) => e.pointer)).toEqual(['/pii_patterns/1', '/pii_patterns/2', '/pii_patterns/3', '/pii_patterns/4']);
    expect(errors[0]?.message).toMatch(/^invalid RE2 pattern: /);
    expect(errors[2]?.message).toBe('pattern matches the empty string');
    expect(errors[3]?.message).toBe('the mask text matches this pattern');
  });

  it('ignores shapes the JSON Schema already refuses', () => {
    expect(validatePatterns(null)).toEqual([]);
    expect(validatePatterns({ pii_patterns: 'x' })).toEqual([]);
  });
});
