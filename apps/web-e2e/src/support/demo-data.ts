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
