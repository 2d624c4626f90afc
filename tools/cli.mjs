#!/usr/bin/env node
// `npx plugboard …` / `npm run cli -- …`: runs the operator CLI built beside the API,
// building it first when the build is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/apps/api/cli.js');

if (!existsSync(cli)) {
  process.stderr.write('plugboard: building the CLI (first run)…\n');
  const build = spawnSync('npx', ['nx', 'build', 'api'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
