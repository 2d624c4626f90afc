import { DomainError } from '../common/domain-error';
import { parseIfMatch } from './if-match';

describe('parseIfMatch', () => {
  it('reads plain, quoted and weak versions', () => {
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('"12"')).toBe(12);
    expect(parseIfMatch('W/"7"')).toBe(7);
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('  ')).toBeUndefined();
  });

  it('refuses anything else with a validation problem', () => {
    expect(() => parseIfMatch('*')).toThrow(DomainError);
    expect(() => parseIfMatch('"abc"')).toThrow(DomainError);
  });
});
