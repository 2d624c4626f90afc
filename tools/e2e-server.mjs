#!/usr/bin/env node
// The server Playwright tests run against (apps/web-e2e/playwright.config.ts → webServer).
//
// Starts the BUILT API (dist/apps/api/main.js, which also serves the SPA) on
// PLUGBOARD_E2E_PORT (default 4310) with a fresh SQLite database in a temporary directory,
// the demo seed and a fixed JWT secret; waits for GET /api/health; stops the API and deletes
// the temporary directory on SIGTERM/SIGINT/SIGHUP or when the API exits.
//
// The API's own output goes to tmp/test-results/e2e-api.log (PLUGBOARD_E2E_VERBOSE=1 also
// mirrors it to stderr); its tail is printed if the API dies unexpectedly.
// PLUGBOARD_E2E_API_MAIN overrides the script to run (used to test this file).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitForHttpOk, isPortOpen } from './lib/ports.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.PLUGBOARD_E2E_PORT || 4310);
const MAIN = path.resolve(
  ROOT,
  process.env.PLUGBOARD_E2E_API_MAIN || 'dist/apps/api/main.js',
);
const LOG_FILE = path.join(ROOT, 'tmp', 'test-results', 'e2e-api.log');
const TMP_PREFIX = 'plugboard-e2e-';
// The example third-party plugin (examples/acme-greeter, installed as a workspace package and so
// discovered through node_modules) gets a registry entry, appended to a copy of the platform's
// YAML, so the plugin UI flows (menu item, route, slot) run end to end.
const EXAMPLE_PLUGIN_ENTRY = `
  - name: AcmeGreeterPlugin
    kind: "@acme/plugboard-greeter"
    version: "1.0.0"
    description: Example third-party plugin (examples/acme-greeter)
    mandatory: false
    enabled_globally: false
    available_for_teams: false
    available_for_users: false
    priority: 100
    mode: enforce
    config: {}
`;
const verbose = /^(1|true|yes)$/i.test(process.env.PLUGBOARD_E2E_VERBOSE ?? '');
const say = (msg) => process.stderr.write(`[e2e-server] ${msg}\n`);

let tmpDir = null;
let child = null;
let shuttingDown = false;
let shutdownExitCode = 0;

function removeTmp() {
  if (!tmpDir) return;
  try {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  } catch (e) {
    say(`could not remove ${tmpDir}: ${e.message}`);
  }
  tmpDir = null;
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Remove temp dirs left by e2e servers that were SIGKILLed. */
function removeStaleTmpDirs() {
  let entries = [];
  try {
    entries = fs
      .readdirSync(os.tmpdir())
      .filter((n) => n.startsWith(TMP_PREFIX));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = path.join(os.tmpdir(), name);
    try {
      const pid = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
      if (pid && pidAlive(pid)) continue;
    } catch {
      /* no pid file: stale */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function exit(code) {
  removeTmp();
  process.exit(code);
}

async function main() {
  if (!fs.existsSync(MAIN)) {
    say(`${path.relative(ROOT, MAIN)} not found: build first (npm run build)`);
    process.exit(1);
  }
  if (await isPortOpen(PORT)) {
    say(`port ${PORT} is already in use: stop the other server first`);
    process.exit(1);
  }
  removeStaleTmpDirs();
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), TMP_PREFIX));
  fs.writeFileSync(path.join(tmpDir, 'owner.pid'), String(process.pid));
  process.on('exit', removeTmp);

  const env = { ...process.env };
  const pluginsConfig = path.join(tmpDir, 'plugins.config.yaml');
  const baseConfig = fs.readFileSync(
    path.resolve(ROOT, env.PLUGBOARD_PLUGINS_CONFIG || 'plugins.config.yaml'),
    'utf8',
  );
  fs.writeFileSync(
    pluginsConfig,
    `${baseConfig.trimEnd()}\n${EXAMPLE_PLUGIN_ENTRY}`,
  );
  delete env.REDIS_URL;
  if (env.PLUGBOARD_E2E_REDIS_URL) env.REDIS_URL = env.PLUGBOARD_E2E_REDIS_URL;
  Object.assign(env, {
    PORT: String(PORT),
    DATABASE_URL: `sqlite:${path.join(tmpDir, 'e2e.sqlite')}`,
    PLUGBOARD_SEED_DEMO: 'true',
    PLUGBOARD_PLUGINS_CONFIG: pluginsConfig,
    PLUGBOARD_JWT_SECRET:
      env.PLUGBOARD_E2E_JWT_SECRET ||
      'plugboard-e2e-test-secret-not-for-production-0123456789',
  });

  fs.mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const logStream = fs.createWriteStream(LOG_FILE, { flags: 'w' });
  say(
    `starting ${path.relative(ROOT, MAIN)} on http://127.0.0.1:${PORT} (db ${env.DATABASE_URL}, log ${path.relative(ROOT, LOG_FILE)})`,
  );
  child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (d) => {
      logStream.write(d);
      if (verbose) process.stderr.write(d);
    });
  }

  let exited = false;
  child.once('error', (e) => {
    say(`cannot start the API: ${e.message}`);
    exited = true;
    exit(1);
  });
  child.once('exit', (code, signal) => {
    exited = true;
    logStream.end();
    if (shuttingDown) {
      say(`API stopped (${signal ?? `exit ${code}`}); removing ${tmpDir}`);
      exit(shutdownExitCode);
      return;
    }
    say(
      `API exited unexpectedly (${signal ?? `exit ${code}`}). Last log lines:\n${tail(LOG_FILE)}`,
    );
    exit(code || 1);
  });

  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(sig, () => {
      if (exited) exit(0);
      if (!shuttingDown) say(`${sig}: stopping the API`);
      shuttingDown = true;
      try {
        child.kill(sig === 'SIGHUP' ? 'SIGTERM' : sig);
      } catch {
        /* gone */
      }
      setTimeout(() => {
        say('API did not stop within 10s: SIGKILL');
        try {
          child.kill('SIGKILL');
        } catch {
          /* gone */
        }
      }, 10000).unref();
    });
  }

  const t0 = Date.now();
  const healthy = await waitForHttpOk(`http://127.0.0.1:${PORT}/api/health`, {
    timeoutMs: 170000,
    shouldAbort: () => exited || shuttingDown,
  });
  if (healthy) {
    say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  } else if (!exited && !shuttingDown) {
    say(
      `GET /api/health did not answer 200 within 170s. Last log lines:\n${tail(LOG_FILE)}`,
    );
    shuttingDown = true;
    shutdownExitCode = 1;
    child.kill('SIGTERM');
  }
}

main().catch((e) => {
  say(e?.stack ?? String(e));
  try {
    child?.kill('SIGKILL');
  } catch {
    /* gone */
  }
  exit(1);
});
