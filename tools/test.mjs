#!/usr/bin/env node
// `npm test`: provision → lint → unit → build → integration (SQLite, PostgreSQL) → e2e.
//
// Every stage runs even when an earlier one failed (except e2e after a failed build), its
// output streams to the console, and the run ends with a per-stage summary whose very last
// line is `N passed, N failed`. Exit status is non-zero when anything failed.
//
// Developer usage:
//   npm test -- --only=unit,int-sqlite      run only these stages (comma separated)
//   npm test -- --skip=e2e,int-postgres     run everything except these
//   npm test -- --skip-install              or PLUGBOARD_TEST_SKIP_INSTALL=1: no npm/apt installs,
//                                           no starting PostgreSQL/Redis
//   npm test -- --list                      list the stages
// Stages: lint, unit, build, int-sqlite, int-postgres, e2e.
// Environment: PLUGBOARD_TEST_PG_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
//   PLUGBOARD_TEST_REDIS_URL (default redis://127.0.0.1:6379),
//   PLUGBOARD_TEST_STAGE_TIMEOUT_MIN (per-stage timeout, default 30).
// Reports: tmp/test-results/{unit,int-sqlite,int-postgres,e2e}.json and summary.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, color, formatDuration } from './lib/log.mjs';
import {
  runCommand,
  forwardSignalsToChildren,
  interruptedSignal,
} from './lib/run.mjs';
import { ensureNpmDependencies, bin, nxEnv } from './lib/deps.mjs';
import {
  ensureChromium,
  ensurePostgres,
  ensureRedis,
  redact,
} from './lib/services.mjs';
import { isPortOpen, redisPing } from './lib/ports.mjs';
import { countJestResults } from './lib/jest-results.mjs';
import { countPlaywrightResults } from './lib/playwright-results.mjs';
import { countNxTargetResults } from './lib/nx-results.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.join(ROOT, 'tmp', 'test-results');
const log = createLogger('test');
const truthy = (v) => /^(1|true|yes|on)$/i.test(String(v ?? ''));

const STAGES = [
  { id: 'lint', title: 'Lint (nx run-many -t lint)' },
  { id: 'unit', title: 'Unit tests (jest, root jest.config.ts)' },
  { id: 'build', title: 'Build api + web (nx run-many -t build)' },
  {
    id: 'int-sqlite',
    title: 'Integration tests on SQLite (apps/api/jest.int.config.cts)',
  },
  {
    id: 'int-postgres',
    title: 'Integration tests on PostgreSQL (apps/api/jest.int.config.cts)',
  },
  { id: 'e2e', title: 'End-to-end tests (Playwright, Chromium)' },
];
const STAGE_IDS = STAGES.map((s) => s.id);

const PG_URL =
  process.env.PLUGBOARD_TEST_PG_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL =
  process.env.PLUGBOARD_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const E2E_PORT = Number(process.env.PLUGBOARD_E2E_PORT || 4310);
const STAGE_TIMEOUT_MS =
  Number(process.env.PLUGBOARD_TEST_STAGE_TIMEOUT_MIN || 30) * 60000;
const INT_CONFIG = 'apps/api/jest.int.config.cts';
const E2E_CONFIG = 'apps/web-e2e/playwright.config.ts';

// ---------------------------------------------------------------------------------------------
// Arguments
function parseArgs(argv) {
  const opts = {
    only: null,
    skip: new Set(),
    skipInstall: truthy(process.env.PLUGBOARD_TEST_SKIP_INSTALL),
  };
  const list = (v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [key, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, null];
    const value = () => inline ?? argv[++i] ?? '';
    if (key === '--only') opts.only = new Set(list(value()));
    else if (key === '--skip') for (const s of list(value())) opts.skip.add(s);
    else if (key === '--skip-install') opts.skipInstall = true;
    else if (key === '--list') opts.list = true;
    else if (key === '--help' || key === '-h') opts.help = true;
    else {
      process.stderr.write(`Unknown argument: ${a}\n`);
      opts.help = true;
      opts.bad = true;
    }
  }
  for (const s of [...(opts.only ?? []), ...opts.skip]) {
    if (!STAGE_IDS.includes(s)) {
      process.stderr.write(
        `Unknown stage "${s}". Stages: ${STAGE_IDS.join(', ')}\n`,
      );
      opts.help = true;
      opts.bad = true;
    }
  }
  return opts;
}

function usage() {
  return [
    'Usage: npm test [-- --only=<stages>] [-- --skip=<stages>] [-- --skip-install] [-- --list]',
    '',
    `Stages (in order): ${STAGE_IDS.join(', ')}`,
    '  --only=unit,int-sqlite   run only these stages',
    '  --skip=e2e               run all stages but these',
    '  --skip-install           do not run npm install / apt-get or start PostgreSQL/Redis',
    '                           (same as PLUGBOARD_TEST_SKIP_INSTALL=1)',
    'Env: PLUGBOARD_TEST_PG_URL, PLUGBOARD_TEST_REDIS_URL, PLUGBOARD_TEST_STAGE_TIMEOUT_MIN, PLUGBOARD_E2E_PORT',
    'The last line of output is always "N passed, N failed"; the exit status is 1 when anything failed.',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Helpers
function baseEnv() {
  const env = nxEnv(process.env);
  if (process.stdout.isTTY && !env.NO_COLOR && env.FORCE_COLOR === undefined)
    env.FORCE_COLOR = '1';
  return env;
}

function banner(i, total, stage) {
  const line = `━━━ [${i}/${total}] ${stage.id}: ${stage.title} `;
  process.stderr.write(`\n${color.bold(color.cyan(line.padEnd(96, '━')))}\n`);
}

function rmQuiet(file) {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    /* ignore */
  }
}

/** Combine counted results with the process outcome into a stage result. */
function outcome(counts, res, { crashNote } = {}) {
  if (!counts) {
    const why = res.timedOut
      ? `timed out after ${formatDuration(STAGE_TIMEOUT_MS)}`
      : res.error
        ? `could not start: ${res.error.message}`
        : `no results (exit ${res.code ?? res.signal})`;
    return {
      passed: 0,
      failed: 1,
      skipped: 0,
      crashed: true,
      note: crashNote ? `${crashNote}; ${why}` : why,
      failures: [],
    };
  }
  const r = {
    passed: counts.passed,
    failed: counts.failed,
    skipped: counts.skipped ?? 0,
    crashed: false,
    note: '',
    failures: counts.failures ?? [],
  };
  if (res.timedOut) {
    r.note = `timed out after ${formatDuration(STAGE_TIMEOUT_MS)}`;
    if (r.failed === 0) r.failed = 1;
  } else if (res.code !== 0 && r.failed === 0) {
    r.failed = 1;
    r.note = `exited with ${res.code ?? res.signal} although no test failed`;
  }
  return r;
}

async function nxProjectsWithTarget(target) {
  const res = await runCommand(
    bin(ROOT, 'nx'),
    ['show', 'projects', '--with-target', target, '--json'],
    {
      cwd: ROOT,
      env: nxEnv(process.env),
      quiet: true,
      timeoutMs: 5 * 60000,
    },
  );
  try {
    const start = res.output.indexOf('[');
    return JSON.parse(res.output.slice(start, res.output.lastIndexOf(']') + 1));
  } catch {
    return [];
  }
}

async function runNxTarget(target, extraArgs) {
  const expected = await nxProjectsWithTarget(target);
  if (target === 'build')
    expected.splice(
      0,
      expected.length,
      ...expected.filter((p) => ['api', 'web'].includes(p)),
    );
  const startedAtMs = Date.now();
  const res = await runCommand(
    bin(ROOT, 'nx'),
    [
      'run-many',
      '-t',
      target,
      ...extraArgs,
      '--parallel=2',
      '--outputStyle=static',
    ],
    {
      cwd: ROOT,
      env: baseEnv(),
      timeoutMs: STAGE_TIMEOUT_MS,
      killGroupOnExit: true,
    },
  );
  const counts = countNxTargetResults({
    rootDir: ROOT,
    target,
    startedAtMs,
    output: res.output,
    exitCode: res.code,
    expectedProjects: expected,
  });
  if (counts)
    counts.failures = Object.entries(counts.projects)
      .filter(([, v]) => v === 'failed')
      .map(([p]) => `${p}:${target}`);
  return { res, counts, expected };
}

async function runJest(configRel, jsonName, extraArgs, env) {
  const jsonFile = path.join(RESULTS_DIR, jsonName);
  rmQuiet(jsonFile);
  const res = await runCommand(
    bin(ROOT, 'jest'),
    [
      '-c',
      configRel,
      '--ci',
      '--json',
      `--outputFile=${jsonFile}`,
      ...extraArgs,
    ],
    { cwd: ROOT, env, timeoutMs: STAGE_TIMEOUT_MS, killGroupOnExit: true },
  );
  return { res, counts: countJestResults(jsonFile, ROOT) };
}

// ---------------------------------------------------------------------------------------------
// Stages
const context = { pgReady: false, redisUrl: null, buildFailed: false };

const runners = {
  async lint() {
    const { res, counts } = await runNxTarget('lint', []);
    return outcome(counts, res);
  },

  async unit() {
    const { res, counts } = await runJest(
      'jest.config.ts',
      'unit.json',
      ['--maxWorkers=2'],
      baseEnv(),
    );
    return outcome(counts, res);
  },

  async build() {
    const { res, counts } = await runNxTarget('build', ['-p', 'api', 'web']);
    const distOk = fs.existsSync(path.join(ROOT, 'dist/apps/api/main.js'));
    // Build success adds no "passed" (the total counts test cases + lint checks); each
    // failed project adds one failure.
    let r;
    if (counts)
      r = outcome(
        { passed: 0, failed: counts.failed, failures: counts.failures },
        res,
      );
    else r = outcome(null, res);
    if (!r.failed && !distOk) {
      r.failed = 1;
      r.note = 'dist/apps/api/main.js missing after the build';
    }
    if (r.failed) context.buildFailed = true;
    r.countsNote = 'build: failures only';
    return r;
  },

  async 'int-sqlite'() {
    if (!fs.existsSync(path.join(ROOT, INT_CONFIG)))
      return crashed(`${INT_CONFIG} not found`);
    const env = { ...baseEnv(), PLUGBOARD_TEST_DB: 'sqlite' };
    delete env.REDIS_URL;
    delete env.DATABASE_URL;
    const { res, counts } = await runJest(
      INT_CONFIG,
      'int-sqlite.json',
      ['--runInBand', '--forceExit'],
      env,
    );
    return outcome(counts, res);
  },

  async 'int-postgres'() {
    if (!fs.existsSync(path.join(ROOT, INT_CONFIG)))
      return crashed(`${INT_CONFIG} not found`);
    if (!context.pgReady)
      return crashed(`PostgreSQL not usable at ${redact(PG_URL)}`);
    const env = {
      ...baseEnv(),
      PLUGBOARD_TEST_DB: 'postgres',
      PLUGBOARD_TEST_PG_URL: PG_URL,
    };
    delete env.DATABASE_URL;
    if (context.redisUrl) env.REDIS_URL = context.redisUrl;
    else delete env.REDIS_URL;
    log.info(
      `PLUGBOARD_TEST_PG_URL=${redact(PG_URL)} REDIS_URL=${context.redisUrl ?? '(unset: Redis unavailable)'}`,
    );
    const { res, counts } = await runJest(
      INT_CONFIG,
      'int-postgres.json',
      ['--runInBand', '--forceExit'],
      env,
    );
    return outcome(counts, res);
  },

  async e2e() {
    if (context.buildFailed) return crashed('not run: the build failed');
    if (!fs.existsSync(path.join(ROOT, 'dist/apps/api/main.js')))
      return crashed(
        'not run: dist/apps/api/main.js missing (run the build stage)',
      );
    if (await isPortOpen(E2E_PORT))
      return crashed(
        `not run: port ${E2E_PORT} is already in use (stale e2e server?)`,
      );
    const jsonFile = path.join(RESULTS_DIR, 'e2e.json');
    rmQuiet(jsonFile);
    const env = {
      ...baseEnv(),
      PLAYWRIGHT_JSON_OUTPUT_FILE: jsonFile,
      PLUGBOARD_E2E_JSON: jsonFile,
    };
    const res = await runCommand(
      bin(ROOT, 'playwright'),
      ['test', '-c', E2E_CONFIG, '--forbid-only'],
      {
        cwd: ROOT,
        env,
        timeoutMs: STAGE_TIMEOUT_MS,
        killGroupOnExit: true,
      },
    );
    return outcome(countPlaywrightResults(jsonFile), res);
  },
};

function crashed(note) {
  return {
    passed: 0,
    failed: 1,
    skipped: 0,
    crashed: true,
    note,
    failures: [],
    notRun: note.startsWith('not run'),
  };
}

// ---------------------------------------------------------------------------------------------
// Provisioning
async function provision(selected) {
  process.stderr.write(
    `\n${color.bold(color.cyan('━━━ Setup '.padEnd(96, '━')))}\n`,
  );
  const problems = [];
  if (opts.skipInstall) {
    log.info(
      'Skipping installs (PLUGBOARD_TEST_SKIP_INSTALL / --skip-install)',
    );
  } else {
    const dep = await ensureNpmDependencies(ROOT, log);
    if (!dep.ok) problems.push('npm install failed');
    if (selected.has('e2e') && !(await ensureChromium(log)))
      problems.push('Chromium unavailable');
  }
  if (selected.has('int-postgres')) {
    if (opts.skipInstall) {
      context.pgReady = await isPortOpen(
        Number(new URL(PG_URL).port || 5432),
        new URL(PG_URL).hostname,
      );
      const u = new URL(REDIS_URL);
      context.redisUrl = (await redisPing(Number(u.port || 6379), u.hostname))
        ? REDIS_URL
        : null;
    } else {
      context.pgReady = await ensurePostgres(ROOT, PG_URL, log);
      context.redisUrl = await ensureRedis(REDIS_URL, log);
    }
    if (!context.pgReady) problems.push('PostgreSQL unavailable');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Summary
function printSummary(results, setupProblems, totalMs) {
  const out = [];
  const rule = '─'.repeat(78);
  out.push(
    '',
    color.bold(`Plugboard test summary (${formatDuration(totalMs)})`),
    rule,
  );
  out.push(
    `${'stage'.padEnd(14)}${'passed'.padStart(8)}${'failed'.padStart(8)}${'skipped'.padStart(9)}${'time'.padStart(9)}   result`,
  );
  for (const r of results) {
    const status =
      r.status === 'not-run'
        ? color.dim('not run')
        : r.failed > 0
          ? color.red(r.crashed ? 'CRASHED' : 'FAILED')
          : color.green('ok');
    const passed = r.id === 'build' ? '-' : String(r.passed);
    out.push(
      `${r.id.padEnd(14)}${passed.padStart(8)}${String(r.failed).padStart(8)}${String(r.skipped ?? 0).padStart(9)}${(r.durationMs != null ? formatDuration(r.durationMs) : '-').padStart(9)}   ${status}${r.note ? `  ${color.dim(`(${r.note})`)}` : ''}`,
    );
    const shown = (r.failures ?? []).slice(0, 15);
    for (const f of shown) out.push(`    ${color.red('✗')} ${f}`);
    if ((r.failures ?? []).length > shown.length)
      out.push(`    … and ${r.failures.length - shown.length} more`);
  }
  if (setupProblems.length)
    out.push(
      rule,
      `${color.yellow('setup problems:')} ${setupProblems.join('; ')}`,
    );
  out.push(rule);
  const passed = results.reduce((s, r) => s + (r.passed || 0), 0);
  const failed = results.reduce((s, r) => s + (r.failed || 0), 0);
  out.push(`Reports: ${path.relative(ROOT, RESULTS_DIR)}/`);
  out.push(`${passed} passed, ${failed} failed`);
  try {
    fs.writeFileSync(
      path.join(RESULTS_DIR, 'summary.json'),
      JSON.stringify(
        {
          passed,
          failed,
          setupProblems,
          stages: results,
          finishedAt: new Date().toISOString(),
        },
        null,
        2,
      ),
    );
  } catch {
    /* ignore */
  }
  return { text: `${out.join('\n')}\n`, passed, failed };
}

// ---------------------------------------------------------------------------------------------
const opts = parseArgs(process.argv.slice(2));

async function main() {
  if (opts.help) {
    process.stdout.write(usage());
    return opts.bad ? 2 : 0;
  }
  if (opts.list) {
    for (const s of STAGES)
      process.stdout.write(`${s.id.padEnd(14)}${s.title}\n`);
    return 0;
  }
  process.chdir(ROOT);
  const t0 = Date.now();
  let stop = false;
  forwardSignalsToChildren((sig) => {
    stop = true;
    log.warn(`${sig} received: stopping after the current step`);
  });

  const selected = new Set(
    STAGE_IDS.filter(
      (id) => (!opts.only || opts.only.has(id)) && !opts.skip.has(id),
    ),
  );
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  rmQuiet(path.join(RESULTS_DIR, 'summary.json'));
  log.info(
    `Stages: ${[...selected].join(', ') || '(none)'}   (Node ${process.versions.node}, ${path.relative(process.cwd(), ROOT) || '.'})`,
  );

  const setupProblems = await provision(selected);
  const results = [];
  const toRun = STAGES.filter((s) => selected.has(s.id));
  let i = 0;
  for (const stage of toRun) {
    i += 1;
    if (stop) {
      results.push({
        id: stage.id,
        status: 'not-run',
        passed: 0,
        failed: 0,
        skipped: 0,
        note: `interrupted (${interruptedSignal()})`,
      });
      continue;
    }
    banner(i, toRun.length, stage);
    const started = Date.now();
    let r;
    try {
      r = await runners[stage.id]();
    } catch (e) {
      r = crashed(`crashed: ${e?.message ?? e}`);
      log.error(e?.stack ?? String(e));
    }
    r.id = stage.id;
    r.durationMs = Date.now() - started;
    r.status = r.failed > 0 ? (r.crashed ? 'crashed' : 'failed') : 'passed';
    results.push(r);
    const summaryLine = `${stage.id}: ${stage.id === 'build' ? '' : `${r.passed} passed, `}${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? ` (${r.note})` : ''} in ${formatDuration(r.durationMs)}`;
    if (r.failed) log.error(summaryLine);
    else log.ok(summaryLine);
  }

  const { text, failed } = printSummary(
    results,
    setupProblems,
    Date.now() - t0,
  );
  await new Promise((resolve) => process.stdout.write(text, resolve));
  if (interruptedSignal()) return 130;
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.stdout.write('0 passed, 1 failed\n', () => process.exit(1));
  },
);
