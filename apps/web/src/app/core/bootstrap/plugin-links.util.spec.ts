import type { PluginMenuItem } from '@plugboard/shared-contracts';
import { menuLinkOf, normalizeRoutePath } from './plugin-links.util';

const item = (link: Partial<PluginMenuItem>): PluginMenuItem => ({
  plugin: 'P',
  id: 'item',
  label: 'Item',
  ...link,
});

describe('normalizeRoutePath', () => {
  it('drops the slashes at either end', () => {
    expect(normalizeRoutePath('/ext/acme-greeter/')).toBe('ext/acme-greeter');
    expect(normalizeRoutePath('ext/a/b')).toBe('ext/a/b');
  });
});

describe('menuLinkOf', () => {
  it('makes an in-app route absolute', () => {
    expect(menuLinkOf(item({ route: 'ext/acme-greeter' }))).toEqual({
      kind: 'route',
      path: '/ext/acme-greeter',
    });
  });

  it('keeps http(s) links external and relative links same-origin', () => {
    expect(menuLinkOf(item({ href: 'https://example.com/x' }))).toEqual({
      kind: 'external',
      href: 'https://example.com/x',
    });
    expect(menuLinkOf(item({ href: 'HTTP://example.com' }))?.kind).toBe(
      'external',
    );
    expect(menuLinkOf(item({ href: '/api/docs' }))).toEqual({
      kind: 'relative',
      href: '/api/docs',
    });
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    '//evil.example.com',
    '/\\evil.example.com',
    '/ok\u0000',
    '',
  ])('drops the unsafe link %j', (href) => {
    expect(menuLinkOf(item({ href }))).toBeNull();
    expect(menuLinkOf(item({ route: href }))).toBeNull();
  });
});
