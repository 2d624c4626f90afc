// Demo data the API seeds on a fresh database (see the API's seed); the e2e flows rely on it.
export const DEMO_PASSWORD = 'plugboard-demo';

export const ALICE = {
  email: 'alice@example.com',
  password: DEMO_PASSWORD,
  platformRole: 'user',
  team: 'Engineering',
} as const;

export const PRODUCTION_TOOLS = {
  name: 'production_tools',
  tools: ['echo', 'search'],
} as const;

export const OLIVIA = {
  email: 'olivia@example.com',
  password: DEMO_PASSWORD,
  team: 'Engineering',
  teamSlug: 'engineering',
} as const;

/** The platform's mandatory plugins (plugins.config.yaml). */
export const MANDATORY_PLUGINS = [
  'AuditLoggerPlugin',
  'PIIFilterPlugin',
] as const;

export const ADMIN = {
  email: 'admin@example.com',
  password: DEMO_PASSWORD,
} as const;

export const BOB = {
  email: 'bob@example.com',
  password: DEMO_PASSWORD,
} as const;

export const SAM = {
  email: 'sam@example.com',
  password: DEMO_PASSWORD,
} as const;

/** The example third-party plugin the e2e server loads (tools/e2e-server.mjs). */
export const ACME_GREETER = {
  plugin: 'AcmeGreeterPlugin',
  role: 'greeter',
  menuLabel: 'Greeter',
  path: '/ext/acme-greeter',
  slotTitle: 'Say hello',
} as const;
