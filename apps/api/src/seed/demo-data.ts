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
