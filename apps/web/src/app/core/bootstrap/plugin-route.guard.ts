// Plugin routes are not in the route table: one catch-all child of the signed-in shell matches a
// path only while GET /api/bootstrap lists a route there for the caller. Anything else falls
// through to the not-found page, so a plugin's page disappears with the plugin (or the role).
import { inject } from '@angular/core';
import type {
  CanMatchFn,
  ResolveFn,
  UrlMatcher,
  UrlSegment,
} from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { BootstrapService } from './bootstrap.service';

/** Consumes the whole remaining URL, so the guard can look its path up. */
export const pluginRouteMatcher: UrlMatcher = (segments) =>
  segments.length > 0 ? { consumed: segments } : null;

export function pathOf(segments: readonly UrlSegment[]): string {
  return segments.map((segment) => segment.path).join('/');
}

export const pluginRouteGuard: CanMatchFn = async (_route, segments) => {
  const auth = inject(AuthService);
  const bootstrap = inject(BootstrapService);
  const me = await auth.ensureSession();
  if (!me) {
    // Let the shell's auth guard send the visitor to sign-in and back here afterwards.
    return true;
  }
  await bootstrap.ensureLoaded(me.id);
  // A failed bootstrap matches too: the host page shows the problem instead of "not found".
  return (
    bootstrap.state().status === 'error' ||
    bootstrap.routeAt(pathOf(segments)) !== undefined
  );
};

/** The browser title of a plugin page: the route's title from the payload. */
export const pluginRouteTitle: ResolveFn<string> = (route) => {
  const entry = inject(BootstrapService).routeAt(pathOf(route.url));
  return `${entry?.title ?? 'Plugin'} · Plugboard`;
};
