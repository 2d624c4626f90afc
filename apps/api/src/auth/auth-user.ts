import type { PlatformRole } from '@plugboard/shared-contracts';

/** The authenticated caller, as guards and services see it. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  platformRole: PlatformRole;
  pluginCustomizationAllowed: boolean;
  /** How the caller authenticated: the SPA's session cookie, a bearer JWT or an API token. */
  via: 'session' | 'jwt' | 'api-token';
  scopes: string[];
}

export const isAdmin = (user: AuthUser): boolean => user.platformRole === 'admin';
