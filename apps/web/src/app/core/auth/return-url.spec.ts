import { HOME_PATH, safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it.each(['/servers/abc', '/servers?q=prod&page=2', '/teams/eng#members'])(
    'follows the in-app path %s',
    (url) => {
      expect(safeReturnUrl(url)).toBe(url);
    },
  );

  it.each([
    undefined,
    null,
    '',
    'servers',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    'javascript:alert(1)',
    '/sign-in',
    '/sign-in?returnUrl=%2Fservers',
  ])('goes home instead of %p', (url) => {
    expect(safeReturnUrl(url)).toBe(HOME_PATH);
  });
});
