// Provision what the test stages need on a Debian machine: Chromium, PostgreSQL, Redis.
// Every function is idempotent and cheap when the thing is already there.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { runCommand, commandExists } from './run.mjs';
import { isPortOpen, waitForPort, redisPing } from './ports.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;

function privileged(cmd, args) {
  if (isRoot) return [cmd, args];
  if (commandExists('sudo')) return ['sudo', ['-n', cmd, ...args]];
  return [cmd, args];
}

async function run(log, cmd, args, opts = {}) {
  const [c, a] = privileged(cmd, args);
  log.info(`$ ${[c, ...a].join(' ')}`);
  return runCommand(c, a, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeoutMs: 15 * 60000,
    ...opts,
  });
}

/** apt-get install -y <packages> (with a single apt-get update per process). */
export async function aptInstall(packages, log) {
  if (!commandExists('apt-get')) {
    log.error(`apt-get not available: install ${packages.join(', ')} manually`);
    return false;
  }
  if (!aptUpdated) {
    const up = await run(log, 'apt-get', ['update']);
    if (up.code !== 0)
      log.warn('apt-get update failed; trying the install anyway');
    aptUpdated = true;
  }
  const res = await run(log, 'apt-get', ['install', '-y', ...packages]);
  if (res.code !== 0)
    log.error(
      `apt-get install ${packages.join(' ')} failed (exit ${res.code})`,
    );
  return res.code === 0;
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function ensureChromium(log) {
  if (fs.existsSync(CHROMIUM_PATH)) {
    log.ok(`Chromium present at ${CHROMIUM_PATH}`);
    return true;
  }
  log.step(
    'Chromium missing: installing Debian chromium (apt-get install -y chromium)',
  );
  await aptInstall(['chromium'], log);
  const ok = fs.existsSync(CHROMIUM_PATH);
  if (ok) log.ok('Chromium installed');
  else
    log.error(
      `Chromium still missing at ${CHROMIUM_PATH}: the e2e stage will fail`,
    );
  return ok;
}

/** Try `select 1` through the project's `pg` driver. Resolves null on success or the Error. */
async function pgProbe(rootDir, url) {
  let pg;
  try {
    pg = createRequire(path.join(rootDir, 'package.json'))('pg');
  } catch (e) {
    return e;
  }
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return e;
  } finally {
    client.end().catch(() => {});
  }
}

function localClusters() {
  try {
    const out = [];
    for (const ver of fs.readdirSync('/etc/postgresql')) {
      for (const name of fs.readdirSync(path.join('/etc/postgresql', ver))) {
        if (
          fs.existsSync(
            path.join('/etc/postgresql', ver, name, 'postgresql.conf'),
          )
        )
          out.push({ ver, name });
      }
    }
    return out.sort((a, b) => Number(b.ver) - Number(a.ver));
  } catch {
    return [];
  }
}

const HBA_MARKER =
  '# plugboard-test: trust local TCP connections (added by tools/test.mjs)';

function ensureTrustAuth(cluster, log) {
  const hba = path.join(
    '/etc/postgresql',
    cluster.ver,
    cluster.name,
    'pg_hba.conf',
  );
  let text;
  try {
    text = fs.readFileSync(hba, 'utf8');
  } catch (e) {
    log.warn(`cannot read ${hba}: ${e.message}`);
    return false;
  }
  if (text.includes(HBA_MARKER)) return false;
  const lines = [
    HBA_MARKER,
    'host all all 127.0.0.1/32 trust',
    'host all all ::1/128 trust',
    '',
  ];
  try {
    fs.writeFileSync(hba, `${lines.join('\n')}${text}`);
    log.info(`added trust auth for 127.0.0.1 and ::1 to ${hba}`);
    return true;
  } catch (e) {
    log.warn(`cannot write ${hba}: ${e.message}`);
    return false;
  }
}

/**
 * Make sure a PostgreSQL answers on the admin URL (default postgres://postgres@127.0.0.1:5432/postgres).
 * Installs the Debian `postgresql` package and starts its cluster when nothing listens.
 */
export async function ensurePostgres(rootDir, url, log) {
  const u = new URL(url);
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || 5432);
  const isLocal = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);

  if (!(await isPortOpen(port, host))) {
    if (!isLocal) {
      log.error(
        `PostgreSQL at ${host}:${port} is unreachable (not local: not starting one)`,
      );
      return false;
    }
    log.step(
      `PostgreSQL not reachable on ${host}:${port}: starting a local cluster`,
    );
    if (!commandExists('pg_ctlcluster')) {
      log.step('Installing Debian postgresql (apt-get install -y postgresql)');
      await aptInstall(['postgresql'], log);
    }
    if (!(await isPortOpen(port, host))) {
      let clusters = localClusters();
      if (clusters.length === 0 && commandExists('pg_createcluster')) {
        const versions = fs.existsSync('/usr/lib/postgresql')
          ? fs
              .readdirSync('/usr/lib/postgresql')
              .sort((a, b) => Number(b) - Number(a))
          : [];
        if (versions[0])
          await run(log, 'pg_createcluster', [
            versions[0],
            'main',
            '--port',
            String(port),
          ]);
        clusters = localClusters();
      }
      for (const c of clusters) {
        await run(log, 'pg_ctlcluster', [
          '--skip-systemctl-redirect',
          c.ver,
          c.name,
          'start',
        ]);
        if (await waitForPort(port, host, 30000)) break;
      }
    }
    if (!(await waitForPort(port, host, 5000))) {
      log.error(
        `PostgreSQL still not reachable on ${host}:${port}: the int-postgres stage will fail`,
      );
      return false;
    }
  }

  let err = await pgProbe(rootDir, url);
  if (
    err &&
    isLocal &&
    /password|authentication|no pg_hba\.conf entry/i.test(String(err.message))
  ) {
    log.warn(
      `PostgreSQL rejected ${redact(url)} (${err.message}); enabling trust auth for local TCP`,
    );
    for (const c of localClusters()) {
      if (ensureTrustAuth(c, log))
        await run(log, 'pg_ctlcluster', [
          '--skip-systemctl-redirect',
          c.ver,
          c.name,
          'reload',
        ]);
    }
    await new Promise((r) => setTimeout(r, 1000));
    err = await pgProbe(rootDir, url);
  }
  if (err) {
    log.error(`PostgreSQL at ${redact(url)} is not usable: ${err.message}`);
    return false;
  }
  log.ok(`PostgreSQL ready at ${redact(url)}`);
  return true;
}

/** Make sure a Redis answers on 127.0.0.1:6379 (or the given URL). Resolves the URL or null. */
export async function ensureRedis(url, log) {
  const u = new URL(url);
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || 6379);
  if (await redisPing(port, host)) {
    log.ok(`Redis ready at ${redact(url)}`);
    return url;
  }
  if (!['127.0.0.1', 'localhost'].includes(host)) {
    log.warn(
      `Redis at ${redact(url)} unreachable (not local: not starting one)`,
    );
    return null;
  }
  log.step(`Redis not reachable on ${host}:${port}: starting redis-server`);
  if (!commandExists('redis-server')) {
    log.step(
      'Installing Debian redis-server (apt-get install -y redis-server)',
    );
    await aptInstall(['redis-server'], log);
  }
  if (!(await redisPing(port, host)) && commandExists('redis-server')) {
    await run(log, 'redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    await waitForPort(port, host, 10000);
  }
  if (await redisPing(port, host)) {
    log.ok(`Redis ready at ${redact(url)}`);
    return url;
  }
  log.warn(
    'Redis still unreachable: running PostgreSQL integration tests without REDIS_URL',
  );
  return null;
}

export function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
