import fc from 'fast-check';
import { PluginException, ValidationException } from './plugin.exceptions';
import { assertSafeUrl, isSafeUrl } from './safe-url';

describe('assertSafeUrl', () => {
  it.each([
    '/ext/audit',
    '/ext/audit-logger/calls?page=2#top',
    './relative',
    '../up',
    'plain/path',
    '?q=a:b',
    '#frag',
    'https://docs.example.com/plugins',
    'HTTP://example.com',
    'http://localhost:4200/x',
  ])('accepts %j', (value) => {
    expect(assertSafeUrl(value, 'route')).toBe(value);
  });

  it.each([
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    [' javascript:alert(1)'],
    ['\u00A0javascript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['java\nscript:alert(1)'],
    ['java\rscript:alert(1)'],
    ['\u0000javascript:alert(1)'],
    ['javascript\u200B:alert(1)'],
    ['%6Aavascript:alert(1)'],
    ['%256Aavascript:alert(1)'],
    ['java%09script:alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['javascript&colon;alert(1)'],
    ['data:text/html;base64,PHNjcmlwdD4='],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['mailto:a@example.com'],
    ['//evil.com'],
    ['/%2Fevil.com'],
    ['%2F%2Fevil.com'],
    ['/\\evil.com'],
    ['\\\\evil.com'],
    ['https:evil.com'],
    ['https://'],
    ['/path\u2028'],
    ['/path%0Aheader'],
    ['/bad%E0%A4%A'],
    [''],
    ['/trailing '],
  ])('refuses %j with a 422 ValidationException', (value) => {
    expect(() => assertSafeUrl(value, 'route')).toThrow(ValidationException);
  });

  it('names the field and the reason', () => {
    try {
      assertSafeUrl('javascript:alert(1)', 'menu.href');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(PluginException);
      const exception = error as ValidationException;
      expect(exception.status).toBe(422);
      expect(exception.code).toBe('UNSAFE_URL');
      expect(exception.detail).toMatch(/menu\.href .*scheme "javascript:"/);
    }
  });

  it('refuses non-strings', () => {
    expect(isSafeUrl(42)).toBe(false);
    expect(isSafeUrl(null)).toBe(false);
  });

  describe('properties', () => {
    const dangerous = fc.constantFrom('javascript', 'data', 'vbscript', 'file');
    /** Each letter in a random case, sometimes percent-encoded, sometimes split by tab/CR/LF. */
    const disguisedScheme = dangerous.chain((scheme) =>
      fc
        .tuple(
          ...[...scheme].map((letter) =>
            fc.tuple(
              fc.constantFrom(letter.toLowerCase(), letter.toUpperCase(), `%${letter.charCodeAt(0).toString(16)}`, `%${letter.toUpperCase().charCodeAt(0).toString(16).toUpperCase()}`),
              fc.constantFrom('', '', '', '\t', '\n', '\r', '%09', '%0a', '\u0000'),
            ),
          ),
        )
        .map((parts) => parts.map(([letter, noise]) => letter + noise).join('')),
    );
    const prefix = fc.constantFrom('', '', ' ', '  ', '\t', '\n', '\u0001', '\u00A0', '\u200B', '\uFEFF', '\u3000');
    const colon = fc.constantFrom(':', ':', '%3A', '%3a', '\t:', ':\t');

    it('no string starting with a dangerous scheme in any case/whitespace/encoding variant passes', () => {
      fc.assert(
        fc.property(prefix, disguisedScheme, colon, fc.string(), (pre, scheme, sep, rest) => {
          expect(isSafeUrl(pre + scheme + sep + rest)).toBe(false);
        }),
        { numRuns: 2000 },
      );
    });

    it('no protocol-relative or backslash-led string passes', () => {
      fc.assert(
        fc.property(fc.constantFrom('//', '/\\', '\\\\', '\\/', '/%2F', '%2F%2F', '/%5C'), fc.domain(), (lead, host) => {
          expect(isSafeUrl(lead + host)).toBe(false);
        }),
      );
    });

    it('plain relative paths and http(s) URLs pass', () => {
      const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
      fc.assert(
        fc.property(fc.constantFrom('/', './', '../', 'https://', 'http://'), fc.domain(), fc.array(segment, { maxLength: 4 }), (lead, host, path) => {
          const value = lead.includes('://') ? `${lead}${host}/${path.join('/')}` : `${lead}${path.join('/')}`;
          expect(isSafeUrl(value)).toBe(true);
        }),
      );
    });
  });
});
