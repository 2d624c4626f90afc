/** Entry of the operator CLI: dist/apps/api/cli.js. */
import { SettingsError } from '../config/settings';
import { runCli } from './cli-runner';

function isUsageError(error: unknown): boolean {
  if (error instanceof SettingsError) return true;
  if (error instanceof Error && error.name === 'CliError') return true;
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

runCli(
  process.argv.slice(2),
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`plugboard: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!isUsageError(error) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(isUsageError(error) ? 2 : 1);
  },
);
