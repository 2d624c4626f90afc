/**
 * The operator CLI's commands (`npx plugboard …`, `npm run cli -- …`). It talks to the configured database
 * directly, with the same settings, migrations and services rules as the API.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { loadSettings, type Settings } from '../config/settings';
import { createDataSource, migrate } from '../database/data-source.factory';
import { formatConfigError, PluginsConfigError } from '../registry/plugins-config';
import { withCliContext } from './cli.module';
import { exportFormat, exportPlugins } from './plugins-export.command';
import { syncPlugins } from './plugins-sync.command';
import { validatePluginsConfig } from './plugins-validate.command';
import { reportUsage, usageCommand } from './report-usage.command';
import { CliError, createUser } from './users.command';

const USAGE = `Usage: plugboard <command> [options]

Commands:
  users create --email <email> --password <password> [--name <display name>] [--admin | --viewer]
      Create a user (a platform admin with --admin). The password may come from
      PLUGBOARD_CLI_PASSWORD instead of the command line.
  plugins validate [--file <path>]
      Check a plugins config (default PLUGBOARD_PLUGINS_CONFIG) without a database: every
      error with its file:line, exit code 2 when there is one.
  plugins sync [--force] [--dry-run] [--reason <text>]
      Load PLUGBOARD_PLUGINS_CONFIG into the registry, as at start-up. Team, user and server
      settings stay; fields changed through the API since the last sync are reported and
      kept unless --force. --dry-run prints the report and changes nothing.
  plugins export [--format yaml|json]
      Print the registry as plugins.config.yaml text (it validates and syncs back unchanged).
  report usage [--format csv|json] [--plugin <name>] [--team <id>] [--user <id>] [--from <date>] [--to <date>]
      The plugin usage report, as GET /api/admin/plugins/usage-report gives it: CSV (one line per
      server and plugin) or JSON (every server in the matrix). Default json.

Environment: DATABASE_URL and the other PLUGBOARD_* settings, as for the API.
Exit codes: 0 done, 1 failed, 2 usage error or invalid plugins config.`;

type Out = (line: string) => void;
type DatabaseCommand = (settings: Settings, dataSource: DataSource) => Promise<number>;

/** The command for `argv` that needs the database, or null when there is no such command. */
function databaseCommand(group: string, command: string | undefined, rest: string[], out: Out, err: Out): DatabaseCommand | null {
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
    return async (_settings, dataSource) => {
      const user = await createUser(dataSource, {
        email: values.email,
        password: values.password ?? process.env['PLUGBOARD_CLI_PASSWORD'],
        displayName: values.name,
        role: values.admin ? 'admin' : values.viewer ? 'viewer' : 'user',
      });
      out(`Created ${user.platformRole} ${user.email} (${user.id})`);
      return 0;
    };
  }
  if (group === 'plugins' && command === 'sync') {
    const { values } = parseArgs({
      args: rest,
      options: { force: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false }, reason: { type: 'string' } },
      strict: true,
    });
    if (values.reason !== undefined && values.reason.length > 1000) throw new CliError('--reason must be at most 1000 characters');
    const options = { force: values.force, dryRun: values['dry-run'], reason: values.reason };
    return (settings, dataSource) => withCliContext(settings, dataSource, (context) => syncPlugins(context, options, out));
  }
  if (group === 'plugins' && command === 'export') {
    const { values } = parseArgs({ args: rest, options: { format: { type: 'string' } }, strict: true });
    const format = exportFormat(values.format);
    return (settings, dataSource) => withCliContext(settings, dataSource, (context) => exportPlugins(context, format, out));
  }
  if (group === 'report' && command === 'usage') {
    const usage = usageCommand(rest);
    return (settings, dataSource) => reportUsage(settings, dataSource, usage, out, err);
  }
  return null;
}

/** Runs one command; `err` receives error reports (the CLI entry sends it to stderr). Resolves to the exit code. */
export async function runCli(argv: string[], out: Out, err: Out = out): Promise<number> {
  const [group, command, ...rest] = argv;
  if (!group || group === 'help' || group === '--help' || group === '-h') {
    out(USAGE);
    return group ? 0 : 2;
  }
  if (group === 'plugins' && command === 'validate') {
    const { values } = parseArgs({ args: rest, options: { file: { type: 'string' } }, strict: true });
    const settings = loadSettings();
    const file = values.file !== undefined ? resolve(values.file) : settings.pluginsConfigPath;
    return validatePluginsConfig(file, settings, out, err);
  }
  const run = databaseCommand(group, command, rest, out, err);
  if (!run) {
    out(`Unknown command: ${[group, command].filter(Boolean).join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const settings = loadSettings();
  const dataSource = createDataSource(settings.database);
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    return await run(settings, dataSource);
  } catch (error) {
    if (!(error instanceof PluginsConfigError)) throw error;
    for (const problem of error.errors) err(formatConfigError(problem));
    err(`${error.file}: ${error.errors.length} error${error.errors.length === 1 ? '' : 's'}; nothing was synced`);
    return 2;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
