// How the SPA turns the plugin paths and links of the bootstrap payload into router paths and anchors.
import type { PluginMenuItem } from '@plugboard/shared-contracts';

/** `/ext/acme-greeter/` and `ext/acme-greeter` are the same route: no slashes at either end. */
export function normalizeRoutePath(path: string): string {
  return path.trim().replace(/^\/+/, '').replace(/\/+$/, '');
}

export type MenuLink =
  | { kind: 'route'; path: string }
  | { kind: 'external'; href: string }
  | { kind: 'relative'; href: string };

const HTTP_URL = /^https?:\/\//i;

/**
 * An in-app route becomes a routerLink; an http(s) href an anchor opened with
 * rel="noopener noreferrer"; a relative href (e.g. `/api/docs`) a plain same-origin anchor.
 * Anything else (the SDK refuses it at registration, the browser should never meet it) is dropped.
 */
export function menuLinkOf(item: PluginMenuItem): MenuLink | null {
  if (item.route !== undefined) {
    return isSafeRelative(item.route)
      ? { kind: 'route', path: `/${normalizeRoutePath(item.route)}` }
      : null;
  }
  if (item.href === undefined) {
    return null;
  }
  if (HTTP_URL.test(item.href)) {
    return { kind: 'external', href: item.href };
  }
  return isSafeRelative(item.href) ? { kind: 'relative', href: item.href } : null;
}

/** A relative path with no scheme, no protocol-relative `//`, no backslash and no control characters. */
function isSafeRelative(value: string): boolean {
  return (
    value.length > 0 &&
    !/^[a-z][a-z0-9+.-]*:/i.test(value) &&
    !value.startsWith('//') &&
    !value.includes('\\') &&
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u001f\u007f]/.test(value)
  );
}
