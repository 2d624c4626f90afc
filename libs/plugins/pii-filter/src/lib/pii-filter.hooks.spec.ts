import fc from 'fast-check';
import RE2 from 're2';
import { pluginManifestOf } from '@plugboard/plugin-sdk';
import { EMAIL_PATTERN, SSN_PATTERN, type PiiFilterConfig } from './pii-filter.config';
import { activePiiPatterns, maskPiiText, maskPiiValue, piiFilterPostFetch, piiFilterPostInvoke, piiFilterPreFetch, piiFilterPreInvoke } from './pii-filter.hooks';
import type { FetchPayload } from '@plugboard/plugin-sdk';
import { PiiFilterPluginModule } from './pii-filter.module';
import { newHookContext, newToolPayload } from './test-factories';

const config = (overrides: Partial<PiiFilterConfig> = {}): Partial<PiiFilterConfig> => ({ ...overrides });

describe('PIIFilterPlugin hooks', () => {
  it('masks SSNs and emails deep in the arguments with the default config, keeping keys', () => {
    const payload = newToolPayload({
      arguments: {
        query: 'my ssn is 123-45-6789 ok',
        nested: { contacts: ['bob@example.com', 42, null, { 'alice@example.com': 'x' }] },
        untouched: { a: 'nothing here' },
      },
    });
    const result = piiFilterPreInvoke(payload, newHookContext(config()));
    expect(result.continueProcessing).toBe(true);
    expect(result.modifiedPayload?.arguments).toEqual({
      query: 'my ssn is [REDACTED] ok',
      nested: { contacts: ['[REDACTED]', 42, null, { 'alice@example.com': 'x' }] },
      untouched: { a: 'nothing here' },
    });
    // Copy-on-write: the original is not mutated and untouched branches are shared.
    expect(payload.arguments['query']).toBe('my ssn is 123-45-6789 ok');
    expect(result.modifiedPayload?.arguments['untouched']).toBe(payload.arguments['untouched']);
  });

  it('returns CONTINUE without a modified payload when nothing matches', () => {
    const result = piiFilterPreInvoke(newToolPayload({ arguments: { q: 'hello', n: 1 } }), newHookContext(config()));
    expect(result).toEqual({ continueProcessing: true });
  });

  it('masks every string of the result on post-invoke', () => {
    const payload = newToolPayload({ result: { rows: [{ email: 'carol@corp.io' }], text: 'SSN 987-65-4321' } });
    const result = piiFilterPostInvoke(payload, newHookContext(config(), { hook: 'tool_post_invoke' }));
    expect(result.modifiedPayload?.result).toEqual({ rows: [{ email: '[REDACTED]' }], text: 'SSN [REDACTED]' });
    expect(result.modifiedPayload?.arguments).toBe(payload.arguments);
  });

  it('masks a bare string result', () => {
    const result = piiFilterPostInvoke(newToolPayload({ result: 'x@y.com' }), newHookContext(config({ mask: '***' })));
    expect(result.modifiedPayload?.result).toBe('***');
  });

  it('blocks with PII_DETECTED naming the kind and pointer, never the value', () => {
    const payload = newToolPayload({ arguments: { form: { fields: ['ok', 'id 123-45-6789'] } } });
    const result = piiFilterPreInvoke(payload, newHookContext(config({ action: 'block' })));
    expect(result.continueProcessing).toBe(false);
    expect(result.violation).toEqual({
      code: 'PII_DETECTED',
      reason: 'PII detected in the arguments: SSN',
      details: { location: 'arguments', kind: 'SSN', pointer: '/form/fields/1' },
    });
    expect(JSON.stringify(result.violation)).not.toContain('6789');
  });

  it('blocks PII in the result on post-invoke', () => {
    const result = piiFilterPostInvoke(newToolPayload({ result: ['a', 'dan@x.org'] }), newHookContext(config({ action: 'block' })));
    expect(result.violation).toMatchObject({ code: 'PII_DETECTED', reason: 'PII detected in the result: email', details: { pointer: '/1' } });
  });

  it('accepts the SSN/email aliases and custom patterns', () => {
    const ctx = newHookContext(config({ pii_patterns: ['ssn', String.raw`EMP-\d{5}`], action: 'block' }));
    expect(piiFilterPreInvoke(newToolPayload({ arguments: { a: 'x@y.com' } }), ctx).continueProcessing).toBe(true);
    expect(piiFilterPreInvoke(newToolPayload({ arguments: { a: '111-22-3333' } }), ctx).violation?.reason).toContain('SSN');
    expect(piiFilterPreInvoke(newToolPayload({ arguments: { a: 'EMP-12345' } }), ctx).violation?.reason).toBe(
      'PII detected in the arguments: custom pattern #1',
    );
  });

  it('treats an empty pattern list as nothing to filter', () => {
    expect(piiFilterPreInvoke(newToolPayload({ arguments: { a: '111-22-3333' } }), newHookContext(config({ pii_patterns: [] })))).toEqual({
      continueProcessing: true,
    });
  });

  it('keeps the mask text literal even with replacement tokens', () => {
    const patterns = activePiiPatterns([SSN_PATTERN]);
    expect(maskPiiText('a 123-45-6789 b', patterns, '$& $1')).toBe('a $& $1 b');
  });

  it('fails closed when the mask text itself matches a pattern', () => {
    const ctx = newHookContext(config({ pii_patterns: ['secret'], mask: 'secret!' }));
    const result = piiFilterPreInvoke(newToolPayload({ arguments: { a: 'my secret' } }), ctx);
    expect(result.violation?.code).toBe('PII_DETECTED');
  });

  it('resolves a config list once (same array → same compiled list)', () => {
    const list = [SSN_PATTERN];
    expect(activePiiPatterns(list)).toBe(activePiiPatterns(list));
  });

  it('runs a catastrophic pattern on a 100 KB input in linear time', () => {
    const ctx = newHookContext(config({ pii_patterns: ['(a+)+$'], action: 'block' }));
    const payload = newToolPayload({ arguments: { text: `${'a'.repeat(100_000)}!` } });
    const started = performance.now();
    const result = piiFilterPreInvoke(payload, ctx);
    expect(result.continueProcessing).toBe(true);
    // A backtracking engine would not finish this in our lifetime; generous bound, not a benchmark.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('PII masker properties', () => {
  const patternSources = [SSN_PATTERN, EMAIL_PATTERN, String.raw`\d{4}`, 'secret', String.raw`[A-Z]{3}-\d+`];
  const checkers = patternSources.map((source) => new RE2(source, 'u'));
  const alphabet = fc.constantFrom(...'0123456789-@.abcxyzSECRETsecret ABC_'.split(''));
  const text = fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join(''));
  const patternSubset = fc.subarray(patternSources, { minLength: 1 });
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(text, tie('value'), { maxKeys: 4 })),
  })).value;

  it('masked output never contains a match of any configured pattern', () => {
    fc.assert(
      fc.property(patternSubset, json, (sources, value) => {
        const patterns = activePiiPatterns(sources);
        const masked = maskPiiValue(value, patterns, '[REDACTED]');
        expect(masked).not.toBeNull();
        const strings: string[] = [];
        collectStrings(masked?.value, strings);
        const active = sources.map((source) => checkers[patternSources.indexOf(source)]);
        for (const s of strings) for (const checker of active) expect(checker?.test(s)).toBe(false);
      }),
    );
  });

  it('leaves strings without matches unchanged', () => {
    fc.assert(
      fc.property(patternSubset, text, (sources, s) => {
        const active = sources.map((source) => checkers[patternSources.indexOf(source)]);
        fc.pre(active.every((checker) => !checker?.test(s)));
        expect(maskPiiText(s, activePiiPatterns(sources), '[REDACTED]')).toBe(s);
      }),
    );
  });
});

// Values only: object keys are not masked, by design.
function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((item) => collectStrings(item, out));
}

const fetchPayload = (overrides: Partial<FetchPayload> = {}): FetchPayload => ({ server: { id: 'srv-1', name: 'prod_tools' }, uri: 'docs://handbook', ...overrides });

describe('PIIFilterPlugin fetch hooks', () => {
  it('masks fetched resource content and a rendered prompt on post-fetch, keeping the URI', () => {
    const payload = fetchPayload({ content: 'Contact alice@example.com, SSN 123-45-6789.' });
    const result = piiFilterPostFetch(payload, newHookContext(config(), { hook: 'resource_post_fetch' }));
    expect(result).toEqual({ continueProcessing: true, modifiedPayload: { ...payload, content: 'Contact [REDACTED], SSN [REDACTED].' } });
    expect(payload.content).toBe('Contact alice@example.com, SSN 123-45-6789.');
  });

  it('masks prompt arguments on pre-fetch, and leaves a fetch without arguments alone', () => {
    const payload = fetchPayload({ uri: 'summarize', arguments: { topic: 'mail bob@example.com', tone: 'dry' } });
    const result = piiFilterPreFetch(payload, newHookContext(config(), { hook: 'prompt_pre_fetch' }));
    expect(result.modifiedPayload?.arguments).toEqual({ topic: 'mail [REDACTED]', tone: 'dry' });
    expect(piiFilterPreFetch(fetchPayload(), newHookContext(config()))).toEqual({ continueProcessing: true });
    expect(piiFilterPostFetch(fetchPayload({ content: 'clean text' }), newHookContext(config()))).toEqual({ continueProcessing: true });
  });

  it('blocks fetched content with PII_DETECTED in block mode, naming where', () => {
    const result = piiFilterPostFetch(fetchPayload({ content: 'SSN 123-45-6789' }), newHookContext(config({ action: 'block' })));
    expect(result.violation).toEqual({ code: 'PII_DETECTED', reason: 'PII detected in the content: SSN', details: { location: 'content', kind: 'SSN', pointer: '' } });
  });
});

describe('PiiFilterPluginModule', () => {
  it('declares its manifest with the tool hooks, prompt arguments and both post-fetch hooks', () => {
    expect(pluginManifestOf(PiiFilterPluginModule)).toMatchObject({
      name: 'PIIFilterPlugin',
      hooks: {
        tool_pre_invoke: piiFilterPreInvoke,
        tool_post_invoke: piiFilterPostInvoke,
        prompt_pre_fetch: piiFilterPreFetch,
        resource_post_fetch: piiFilterPostFetch,
        prompt_post_fetch: piiFilterPostFetch,
      },
    });
    expect(pluginManifestOf(PiiFilterPluginModule)?.hooks.resource_pre_fetch).toBeUndefined();
  });
});
