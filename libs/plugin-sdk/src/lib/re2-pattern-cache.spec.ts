import { compiledPatternCacheSize, compilePattern, compilePatternList, matchesAny, MAX_COMPILED_PATTERN_CACHE, patternCompileError } from './re2-pattern-cache';

describe('RE2 pattern cache', () => {
  it('compiles a pattern once', () => {
    expect(compilePattern('abc')).toBe(compilePattern('abc'));
  });

  it('stays bounded', () => {
    for (let i = 0; i < MAX_COMPILED_PATTERN_CACHE + 20; i++) compilePattern(`p${i}`);
    expect(compiledPatternCacheSize()).toBe(MAX_COMPILED_PATTERN_CACHE);
  });

  it('reports compile errors instead of throwing', () => {
    expect(patternCompileError('(a')).toMatch(/missing \)/);
    expect(patternCompileError('a+')).toBeNull();
  });
});

describe('compiled pattern lists', () => {
  it('answers "any match" with one combined regex, anchors kept per pattern', () => {
    const list = compilePatternList(['^abc', String.raw`\d+$`]);
    expect(list.any?.source).toBe(String.raw`(?:^abc)|(?:\d+$)`);
    expect(matchesAny(list, 'abc…')).toBe(true);
    expect(matchesAny(list, 'x 12')).toBe(true);
    expect(matchesAny(list, 'xabc 12x')).toBe(false);
    expect(matchesAny(compilePatternList([]), 'x')).toBe(false);
  });

  it('falls back to one regex per pattern when the alternation does not compile', () => {
    const list = compilePatternList(['(?P<n>a)', '(?P<n>b)']);
    expect(list.any).toBeNull();
    expect(matchesAny(list, 'b')).toBe(true);
    expect(matchesAny(list, 'c')).toBe(false);
  });
});
