// npm dependency installation shared by start.mjs and test.mjs.
// NB: `npm ci` does not work with this lockfile on these machines (see VERSIONS.md), so we
// always use `npm install` against the committed lockfile.
import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from './run.mjs';

const STAMP = '.plugboard-install-stamp';

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** Returns a human reason why `npm install` is needed, or null when node_modules is current. */
export function npmInstallReason(rootDir) {
  const nm = path.join(rootDir, 'node_modules');
  if (!fs.existsSync(nm)) return 'node_modules is missing';
  if (!fs.existsSync(path.join(nm, '.bin', 'nx')))
    return 'node_modules is incomplete (no nx binary)';
  const installedAt =
    mtime(path.join(nm, STAMP)) ?? mtime(path.join(nm, '.package-lock.json'));
  if (installedAt === null) return 'node_modules has no install record';
  const lockAt = mtime(path.join(rootDir, 'package-lock.json'));
  if (lockAt !== null && lockAt > installedAt + 1000)
    return 'package-lock.json is newer than node_modules';
  return null;
}

/** Runs `npm install --no-audit --no-fund` when needed. Resolves {ran, ok, reason}. */
export async function ensureNpmDependencies(
  rootDir,
  log,
  { force = false } = {},
) {
  const reason = force ? 'forced' : npmInstallReason(rootDir);
  if (!reason) {
    log.ok(
      'Dependencies are up to date (node_modules newer than package-lock.json)',
    );
    return { ran: false, ok: true, reason: null };
  }
  log.step(
    `Installing dependencies: npm install --no-audit --no-fund (${reason}; native modules compile, ~2-3 min on a fresh clone)`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // JOBS: let node-gyp compile native addons (better-sqlite3, re2, argon2) with all cores.
  const env = { ...process.env, JOBS: process.env.JOBS || 'max' };
  const res = await runCommand(npm, ['install', '--no-audit', '--no-fund'], {
    cwd: rootDir,
    env,
    captureBytes: 64 * 1024,
  });
  if (res.code !== 0) {
    log.error(`npm install failed (exit ${res.code ?? res.signal})`);
    return { ran: true, ok: false, reason };
  }
  try {
    fs.writeFileSync(
      path.join(rootDir, 'node_modules', STAMP),
      `${new Date().toISOString()}\n`,
    );
  } catch {
    /* best effort */
  }
  log.ok(`Dependencies installed in ${Math.round(res.durationMs / 1000)}s`);
  return { ran: true, ok: true, reason };
}

/** Path of a binary installed in node_modules/.bin. */
export function bin(rootDir, name) {
  return path.join(
    rootDir,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? `${name}.cmd` : name,
  );
}

/** Common env for Nx invocations on these small CI machines. */
export function nxEnv(base = process.env) {
  return {
    ...base,
    NX_DAEMON: 'false',
    NX_TUI: 'false',
    NX_NO_CLOUD: 'true',
  };
}
