/**
 * The operator CLI's commands (`npx plugboard …`, `npm run cli -- …`). It talks to the configured database
 * directly, with the same settings, migrations and services rules as the API.
 */
import { parseArgs } from 'node:util';
import { loadSettings } from '../config/settings';
import { createDataSource, migrate } from '../database/data-source.factory';
import { createUser } from './users.command';

const USAGE = `Usage: plugboard <command> [options]

Commands:
  users create --email <email> --password <password> [--name <display name>] [--admin | --viewer]
      Create a user (a platform admin with --admin). The password may come from
      PLUGBOARD_CLI_PASSWORD instead of the command line.

Environment: DATABASE_URL and the other PLUGBOARD_* settings, as for the API.`;

export async function runCli(argv: string[], out: (line: string) => void): Promise<number> {
  const [group, command, ...rest] = argv;
  if (!group || group === 'help' || group === '--help' || group === '-h') {
    out(USAGE);
    return group ? 0 : 2;
  }
  const settings = loadSettings();
  const dataSource = createDataSource(settings.database);
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    if (group === 'users' && command === 'create') {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
          admin: { type: 'boolean', default: false },
          viewer: { type: 'boolean', default: false },
        },
        strict: true,
      });
      const user = await createUser(dataSource, {
        email: values.email,
        password: values.password ?? process.env['PLUGBOARD_CLI_PASSWORD'],
        displayName: values.name,
        role: values.admin ? 'admin' : values.viewer ? 'viewer' : 'user',
      });
      out(`Created ${user.platformRole} ${user.email} (${user.id})`);
      return 0;
    }
    out(`Unknown command: ${[group, command].filter(Boolean).join(' ')}\n\n${USAGE}`);
    return 2;
  } finally {
    await dataSource.destroy();
  }
}
