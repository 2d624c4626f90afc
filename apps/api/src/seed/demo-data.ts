/** The demo the README promises: two teams with owners and members, a viewer, an admin, servers. */
import type { PlatformRole, TeamRole } from '@plugboard/shared-contracts';

export const DEMO_PASSWORD = 'plugboard-demo';

export const DEMO_USERS: { email: string; displayName: string; platformRole: PlatformRole }[] = [
  { email: 'admin@example.com', displayName: 'Ada Admin', platformRole: 'admin' },
  { email: 'olivia@example.com', displayName: 'Olivia Owner', platformRole: 'user' },
  { email: 'alice@example.com', displayName: 'Alice Developer', platformRole: 'user' },
  { email: 'sam@example.com', displayName: 'Sam Security', platformRole: 'user' },
  { email: 'bob@example.com', displayName: 'Bob Builder', platformRole: 'user' },
  { email: 'victor@example.com', displayName: 'Victor Viewer', platformRole: 'viewer' },
];

export const DEMO_TEAMS: { slug: string; name: string; description: string; members: [string, TeamRole][] }[] = [
  {
    slug: 'engineering',
    name: 'Engineering',
    description: 'Builds and runs the product',
    members: [['olivia@example.com', 'owner'], ['alice@example.com', 'member']],
  },
  {
    slug: 'security',
    name: 'Security',
    description: 'Keeps the platform safe',
    members: [['sam@example.com', 'owner'], ['bob@example.com', 'member']],
  },
];

const echoTools = [
  { name: 'echo', description: 'Answers its arguments', resource: null },
  { name: 'search', description: 'Searches the knowledge base (demo: echoes the query)', resource: 'kb.internal' },
];

export const DEMO_SERVERS: { name: string; description: string; owner: string; team: string | null; tools: typeof echoTools }[] = [
  { name: 'production_tools', description: 'Tools for production operations', owner: 'alice@example.com', team: 'engineering', tools: echoTools },
  { name: 'dev_tools', description: 'Tools for development', owner: 'alice@example.com', team: 'engineering', tools: echoTools },
  { name: 'external_api', description: 'Public-facing tools', owner: 'bob@example.com', team: 'security', tools: echoTools },
];

/** Resources and prompts on a demo server, so the MCP endpoint and the fetch hooks have something to show. */
export const DEMO_RESOURCES: { server: string; uri: string; name: string; description: string; mimeType: string; text: string }[] = [
  {
    server: 'production_tools',
    uri: 'https://kb.internal/runbooks/deploy',
    name: 'deploy-runbook',
    description: 'How production deploys work',
    mimeType: 'text/markdown',
    text: '# Deploy runbook\n\n1. Merge to main.\n2. Watch the canary for ten minutes.\n3. Roll back with `deploy rollback` if error rates rise.\n',
  },
  {
    server: 'production_tools',
    uri: 'kb://oncall/contacts',
    name: 'oncall-contacts',
    description: 'Who to page (the PII filter masks the addresses on the way out)',
    mimeType: 'text/plain',
    text: 'Primary: oncall-primary@example.com\nSecondary: oncall-secondary@example.com\n',
  },
];

export const DEMO_PROMPTS: { server: string; name: string; description: string; arguments: { name: string; description: string; required: boolean }[]; template: string }[] = [
  {
    server: 'production_tools',
    name: 'summarize',
    description: 'Summarize a topic for an audience',
    arguments: [
      { name: 'topic', description: 'What to summarize', required: true },
      { name: 'audience', description: 'Who reads the summary', required: false },
    ],
    template: 'Summarize {{topic}} in three sentences for {{audience}}.',
  },
];
