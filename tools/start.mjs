#!/usr/bin/env node
// `npm start`: install (if needed) → build api + web (Nx, cached) → run the built API.
//
//   npm start                      # http://localhost:3000, SQLite in ./data/plugboard.sqlite
//   PORT=8080 npm start
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/plugboard npm start
//   PLUGBOARD_START_SKIP_INSTALL=1 / PLUGBOARD_START_SKIP_BUILD=1   skip those steps
//
// The API itself runs the migrations and the demo seed, and prints the URL and demo logins.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLogger, formatDuration } from './lib/log.mjs';
import { ensureNpmDependencies, bin, nxEnv } from './lib/deps.mjs';
import { runCommand } from './lib/run.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = createLogger('plugboard');
const t0 = Date.now();
const truthy = (v) => /^(1|true|yes|on)$/i.test(String(v ?? ''));

const args = new Set(process.argv.slice(2));
if (args.has('--help') || args.has('-h')) {
  process.stdout.write(
    [
      'Usage: npm start [-- --skip-install] [-- --skip-build]',
      '',
      'Installs dependencies when node_modules is missing or older than package-lock.json,',
      'builds api + web with Nx (cached), creates ./data and runs node dist/apps/api/main.js.',
      'Environment: PORT (3000), DATABASE_URL (sqlite:./data/plugboard.sqlite), REDIS_URL,',
      'PLUGBOARD_* (see the README). PLUGBOARD_START_SKIP_INSTALL=1, PLUGBOARD_START_SKIP_BUILD=1.',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

async function main() {
  process.chdir(ROOT);
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20)
    log.warn(
      `Node ${process.versions.node} detected; Plugboard is built and tested on Node 20`,
    );

  // 1. Dependencies.
  if (
    args.has('--skip-install') ||
    truthy(process.env.PLUGBOARD_START_SKIP_INSTALL)
  ) {
    log.info('Skipping dependency check (PLUGBOARD_START_SKIP_INSTALL)');
  } else {
    const dep = await ensureNpmDependencies(ROOT, log);
    if (!dep.ok) return 1;
  }

  // 2. Build (Nx restores from its cache when sources did not change).
  const mainJs = path.join(ROOT, 'dist/apps/api/main.js');
  if (
    args.has('--skip-build') ||
    truthy(process.env.PLUGBOARD_START_SKIP_BUILD)
  ) {
    log.info('Skipping build (PLUGBOARD_START_SKIP_BUILD)');
  } else {
    log.step(
      'Building api + web: nx run-many -t build -p api web (cached after the first build; first build ~1-2 min)',
    );
    const res = await runCommand(
      bin(ROOT, 'nx'),
      [
        'run-many',
        '-t',
        'build',
        '-p',
        'api',
        'web',
        '--parallel=2',
        '--outputStyle=static',
      ],
      { cwd: ROOT, env: nxEnv(), captureBytes: 64 * 1024 },
    );
    if (res.code !== 0) {
      log.error(
        `Build failed (exit ${res.code ?? res.signal}); see the output above`,
      );
      return 1;
    }
    log.ok(`Build ready in ${formatDuration(res.durationMs)}`);
  }
  if (!fs.existsSync(mainJs)) {
    log.error(
      `${path.relative(ROOT, mainJs)} not found: run \`npm run build\` first`,
    );
    return 1;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist/apps/web/browser/index.html'))) {
    log.warn(
      'dist/apps/web/browser/index.html not found: the API will start without the web UI',
    );
  }

  // 3. Runtime environment.
  fs.mkdirSync(path.join(ROOT, 'data'), { recursive: true });
  const env = { ...process.env };
  env.PORT ||= '3000';
  env.DATABASE_URL ||= 'sqlite:./data/plugboard.sqlite';
  const dbShown = env.DATABASE_URL.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  log.step(
    `Starting API (node dist/apps/api/main.js) on port ${env.PORT}, database ${dbShown}` +
      `${env.REDIS_URL ? `, redis ${env.REDIS_URL.replace(/\/\/([^@]*)@/, '//***@')}` : ''}` +
      ` — ready in ${formatDuration(Date.now() - t0)}`,
  );

  // 4. Run the API in the foreground, forwarding signals; exit with its status.
  const child = spawn(process.execPath, [mainJs], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  const forward = (sig) => {
    try {
      child.kill(sig);
    } catch {
      /* gone */
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    process.on(sig, () => forward(sig));
  // `npm start` runs us through `sh -c`; when npm is sent SIGTERM it forwards it to that shell,
  // which dies without passing it on. Treat being orphaned as SIGTERM so the API never
  // outlives its launcher.
  const parent = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(orphanWatch);
      log.warn('launcher exited: stopping the API');
      forward('SIGTERM');
    }
  }, 1000);
  orphanWatch.unref();
  return new Promise((resolve) => {
    child.once('error', (e) => {
      log.error(`cannot start the API: ${e.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      if (signal) {
        // Re-raise so our own exit status reflects the signal (e.g. 130 for Ctrl-C under npm).
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
        return;
      }
      resolve(code ?? 1);
    });
  });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    log.error(err?.stack ?? String(err));
    process.exit(1);
  },
);
