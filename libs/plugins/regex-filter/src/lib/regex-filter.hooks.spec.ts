import fc from 'fast-check';
import RE2 from 're2';
import { pluginManifestOf } from '@plugboard/plugin-sdk';
import { compiledBlockedPatterns, findBlockedPattern, regexFilterPreInvoke, regexFilterPromptPreFetch } from './regex-filter.hooks';
import { RegexFilterPluginModule } from './regex-filter.module';
import { newHookContext, newToolPayload } from './test-factories';

describe('RegexFilterPlugin', () => {
  it('blocks the US-7 example with "Pattern matched: <pattern>"', () => {
    const payload = newToolPayload({ arguments: { tool: 'search', query: 'test-pattern-123 sensitive' } });
    const result = regexFilterPreInvoke(payload, newHookContext({ blocked_patterns: ['test-pattern-123'] }));
    expect(result).toEqual({
      continueProcessing: false,
      violation: {
        code: 'REGEX_BLOCKED',
        reason: 'Pattern matched: test-pattern-123',
        details: { pattern: 'test-pattern-123', pointer: '/query' },
      },
    });
  });

  it('finds matches deep in nested arguments and in keys', () => {
    const ctx = newHookContext({ blocked_patterns: [String.raw`DROP\s+TABLE`, 'rm -rf'] });
    const deep = newToolPayload({ arguments: { a: { b: [1, { c: 'please DROP  TABLE users' }] } } });
    expect(regexFilterPreInvoke(deep, ctx).violation).toMatchObject({ reason: String.raw`Pattern matched: DROP\s+TABLE`, details: { pointer: '/a/b/1/c' } });
    const inKey = newToolPayload({ arguments: { opts: { 'rm -rf': true } } });
    expect(regexFilterPreInvoke(inKey, ctx).violation?.details).toEqual({ pattern: 'rm -rf', pointer: '/opts/rm -rf' });
  });

  it('lets calls through with the default (empty) config and when nothing matches', () => {
    const payload = newToolPayload({ arguments: { q: 'test-pattern-123' } });
    expect(regexFilterPreInvoke(payload, newHookContext({}))).toEqual({ continueProcessing: true });
    expect(regexFilterPreInvoke(payload, newHookContext({ blocked_patterns: ['other'] }))).toEqual({ continueProcessing: true });
  });

  it('runs a catastrophic pattern on a 100 KB input in linear time', () => {
    const payload = newToolPayload({ arguments: { text: `${'a'.repeat(100_000)}!` } });
    const started = performance.now();
    const result = regexFilterPreInvoke(payload, newHookContext({ blocked_patterns: ['(a+)+$'] }));
    expect(result.continueProcessing).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('blocks a prompt whose arguments match, and lets one without arguments through', () => {
    const ctx = newHookContext({ blocked_patterns: ['secret-\\d+'] }, { hook: 'prompt_pre_fetch' });
    const server = { id: 's', name: 's' };
    expect(regexFilterPromptPreFetch({ server, uri: 'summarize', arguments: { topic: 'about secret-42' } }, ctx).violation).toEqual({
      code: 'REGEX_BLOCKED',
      reason: 'Pattern matched: secret-\\d+',
      details: { pattern: 'secret-\\d+', pointer: '/topic' },
    });
    expect(regexFilterPromptPreFetch({ server, uri: 'summarize', arguments: { topic: 'fine' } }, ctx)).toEqual({ continueProcessing: true });
    expect(regexFilterPromptPreFetch({ server, uri: 'docs://a' }, ctx)).toEqual({ continueProcessing: true });
  });

  it('declares its manifest on the Nest module', () => {
    expect(pluginManifestOf(RegexFilterPluginModule)).toMatchObject({
      name: 'RegexFilterPlugin',
      hooks: { tool_pre_invoke: regexFilterPreInvoke, prompt_pre_fetch: regexFilterPromptPreFetch },
    });
  });

  it('property: blocks exactly when some string of the arguments matches some pattern', () => {
    const sources = ['abc', String.raw`\d{3}`, 'x.y', '^start', 'end$'];
    const checkers = sources.map((source) => new RE2(source, 'u'));
    const text = fc.array(fc.constantFrom(...'abcxy0123 startend.'.split('')), { maxLength: 20 }).map((c) => c.join(''));
    const args = fc.dictionary(text, fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.integer()), { maxKeys: 4 });
    fc.assert(
      fc.property(fc.subarray(sources), args, (patterns, argumentsValue) => {
        const active = patterns.map((p) => checkers[sources.indexOf(p)]);
        const strings = [...Object.keys(argumentsValue), ...Object.values(argumentsValue).flat().filter((v): v is string => typeof v === 'string')];
        const expected = strings.some((s) => active.some((checker) => checker?.test(s)));
        const result = regexFilterPreInvoke(newToolPayload({ arguments: argumentsValue }), newHookContext({ blocked_patterns: patterns }));
        expect(result.continueProcessing).toBe(!expected);
        if (expected) expect(patterns).toContain(result.violation?.details?.['pattern']);
      }),
    );
  });

  it('compiles a config list once', () => {
    const list = ['a'];
    expect(compiledBlockedPatterns(list)).toBe(compiledBlockedPatterns(list));
    expect(findBlockedPattern('zzz', compiledBlockedPatterns(list))).toBeNull();
  });
});
