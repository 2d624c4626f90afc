export type PlatformRole = 'admin' | 'user' | 'viewer';
export type TeamRole = 'owner' | 'member';

export interface TeamRef {
  id: string;
  slug: string;
  name: string;
  role: TeamRole;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  platformRole: PlatformRole;
}

export interface Me extends UserSummary {
  pluginCustomizationAllowed: boolean;
  teams: TeamRef[];
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: Me;
}

export interface AdminUser extends UserSummary {
  pluginCustomizationAllowed: boolean;
  createdAt: string;
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreatedApiToken extends ApiTokenSummary {
  /** Shown once, never stored in clear. */
  token: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
