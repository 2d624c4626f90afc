/** The one typed, validated settings object, built once at boot from the environment. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type DatabaseSettings =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string };

export interface Settings {
  port: number;
  database: DatabaseSettings;
  redisUrl: string | null;
  pluginsConfigPath: string;
  /** Extra plugin package directories to discover (PLUGBOARD_PLUGIN_PATHS, comma separated). */
  pluginPaths?: string[];
  pluginRbacEnabled: boolean;
  userPluginCustomizationAllowed: boolean;
  pluginCacheTtlSeconds: number;
  admin: { email: string; password: Sensitive } | null;
  jwtSecret: Sensitive;
  sessionTtlSeconds: number;
  seedDemo: boolean;
  oidc: { issuer: string; clientId: string; clientSecret: Sensitive } | null;
  upstreamAllowlist: string[];
  upstreamTimeoutMs: number;
  /** Time limit of one plugin hook (SPEC 7; default 5 s). */
  pluginHookTimeoutMs: number;
  logLevel: string;
  bodyLimit: string;
  webRoot: string | null;
  secureCookies: boolean;
  /** Express `trust proxy`: which hops' X-Forwarded-* headers are believed. */
  trustProxy: string;
}

/** Wraps a secret so that logging or serialising the settings never prints it. */
export class Sensitive {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
}

export class SettingsError extends Error {}

type Env = Record<string, string | undefined>;

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new SettingsError(`${name} must be true or false, got "${raw}"`);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function parseDatabase(raw: string | undefined, cwd: string): DatabaseSettings {
  const url = raw && raw.trim() !== '' ? raw.trim() : 'sqlite:./data/plugboard.sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new SettingsError('DATABASE_URL sqlite: needs a file path');
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(cwd, path) };
  }
  throw new SettingsError('DATABASE_URL must start with postgres:// or sqlite:');
}

/** A secret for signing sessions: from the environment, else one kept beside the SQLite file. */
function jwtSecret(env: Env, database: DatabaseSettings): Sensitive {
  const raw = env['PLUGBOARD_JWT_SECRET'];
  if (raw) {
    if (raw.length < 16) throw new SettingsError('PLUGBOARD_JWT_SECRET must be at least 16 characters');
    return new Sensitive(raw);
  }
  if (database.kind === 'postgres') {
    throw new SettingsError(
      'PLUGBOARD_JWT_SECRET is required with PostgreSQL (every instance must share it)',
    );
  }
  if (database.path === ':memory:') return new Sensitive(randomBytes(32).toString('hex'));
  const file = resolve(dirname(database.path), '.jwt-secret');
  if (existsSync(file)) return new Sensitive(readFileSync(file, 'utf8').trim());
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return new Sensitive(secret);
}

export function loadSettings(env: Env = process.env, cwd: string = process.cwd()): Settings {
  const database = parseDatabase(env['DATABASE_URL'], cwd);
  const adminEmail = env['PLUGBOARD_ADMIN_EMAIL'];
  const adminPassword = env['PLUGBOARD_ADMIN_PASSWORD'];
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new SettingsError('PLUGBOARD_ADMIN_EMAIL and PLUGBOARD_ADMIN_PASSWORD go together');
  }
  if (adminPassword && adminPassword.length < 8) {
    throw new SettingsError('PLUGBOARD_ADMIN_PASSWORD must be at least 8 characters');
  }
  const oidcIssuer = env['PLUGBOARD_OIDC_ISSUER'];
  const oidcClientId = env['PLUGBOARD_OIDC_CLIENT_ID'];
  const oidcSecret = env['PLUGBOARD_OIDC_CLIENT_SECRET'];
  const redisUrl = env['REDIS_URL']?.trim() || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new SettingsError('REDIS_URL must start with redis:// or rediss://');
  }
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    database,
    redisUrl,
    pluginsConfigPath: resolve(cwd, env['PLUGBOARD_PLUGINS_CONFIG'] || './plugins.config.yaml'),
    pluginPaths: (env['PLUGBOARD_PLUGIN_PATHS'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => resolve(cwd, p)),
    pluginRbacEnabled: bool(env, 'PLUGBOARD_PLUGIN_RBAC_ENABLED', true),
    userPluginCustomizationAllowed: bool(env, 'PLUGBOARD_USER_PLUGIN_CUSTOMIZATION_ALLOWED', true),
    pluginCacheTtlSeconds: int(env, 'PLUGBOARD_PLUGIN_CACHE_TTL', 300, 0, 86_400),
    admin:
      adminEmail && adminPassword
        ? { email: adminEmail.trim().toLowerCase(), password: new Sensitive(adminPassword) }
        : null,
    jwtSecret: jwtSecret(env, database),
    sessionTtlSeconds: int(env, 'PLUGBOARD_SESSION_TTL', 8 * 3600, 60, 30 * 86_400),
    seedDemo: bool(env, 'PLUGBOARD_SEED_DEMO', true),
    oidc:
      oidcIssuer && oidcClientId && oidcSecret
        ? { issuer: oidcIssuer, clientId: oidcClientId, clientSecret: new Sensitive(oidcSecret) }
        : null,
    upstreamAllowlist: (env['PLUGBOARD_UPSTREAM_ALLOWLIST'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
    upstreamTimeoutMs: int(env, 'PLUGBOARD_UPSTREAM_TIMEOUT_MS', 10_000, 100, 120_000),
    pluginHookTimeoutMs: int(env, 'PLUGBOARD_PLUGIN_HOOK_TIMEOUT_MS', 5_000, 10, 60_000),
    logLevel: env['PLUGBOARD_LOG_LEVEL'] || 'info',
    bodyLimit: env['PLUGBOARD_BODY_LIMIT'] || '256kb',
    webRoot: env['PLUGBOARD_WEB_ROOT'] ? resolve(cwd, env['PLUGBOARD_WEB_ROOT']) : null,
    secureCookies: bool(env, 'PLUGBOARD_SECURE_COOKIES', false),
    trustProxy: env['PLUGBOARD_TRUST_PROXY'] || 'loopback, linklocal, uniquelocal',
  };
}

export const SETTINGS = Symbol('SETTINGS');
