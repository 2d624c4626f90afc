/**
 * `npm run bench:plugins [-- --quick] [--runs=5]`: the two plugin targets of SPEC 10.
 *
 * 1. One built-in plugin hook, small payload (target: median < 0.01 ms). Each of the eight built-in
 *    plugins is taken from the runtime's own table (BUILTIN_PLUGIN_KINDS), its hooks from its manifest
 *    (`pluginManifestOf`), wired with the modules' static API as the runtime wires them at boot, and
 *    called on a small tool call (4 short string arguments) with the plugin's default config (the
 *    JSON Schema defaults; RegexFilterPlugin with two patterns), one simulated call at a time (a fresh
 *    `state` shared by the call's pre and post hooks). Timed twice: the hook function alone (what a
 *    plugin costs) and through the runtime's per-hook wrapper `runHook` (settleWithin, its time limit,
 *    the AbortSignal, the outcome check). p50/p95/p99 per run; the figure is the median over --runs.
 * 2. Tool call through a 5-plugin chain (PII, regex, resource filter, audit, metrics) vs the same
 *    upstream call through a bare route (target: >= 80 % of the bare throughput, side by side). The
 *    API is built (`nx build api`) and started as a child process (`node main.js`) on a fresh
 *    PostgreSQL database with Redis, with a registry YAML written here (the five plugins optional);
 *    an upstream HTTP server (another child) answers a small JSON. Two servers get the same `http` tool
 *    through the HTTP API; the five plugins are enabled on one of them. Load: fixed concurrency over
 *    keep-alive connections, fixed-duration phases alternating bare / chain (ABAB…), every response
 *    checked (2xx, result, trace). The ratio is chain/bare per adjacent pair, median over pairs.
 *
 * Options: --runs=N (hook runs, default 5) --pairs=N (bare/chain pairs, default 15) --phase-seconds=N
 * (default 4; short adjacent phases see the same neighbours) --warmup-seconds=N (one warm-up chunk per route, default 5) --warmup-calls=N (chunks
 * alternate until each route answered N calls, default 4000: the API's CPU per call keeps falling
 * for the first ~2000 calls, JIT) --concurrency=N (default 16) --iterations=N (timed calls
 * per hook per run, default 20000) --only=hooks|chain --no-build --quick (short smoke run; no docs)
 * --docs=true|false --pg-url=url --redis-url=url --api-log-level=warn --cpu-prof (profile the API child
 * during one extra chain phase) --keep (keep the database).
 */
import './register-paths';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import {
  pluginManifestOf,
  type FetchPayload,
  type HookContext,
  type HookHandler,
  type HookName,
  type HookPayload,
  type HookResult,
  type PluginIdentity,
  type PluginManifest,
  type ToolPayload,
} from '@plugboard/plugin-sdk';
import { AuditLoggerPluginModule, type ToolCallLogRow } from '@plugboard/plugin-audit-logger';
import { CachingPluginModule, MemoryCachingStore } from '@plugboard/plugin-caching';
import { CustomMetricsPluginModule } from '@plugboard/plugin-custom-metrics';
import { BUILTIN_PLUGIN_KINDS } from '../../apps/api/src/plugins-runtime/builtin-plugins';
import { runHook } from '../../apps/api/src/plugins-runtime/plugin-pipeline.service';
import { createDatabase, type BenchDatabase } from './load';
import { fmtMs, median, percentiles, type Percentiles } from './stats';

const ROOT = join(__dirname, '..', '..');
const START = '<!-- bench:plugins:start -->';
const END = '<!-- bench:plugins:end -->';
const HOOK_TARGET_MS = 0.01;
const RATIO_TARGET = 0.8;
/** V8 sampling interval of --cpu-prof. */
const PROFILE_INTERVAL_US = 500;
/** The runtime's default per-hook time limit (PLUGBOARD_PLUGIN_HOOK_TIMEOUT_MS). */
const HOOK_LIMIT_MS = 5_000;
const CHAIN_PLUGINS = ['PIIFilterPlugin', 'RegexFilterPlugin', 'ResourceFilterPlugin', 'AuditLoggerPlugin', 'CustomMetricsPlugin'] as const;
const BLOCKED_PATTERNS = [String.raw`(?i)drop\s+table`, String.raw`internal-[a-z]+-\d{3,}`];

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  runs: number;
  pairs: number;
  phaseSeconds: number;
  warmupSeconds: number;
  /** Warm-up goes on (alternating routes) until each API route answered this many calls. */
  warmupCalls: number;
  concurrency: number;
  iterations: number;
  warmupIterations: number;
  hooks: boolean;
  chain: boolean;
  build: boolean;
  quick: boolean;
  docs: boolean;
  pgUrl: string;
  redisUrl: string;
  apiLogLevel: string;
  cpuProf: boolean;
  keep: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const given = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument ${arg} (expected --name or --name=value)`);
    given.set(m[1] as string, m[2] ?? 'true');
  }
  const known = ['runs', 'pairs', 'phase-seconds', 'warmup-seconds', 'warmup-calls', 'concurrency', 'iterations', 'only', 'no-build', 'quick', 'docs', 'pg-url', 'redis-url', 'api-log-level', 'cpu-prof', 'keep'];
  for (const k of given.keys()) if (!known.includes(k)) throw new Error(`Unknown option --${k}; known: ${known.map((x) => `--${x}`).join(' ')}`);
  const quick = given.get('quick') === 'true';
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const raw = given.get(name);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${name} must be a number in [${min}, ${max}], got ${raw}`);
    return v;
  };
  const only = given.get('only');
  if (only !== undefined && only !== 'hooks' && only !== 'chain') throw new Error(`--only must be hooks or chain, got ${only}`);
  const iterations = Math.round(num('iterations', quick ? 2_000 : 20_000, 100, 10_000_000));
  return {
    runs: Math.round(num('runs', quick ? 2 : 5, 1, 50)),
    pairs: Math.round(num('pairs', quick ? 2 : 15, 1, 50)),
    phaseSeconds: num('phase-seconds', quick ? 3 : 4, 1, 600),
    warmupSeconds: num('warmup-seconds', quick ? 2 : 5, 0, 600),
    warmupCalls: Math.round(num('warmup-calls', quick ? 200 : 4_000, 0, 10_000_000)),
    concurrency: Math.round(num('concurrency', 16, 1, 1024)),
    iterations,
    warmupIterations: Math.max(100, Math.round(iterations / 4)),
    hooks: only !== 'chain',
    chain: only !== 'hooks',
    build: given.get('no-build') !== 'true',
    quick,
    // A smoke run never overwrites the recorded figures unless asked to.
    docs: given.has('docs') ? given.get('docs') !== 'false' : !quick,
    pgUrl: given.get('pg-url') ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: given.get('redis-url') ?? 'redis://127.0.0.1:6379',
    apiLogLevel: given.get('api-log-level') ?? 'warn',
    cpuProf: given.get('cpu-prof') === 'true',
    keep: given.get('keep') === 'true',
  };
}

const loadNow = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------
// Part 1: one hook

/** The small payload of both parts: a tool call with four short string arguments. */
const ARGUMENTS_JSON = JSON.stringify({ query: 'quarterly revenue by region', region: 'eu-west', format: 'json', requester: 'analyst-42' });
/** What the upstream answers (and the post-invoke hooks see as the result). */
const UPSTREAM_RESULT = {
  ok: true,
  source: 'bench-upstream',
  rows: [
    { region: 'eu-west', revenue: 1234.5, currency: 'EUR' },
    { region: 'us-east', revenue: 987.25, currency: 'USD' },
  ],
  generatedAt: '2026-11-23T00:00:00Z',
};
const RESULT_JSON = JSON.stringify(UPSTREAM_RESULT);

const IDENTITY: PluginIdentity = { userId: randomUUID(), email: 'analyst@bench.example', platformRole: 'user', scopes: [], via: 'jwt' };
const SERVER = { id: randomUUID(), name: 'bench-tools' };

interface HookCase {
  plugin: string;
  variant: string;
  /** Not the target's payload/config (an extra variant shown for information). */
  extra?: boolean;
  /** Only the tool call's hooks (the variant changes nothing a fetch hook sees). */
  toolOnly?: boolean;
  config: Record<string, unknown>;
  /** A fresh tool payload per call (as the runtime parses one per request); `i` is the call number. */
  toolPayload: (i: number) => ToolPayload;
}

interface HookStats {
  direct: Percentiles;
  wrapped: Percentiles;
}

/** One row of the hook table: a plugin's hook in one variant, one entry per run. */
interface HookRow {
  plugin: string;
  hook: HookName;
  variant: string;
  extra: boolean;
  runs: HookStats[];
}

/** The config a plugin ships with: every top-level `default` of its JSON Schema. */
function schemaDefaults(manifest: PluginManifest): Record<string, unknown> {
  const properties = (manifest.configSchema['properties'] ?? {}) as Record<string, { default?: unknown }>;
  const config: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) if (schema.default !== undefined) config[key] = structuredClone(schema.default);
  return config;
}

function manifests(): Map<string, PluginManifest> {
  const out = new Map<string, PluginManifest>();
  for (const [kind, module] of Object.entries(BUILTIN_PLUGIN_KINDS)) {
    const manifest = pluginManifestOf(module);
    if (!manifest) throw new Error(`${kind} exports no @PlugboardPlugin module`);
    out.set(manifest.name, manifest);
  }
  return out;
}

function hookCases(all: Map<string, PluginManifest>): HookCase[] {
  const toolPayload = (resource: string | null) => (): ToolPayload => ({
    server: SERVER,
    tool: { name: 'lookup', resource },
    arguments: JSON.parse(ARGUMENTS_JSON) as Record<string, unknown>,
  });
  const cases: HookCase[] = [];
  for (const [name, manifest] of [...all].sort(([a], [b]) => a.localeCompare(b))) {
    const config = schemaDefaults(manifest);
    if (name === 'RegexFilterPlugin') {
      cases.push({ plugin: name, variant: `2 blocked_patterns, no match`, config: { ...config, blocked_patterns: BLOCKED_PATTERNS }, toolPayload: toolPayload(null) });
    } else if (name === 'PIIFilterPlugin') {
      cases.push({ plugin: name, variant: 'default (SSN, email; mask), no PII', config, toolPayload: toolPayload(null) });
      cases.push({
        plugin: name,
        variant: 'extra: default, an email in the arguments (masked)',
        extra: true,
        toolOnly: true,
        config,
        toolPayload: () => {
          const payload = toolPayload(null)();
          payload.arguments['requester'] = 'ana.lyst@example.com';
          return payload;
        },
      });
    } else if (name === 'ResourceFilterPlugin') {
      cases.push({ plugin: name, variant: 'default (allow all)', config, toolPayload: toolPayload('http://127.0.0.1:8080/lookup') });
      cases.push({ plugin: name, variant: 'extra: allowed_resources [127.0.0.1, *.example.com], URL resource', extra: true, config: { ...config, allowed_resources: ['127.0.0.1', '*.example.com'] }, toolPayload: toolPayload('http://127.0.0.1:8080/lookup') });
    } else if (name === 'CachingPlugin') {
      cases.push({ plugin: name, variant: 'default (ttl 300), hit (same arguments)', config, toolPayload: toolPayload(null) });
      cases.push({
        plugin: name,
        variant: 'default, miss + store write (new arguments each call)',
        config,
        toolPayload: (i) => {
          const payload = toolPayload(null)();
          payload.arguments['requester'] = `analyst-${i}`;
          return payload;
        },
      });
    } else {
      cases.push({ plugin: name, variant: 'default', config, toolPayload: toolPayload(null) });
    }
  }
  return cases;
}

/** Resource fetches: `uri` the resource's URI, `content` its text. Prompts: `uri` the prompt's name, string arguments, `content` the rendered text (SDK FetchPayload). */
const RESOURCE_TEXT = 'Revenue by region, Q3: eu-west 1234.5 EUR, us-east 987.25 USD. Figures are preliminary and exclude refunds; see the finance handbook for definitions.';
const PROMPT_TEXT = 'Summarize the Q3 revenue for eu-west in three short bullet points for a brief, neutral status update.';
const fetchPayload = (hook: HookName): FetchPayload =>
  hook.startsWith('resource_')
    ? { server: SERVER, uri: 'https://docs.example.com/guides/revenue.md' }
    : { server: SERVER, uri: 'summarize-revenue', arguments: { region: 'eu-west', period: 'Q3', tone: 'brief' } };
const fetchContent = (hook: HookName): string => (hook.startsWith('resource_') ? RESOURCE_TEXT : PROMPT_TEXT);

/** The calls a case makes: the tool call's hooks (pre, then post) and each fetch hook, in the manifest. */
function callShapes(manifest: PluginManifest): HookName[][] {
  const groups: HookName[][] = [
    ['tool_pre_invoke', 'tool_post_invoke'],
    ['resource_pre_fetch', 'resource_post_fetch'],
    ['prompt_pre_fetch', 'prompt_post_fetch'],
  ];
  return groups.map((g) => g.filter((h) => manifest.hooks[h] !== undefined)).filter((g) => g.length > 0);
}

/** Wires the stateful plugins as PluginLoaderService.wireDependencies does (fresh state per run). */
function wireRuntime(): { auditRows: () => number } {
  let rows = 0;
  // The runtime's sink inserts into tool_call_log off the request path; here the rows are counted.
  AuditLoggerPluginModule.useSink((batch: readonly ToolCallLogRow[]) => {
    rows += batch.length;
    return Promise.resolve();
  });
  CustomMetricsPluginModule.useRegistry(new Registry());
  // The runtime gives the caching plugin a cache-manager store (in-process or Redis); this is the
  // module's own bounded in-memory store, so the figure is the plugin's cost, not Redis's.
  CachingPluginModule.useStore(new MemoryCachingStore());
  return { auditRows: () => rows };
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}

const okResult = (r: HookResult<HookPayload> | undefined | null): boolean => !!r && r.continueProcessing === true && !r.violation;

/** Measures one case for one run: `iterations` simulated calls timed directly, then through runHook. */
async function measureCase(c: HookCase, manifest: PluginManifest, options: Options): Promise<Map<HookName, HookStats>> {
  const out = new Map<HookName, HookStats>();
  for (const shape of callShapes(manifest)) {
    if (c.toolOnly && shape[0] !== 'tool_pre_invoke') continue;
    const samples = new Map<HookName, { direct: Float64Array; wrapped: Float64Array }>();
    for (const hook of shape) samples.set(hook, { direct: new Float64Array(options.iterations), wrapped: new Float64Array(options.iterations) });
    const isTool = shape[0] === 'tool_pre_invoke';
    let callNo = 0;
    for (const mode of ['direct', 'wrapped'] as const) {
      const total = options.warmupIterations + options.iterations;
      for (let i = 0; i < total; i++) {
        const timed = i - options.warmupIterations;
        // Everything the runtime builds per call is built here, outside the timed region.
        const state = new Map<string, unknown>();
        let payload: HookPayload = isTool ? c.toolPayload(callNo++) : fetchPayload(shape[0] as HookName);
        for (const hook of shape) {
          if (hook === 'tool_post_invoke') payload = { ...(payload as ToolPayload), result: JSON.parse(RESULT_JSON) as unknown };
          else if (hook.endsWith('_post_fetch')) payload = { ...(payload as FetchPayload), content: fetchContent(hook) };
          const handler = manifest.hooks[hook] as HookHandler<HookPayload, unknown>;
          const base = { config: c.config, level: 'server' as const, mode: 'enforce' as const, hook, identity: IDENTITY, requestId: 'bench-request', state };
          let result: HookResult<HookPayload> | undefined;
          let elapsed: number;
          if (mode === 'direct') {
            const context: HookContext<unknown> = { ...base, signal: new AbortController().signal };
            const t0 = process.hrtime.bigint();
            const r = handler(payload, context);
            result = isPromiseLike(r) ? await r : r;
            elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
          } else {
            const t0 = process.hrtime.bigint();
            const run = await runHook<HookPayload>(handler as never, payload, base, HOOK_LIMIT_MS);
            elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
            if (run.outcome === 'error' || run.outcome === 'timeout') throw new Error(`${c.plugin} ${hook} through runHook: ${run.outcome} ${run.error ?? ''}`);
            result = run.result ?? undefined;
          }
          if (!okResult(result)) throw new Error(`${c.plugin} ${hook} (${c.variant}) did not continue: ${JSON.stringify(result)}`);
          if (result?.modifiedPayload !== undefined) payload = result.modifiedPayload;
          if (timed >= 0) (samples.get(hook) as { direct: Float64Array; wrapped: Float64Array })[mode][timed] = elapsed;
        }
        // Let timers and setImmediate callbacks run (the audit batcher's flush), as between requests.
        if ((i & 63) === 63) await yieldToLoop();
      }
    }
    for (const [hook, s] of samples) out.set(hook, { direct: percentiles(s.direct), wrapped: percentiles(s.wrapped) });
  }
  return out;
}

/** The cost of the timer itself: hrtime around an empty call. */
function timerOverhead(n: number): Percentiles {
  const noop = (x: number): number => x;
  const sample = new Float64Array(n);
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    sink += noop(i);
    sample[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  if (sink < 0) console.log(sink);
  return percentiles(sample);
}

interface HookPart {
  rows: HookRow[];
  timer: Percentiles[];
  seconds: number;
  auditRowsFlushed: number;
}

async function hookPart(options: Options): Promise<HookPart> {
  const started = Date.now();
  const all = manifests();
  const cases = hookCases(all);
  const rows = new Map<string, HookRow>();
  const timer: Percentiles[] = [];
  let auditRowsFlushed = 0;
  for (let run = 1; run <= options.runs; run++) {
    const wiring = wireRuntime();
    timer.push(timerOverhead(options.iterations));
    for (const c of cases) {
      const manifest = all.get(c.plugin) as PluginManifest;
      const stats = await measureCase(c, manifest, options);
      for (const [hook, s] of stats) {
        const key = `${c.plugin}\u0000${hook}\u0000${c.variant}`;
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { plugin: c.plugin, hook, variant: c.variant, extra: c.extra === true, runs: [] }));
        row.runs.push(s);
      }
    }
    await AuditLoggerPluginModule.useSink(() => Promise.resolve()).close();
    await sleep(50);
    auditRowsFlushed += wiring.auditRows();
    const worst = [...rows.values()].reduce((m, r) => Math.max(m, r.runs.at(-1)?.direct.p50 ?? 0), 0);
    console.log(`  hooks run ${run}/${options.runs}: ${rows.size} hook rows, worst direct p50 ${fmtMs(worst)} ms, timer p50 ${fmtMs(timer.at(-1)?.p50 ?? NaN)} ms`);
  }
  return { rows: [...rows.values()], timer, seconds: (Date.now() - started) / 1000, auditRowsFlushed };
}

// ---------------------------------------------------------------------------------------------
// Part 2: the chain, side by side with the bare route

interface Child {
  proc: ChildProcess;
  log: string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The upstream: its own process, so the load generator and the upstream do not share an event loop. */
const UPSTREAM_SOURCE = `
const http = require('node:http');
const body = Buffer.from(process.env.BENCH_UPSTREAM_BODY);
let count = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ count }));
    return;
  }
  req.resume();
  req.on('end', () => {
    count++;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.env.BENCH_UPSTREAM_PORT), '127.0.0.1', () => process.stdout.write('listening\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.proc.exitCode !== null) throw new Error(`${what}: the process exited with ${child.proc.exitCode}; log ${child.log}:\n${tail(child.log)}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms${child ? `; log ${child.log}:\n${tail(child.log)}` : ''}`);
    await sleep(200);
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function spawnLogged(args: string[], env: NodeJS.ProcessEnv, log: string): Child {
  const fd = openSync(log, 'a');
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  return { proc, log };
}

async function stop(child: Child | null): Promise<void> {
  if (!child || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.proc.once('exit', () => resolve()));
  child.proc.kill('SIGTERM');
  const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!killed) {
    child.proc.kill('SIGKILL');
    await exited;
  }
}

/** User + system CPU time of a process so far, in ms (from /proc; null elsewhere). */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted from the state field (field 3).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Http {
  status: number;
  text: string;
}

function httpCall(agent: Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Http> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: '127.0.0.1', port, method, path, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

type PhaseKind = 'bare' | 'chain' | 'upstream';

interface PhaseResult {
  kind: PhaseKind;
  index: number;
  ok: number;
  /** Non-2xx answers and transport errors (must be 0). */
  errors: number;
  /** 2xx answers whose result or trace was not what the route must answer (must be 0). */
  wrong: number;
  firstProblem: string | null;
  seconds: number;
  rps: number;
  latency: Percentiles;
  /** The invoke's own durationMs (inside the API, from the service to the answer), p50. */
  serverP50: number | null;
  /** Sum of the trace's hook durations per call, p50. */
  hooksP50: number | null;
  /** API process CPU (user + system) per answered call, ms. */
  apiCpuPerCall: number | null;
  upstreamCalls: number | null;
  load1: number;
}

interface Route {
  kind: PhaseKind;
  port: number;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Checks one 2xx answer; returns what is wrong, or null; fills the timing figures. */
  check: (text: string, figures: { server: number[]; hooks: number[] }) => string | null;
}

async function drive(route: Route, seconds: number, concurrency: number, agent: Agent, index: number, apiPid: number | undefined, upstreamStats: () => Promise<number>): Promise<PhaseResult> {
  const latencies: number[] = [];
  const figures = { server: [] as number[], hooks: [] as number[] };
  let ok = 0;
  let errors = 0;
  let wrong = 0;
  let firstProblem: string | null = null;
  const problem = (text: string): void => {
    firstProblem ??= text;
  };
  const upstreamBefore = await upstreamStats();
  const cpuBefore = cpuMs(apiPid);
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  const worker = async (): Promise<void> => {
    while (process.hrtime.bigint() < deadline) {
      const t0 = process.hrtime.bigint();
      try {
        const res = await httpCall(agent, route.port, 'POST', route.path, route.headers, route.body);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.status < 200 || res.status >= 300) {
          errors++;
          problem(`${res.status} ${res.text.slice(0, 300)}`);
          continue;
        }
        const issue = route.check(res.text, figures);
        if (issue) {
          wrong++;
          problem(issue);
        } else ok++;
      } catch (error) {
        errors++;
        problem(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = cpuMs(apiPid);
  const upstreamAfter = await upstreamStats();
  return {
    kind: route.kind,
    index,
    ok,
    errors,
    wrong,
    firstProblem,
    seconds: elapsed,
    rps: ok / elapsed,
    latency: percentiles(latencies),
    serverP50: figures.server.length ? median(figures.server) : null,
    hooksP50: figures.hooks.length ? median(figures.hooks) : null,
    apiCpuPerCall: route.kind !== 'upstream' && cpuBefore !== null && cpuAfter !== null && ok > 0 ? (cpuAfter - cpuBefore) / ok : null,
    upstreamCalls: upstreamAfter - upstreamBefore,
    load1: loadavg()[0] ?? NaN,
  };
}

function benchYaml(): string {
  // The five plugins, optional and off: a server gets them only from its own rows. Configs as the
  // default plugins.config.yaml ships them, RegexFilterPlugin with two patterns.
  return `# Written by tools/bench/plugins.bench.ts for one run; not the platform's registry.
plugins:
  - name: AuditLoggerPlugin
    kind: "@plugboard/plugin-audit-logger"
    version: "1.0.0"
    mandatory: false
    enabled_globally: false
    available_for_teams: true
    available_for_users: true
    allow_server_override: true
    priority: 1
    mode: enforce
    config: { log_level: INFO, log_all_payloads: false }
  - name: PIIFilterPlugin
    kind: "@plugboard/plugin-pii-filter"
    version: "1.0.0"
    mandatory: false
    enabled_globally: false
    available_for_teams: true
    available_for_users: true
    allow_server_override: true
    priority: 2
    mode: enforce
    config:
      pii_patterns: ['\\b\\d{3}-\\d{2}-\\d{4}\\b', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}']
      action: mask
      mask: "[REDACTED]"
  - name: RegexFilterPlugin
    kind: "@plugboard/plugin-regex-filter"
    version: "1.0.0"
    mandatory: false
    enabled_globally: false
    available_for_teams: true
    available_for_users: true
    allow_server_override: true
    priority: 10
    mode: enforce
    config: { blocked_patterns: [] }
  - name: ResourceFilterPlugin
    kind: "@plugboard/plugin-resource-filter"
    version: "1.0.0"
    mandatory: false
    enabled_globally: false
    available_for_teams: true
    available_for_users: true
    allow_server_override: true
    priority: 30
    mode: enforce
    config: { allowed_resources: [] }
  - name: CustomMetricsPlugin
    kind: "@plugboard/plugin-custom-metrics"
    version: "1.0.0"
    mandatory: false
    enabled_globally: false
    available_for_teams: false
    available_for_users: false
    allow_server_override: true
    priority: 90
    mode: enforce
    config: { buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] }
`;
}

/** Per-plugin server rows on the chain server (configs merge into the registry's). */
const CHAIN_ROWS: Record<(typeof CHAIN_PLUGINS)[number], Record<string, unknown> | undefined> = {
  PIIFilterPlugin: undefined,
  RegexFilterPlugin: { blocked_patterns: BLOCKED_PATTERNS },
  ResourceFilterPlugin: { allowed_resources: ['127.0.0.1', '*.example.com'] },
  AuditLoggerPlugin: undefined,
  CustomMetricsPlugin: undefined,
};

interface ChainPart {
  phases: PhaseResult[];
  ratios: number[];
  /** chain_i / mean(bare_i, bare_i+1): the same pairs with linear drift removed (one fewer). */
  driftCorrected: number[];
  cpuRatio: number | null;
  buildSeconds: number | null;
  commit: string;
  dirty: string;
  postgres: string;
  redis: string;
  chainTrace: string;
  warmup: string;
  profile: string | null;
  /** Non-2xx or wrong answers in the unrecorded phases (warm-up, profiling); must be 0 as well. */
  unrecordedErrors: number;
  toolCallLogRows: number;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

async function chainPart(options: Options, cleanups: (() => Promise<void>)[]): Promise<ChainPart> {
  const stamp = `${Date.now()}-${process.pid}`;
  const logDir = join('/tmp', `pb-bench-plugins-${stamp}`);
  mkdirSync(logDir, { recursive: true });
  console.log(`  logs in ${logDir}`);

  let buildSeconds: number | null = null;
  if (options.build) {
    const t0 = Date.now();
    const fd = openSync(join(logDir, 'build.log'), 'a');
    console.log('  building the API: NX_DAEMON=false npx nx build api');
    // Without this process's TS_NODE_* (tsconfig-paths in the webpack build reads TS_NODE_PROJECT).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TS_NODE_')));
    try {
      execFileSync('npx', ['nx', 'build', 'api'], { cwd: ROOT, env: { ...env, NX_DAEMON: 'false' }, stdio: ['ignore', fd, fd] });
    } catch {
      throw new Error(`nx build api failed; ${join(logDir, 'build.log')}:\n${tail(join(logDir, 'build.log'))}`);
    }
    buildSeconds = (Date.now() - t0) / 1000;
    console.log(`  built in ${buildSeconds.toFixed(0)} s`);
  }
  const built = join(ROOT, 'dist', 'apps', 'api');
  if (!existsSync(join(built, 'main.js'))) throw new Error(`${built}/main.js is missing: build the API (drop --no-build)`);
  // Our own copy: another engineer's build cleans dist/apps/api while ours runs.
  const apiDir = join(ROOT, 'dist', 'bench', `plugins-api-${stamp}`);
  cpSync(built, apiDir, { recursive: true });
  cleanups.push(async () => rmSync(apiDir, { recursive: true, force: true }));
  const builtAt = statSync(join(built, 'main.js')).mtime.toISOString();
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirtyFiles = git(['status', '--porcelain', '--', 'apps/api', 'libs']).split('\n').filter((l) => l.trim() !== '');
  const dirty = dirtyFiles.length === 0 ? 'clean' : `${dirtyFiles.length} uncommitted change(s) under apps/api and libs (other engineers' work in progress)`;

  const db: BenchDatabase = await createDatabase(options.pgUrl);
  cleanups.push(async () => {
    if (options.keep) console.log(`  kept database ${db.url}`);
    else {
      await db.drop();
      console.log(`  dropped database ${db.name}`);
    }
  });
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  cleanups.push(() => pg.end());
  const pgVersion = ((await pg.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;

  // Upstream
  const upstreamPort = await freePort();
  const upstream = spawnLogged(['-e', UPSTREAM_SOURCE], { PATH: process.env['PATH'] ?? '', BENCH_UPSTREAM_PORT: String(upstreamPort), BENCH_UPSTREAM_BODY: RESULT_JSON }, join(logDir, 'upstream.log'));
  cleanups.push(() => stop(upstream));
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency, maxFreeSockets: options.concurrency });
  cleanups.push(async () => agent.destroy());
  await waitFor('upstream', async () => (await httpCall(agent, upstreamPort, 'GET', '/stats', {})).status === 200, 10_000, upstream);
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}/lookup`;
  const upstreamStats = async (): Promise<number> => (JSON.parse((await httpCall(agent, upstreamPort, 'GET', '/stats', {})).text) as { count: number }).count;

  // API
  const yamlPath = join(logDir, 'plugins.bench.yaml');
  writeFileSync(yamlPath, benchYaml());
  const apiPort = await freePort();
  const admin = { email: 'bench-admin@bench.example', password: `bench-${randomUUID()}` };
  const profDir = join(logDir, 'cpu-prof');
  const apiEnv: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/tmp',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    DATABASE_URL: db.url,
    REDIS_URL: options.redisUrl,
    PLUGBOARD_JWT_SECRET: `bench-plugins-${randomUUID()}`,
    PLUGBOARD_SEED_DEMO: 'false',
    PLUGBOARD_ADMIN_EMAIL: admin.email,
    PLUGBOARD_ADMIN_PASSWORD: admin.password,
    PLUGBOARD_UPSTREAM_ALLOWLIST: '127.0.0.1',
    PLUGBOARD_PLUGINS_CONFIG: yamlPath,
    PLUGBOARD_LOG_LEVEL: options.apiLogLevel,
  };
  const apiArgs = options.cpuProf ? ['-r', writeProfilerPreload(logDir, profDir), join(apiDir, 'main.js')] : [join(apiDir, 'main.js')];
  const api = spawnLogged(apiArgs, apiEnv, join(logDir, 'api.log'));
  cleanups.push(() => stop(api));
  await waitFor('API', async () => (await httpCall(agent, apiPort, 'GET', '/api/health', {})).status === 200, 120_000, api);
  console.log(`  API up on 127.0.0.1:${apiPort} (pid ${api.proc.pid}, build of ${builtAt}), upstream on ${upstreamPort}`);

  const json = async (method: string, path: string, token: string | null, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
    const res = await httpCall(agent, apiPort, method, path, headers, body === undefined ? undefined : JSON.stringify(body));
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 500)}`);
    return res.text ? (JSON.parse(res.text) as unknown) : null;
  };
  const token = ((await json('POST', '/api/auth/login', null, admin)) as { accessToken: string }).accessToken;
  const tool = {
    name: 'lookup',
    description: 'Revenue lookup (benchmark upstream)',
    inputSchema: { type: 'object', properties: { query: { type: 'string' }, region: { type: 'string' }, format: { type: 'string' }, requester: { type: 'string' } }, additionalProperties: false },
    resource: upstreamUrl,
    target: { type: 'http', url: upstreamUrl, timeoutMs: 5_000 },
  };
  const bareId = ((await json('POST', '/api/servers', token, { name: 'bench-bare', description: 'empty chain' })) as { id: string }).id;
  const chainId = ((await json('POST', '/api/servers', token, { name: 'bench-chain', description: '5-plugin chain' })) as { id: string }).id;
  for (const id of [bareId, chainId]) await json('POST', `/api/servers/${id}/tools`, token, tool);
  for (const name of CHAIN_PLUGINS) {
    const config = CHAIN_ROWS[name];
    await json('PUT', `/api/servers/${chainId}/plugins/${name}`, token, { enabled: true, ...(config ? { config } : {}), reason: 'bench:plugins' });
  }
  const chainOf = async (id: string): Promise<string[]> => ((await json('GET', `/api/servers/${id}/plugins`, token)) as { chain: { name: string; enabled: boolean }[] }).chain.filter((e) => e.enabled).map((e) => e.name);
  const bareChain = await chainOf(bareId);
  const chainChain = await chainOf(chainId);
  if (bareChain.length !== 0) throw new Error(`the bare server's chain is not empty: ${bareChain.join(', ')}`);
  if ([...chainChain].sort().join() !== [...CHAIN_PLUGINS].sort().join()) throw new Error(`the chain server's chain is ${chainChain.join(', ')}`);

  const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` };
  const body = JSON.stringify({ arguments: JSON.parse(ARGUMENTS_JSON) as unknown });
  const expectedResult = RESULT_JSON;
  const apiCheck = (plugins: readonly string[]) => (text: string, figures: { server: number[]; hooks: number[] }): string | null => {
    const answer = JSON.parse(text) as { result: unknown; trace: { plugin: string; outcome: string; durationMs: number }[]; durationMs: number };
    if (JSON.stringify(answer.result) !== expectedResult) return `unexpected result ${JSON.stringify(answer.result).slice(0, 200)}`;
    const ran = new Set(answer.trace.filter((t) => t.outcome === 'continue' || t.outcome === 'modified').map((t) => t.plugin));
    if (ran.size !== plugins.length || plugins.some((p) => !ran.has(p)) || answer.trace.some((t) => t.outcome !== 'continue')) {
      return `unexpected trace ${JSON.stringify(answer.trace).slice(0, 400)}`;
    }
    figures.server.push(answer.durationMs);
    let hooks = 0;
    for (const t of answer.trace) hooks += t.durationMs;
    figures.hooks.push(hooks);
    return null;
  };
  const routes: Record<PhaseKind, Route> = {
    bare: { kind: 'bare', port: apiPort, path: `/api/servers/${bareId}/tools/lookup/invoke`, headers, body, check: apiCheck([]) },
    chain: { kind: 'chain', port: apiPort, path: `/api/servers/${chainId}/tools/lookup/invoke`, headers, body, check: apiCheck(CHAIN_PLUGINS) },
    upstream: {
      kind: 'upstream',
      port: upstreamPort,
      path: '/lookup',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: ARGUMENTS_JSON,
      check: (text) => (text === expectedResult ? null : `unexpected upstream answer ${text.slice(0, 200)}`),
    },
  };

  // The chain really runs: one call each, traces checked, before anything is timed.
  const probe = async (route: Route): Promise<string> => {
    const res = await httpCall(agent, route.port, 'POST', route.path, route.headers, route.body);
    if (res.status !== 200) throw new Error(`${route.kind} probe: ${res.status} ${res.text.slice(0, 500)}`);
    const issue = route.check(res.text, { server: [], hooks: [] });
    if (issue) throw new Error(`${route.kind} probe: ${issue}`);
    return res.text;
  };
  await probe(routes.bare);
  const chainAnswer = JSON.parse(await probe(routes.chain)) as { trace: { plugin: string; hook: string; outcome: string }[] };
  const chainTrace = chainAnswer.trace.map((t) => `${t.plugin} ${t.hook.replace('tool_', '')} ${t.outcome}`).join(', ');
  console.log(`  chain trace: ${chainTrace}`);

  const phases: PhaseResult[] = [];
  let unrecordedErrors = 0;
  const run = async (kind: PhaseKind, seconds: number, index: number, record: boolean): Promise<PhaseResult> => {
    const r = await drive(routes[kind], seconds, options.concurrency, agent, index, api.proc.pid, upstreamStats);
    const where = record ? '' : ' (warm-up, not recorded)';
    console.log(
      `  ${kind.padEnd(8)} #${index}${where}: ${r.rps.toFixed(0)} req/s, p50 ${fmtMs(r.latency.p50)} ms, p99 ${fmtMs(r.latency.p99)} ms, errors ${r.errors}, wrong ${r.wrong}` +
        (r.apiCpuPerCall !== null ? `, API CPU ${fmtMs(r.apiCpuPerCall)} ms/call` : '') +
        `, load ${r.load1.toFixed(2)}${r.firstProblem ? ` — ${r.firstProblem}` : ''}`,
    );
    if (record) phases.push(r);
    else unrecordedErrors += r.errors + r.wrong;
    return r;
  };

  const warm = { bare: 0, chain: 0 };
  const warmStarted = Date.now();
  if (options.warmupSeconds > 0) {
    do {
      warm.bare += (await run('bare', options.warmupSeconds, 0, false)).ok;
      warm.chain += (await run('chain', options.warmupSeconds, 0, false)).ok;
    } while ((warm.bare < options.warmupCalls || warm.chain < options.warmupCalls) && Date.now() - warmStarted < 300_000);
  }
  const warmup = `${((Date.now() - warmStarted) / 1000).toFixed(0)} s, ${warm.bare.toLocaleString('en')} bare and ${warm.chain.toLocaleString('en')} chain calls`;
  await run('upstream', options.phaseSeconds, 1, true);
  for (let i = 1; i <= options.pairs; i++) {
    await run('bare', options.phaseSeconds, i, true);
    await run('chain', options.phaseSeconds, i, true);
  }
  // A last bare phase closes the sequence, so every chain phase sits between two bare phases.
  await run('bare', options.phaseSeconds, options.pairs + 1, true);
  await run('upstream', options.phaseSeconds, 2, true);

  let profile: string | null = null;
  if (options.cpuProf) {
    // One more phase of each route under the sampling profiler: where a call's CPU goes, and what
    // the chain adds. Not part of the figures above.
    const profiled: Partial<Record<'bare' | 'chain', { file: string; calls: number; cpuPerCall: number | null }>> = {};
    for (const kind of ['bare', 'chain'] as const) {
      const before = new Set(existsSync(profDir) ? readdirSync(profDir) : []);
      process.kill(api.proc.pid as number, 'SIGWINCH');
      const r = await run(kind, options.phaseSeconds, 99, false);
      process.kill(api.proc.pid as number, 'SIGWINCH');
      let file: string | undefined;
      for (let i = 0; i < 50 && !file; i++) {
        await sleep(200);
        file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile') && !before.has(f));
      }
      if (file) profiled[kind] = { file: join(profDir, file), calls: r.ok, cpuPerCall: r.apiCpuPerCall };
    }
    if (profiled.bare && profiled.chain) profile = compareProfiles(profiled.bare, profiled.chain);
  }

  const bare = phases.filter((p) => p.kind === 'bare');
  const chain = phases.filter((p) => p.kind === 'chain');
  const ratios = chain.map((c, i) => c.rps / (bare[i] as PhaseResult).rps);
  const driftCorrected = chain.map((c, i) => c.rps / (((bare[i] as PhaseResult).rps + (bare[i + 1] as PhaseResult).rps) / 2));
  const cpuBare = bare.map((p) => p.apiCpuPerCall).filter((v): v is number => v !== null);
  const cpuChain = chain.map((p) => p.apiCpuPerCall).filter((v): v is number => v !== null);
  const cpuRatio = cpuBare.length && cpuChain.length ? median(cpuBare) / median(cpuChain) : null;

  await sleep(1_500); // the audit logger flushes its batch every second
  const toolCallLogRows = Number(((await pg.query('SELECT COUNT(*)::int AS n FROM tool_call_log')).rows[0] as { n: number }).n);
  let redis = '?';
  try {
    redis = execFileSync('redis-cli', ['-u', options.redisUrl, 'INFO', 'server'], { encoding: 'utf8' }).match(/redis_version:(\S+)/)?.[1] ?? '?';
  } catch {
    /* redis-cli not installed */
  }
  return { phases, ratios, driftCorrected, cpuRatio, buildSeconds, commit, dirty, postgres: `PostgreSQL ${pgVersion}`, redis: `Redis ${redis}`, chainTrace, warmup, profile, unrecordedErrors, toolCallLogRows };
}

// ---------------------------------------------------------------------------------------------
// Profiling the API child (--cpu-prof): a preload that starts/stops the V8 profiler on SIGWINCH
// (not SIGUSR2: Nest's enableShutdownHooks closes the app on it; SIGUSR1 is the inspector's)
// (node's --cpu-prof writes only on a normal exit, and Nest re-raises SIGTERM after closing).

function writeProfilerPreload(logDir: string, profDir: string): string {
  mkdirSync(profDir, { recursive: true });
  const file = join(logDir, 'profiler-preload.js');
  writeFileSync(
    file,
    `const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
let on = false;
process.on('SIGWINCH', () => {
  if (!on) {
    on = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: ${PROFILE_INTERVAL_US} }, () => session.post('Profiler.start')));
    return;
  }
  on = false;
  session.post('Profiler.stop', (err, { profile }) => {
    if (!err) fs.writeFileSync(${JSON.stringify(profDir)} + '/profile-' + Date.now() + '.cpuprofile', JSON.stringify(profile));
  });
});
`,
  );
  return file;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * Where the API's CPU goes per call, bare vs chain: each sample is given to the first category (in
 * this order) that has a frame anywhere on its stack, so the categories add up to 100 % and work a
 * plugin feature starts (e.g. the audit logger's inserts) counts under that feature.
 */
const PROFILE_CATEGORIES: [string, (f: ProfileNode['callFrame']) => boolean][] = [
  ['audit logger: tool_call_log batch inserts (writeCallLog, off the request path)', (f) => f.functionName === 'writeCallLog' || f.functionName === 'drain'],
  ['custom metrics: prom-client counters and histograms', (f) => f.url.includes('prom-client') || f.functionName === 'recordHookMetrics' || f.functionName === 'recordToolCall' || f.functionName === 'recordPluginHook'],
  ['plugin hooks through runHook (hook + wrapper)', (f) => f.functionName === 'runHook' || f.functionName === 'settleWithin'],
  ['the upstream call (runTarget: fetch/undici)', (f) => f.functionName === 'runTarget'],
  ['auth: jsonwebtoken verify', (f) => f.url.includes('jsonwebtoken')],
  ['TypeORM (queries built and results mapped)', (f) => f.url.includes('/typeorm/')],
  ['node-postgres (protocol, parsing)', (f) => f.url.includes('/pg/') || f.url.includes('pg-protocol')],
  ['socket writes (writev/writeBuffer)', (f) => f.functionName === 'writev' || f.functionName === 'writeBuffer' || f.functionName === 'writeUtf8String'],
  ['JSON.stringify / JSON.parse', (f) => f.functionName === 'stringify' || f.functionName === 'parse' || f.functionName === 'JSONParse'],
  ['the rest of the request path under Express (Nest routing, guards, pipes, body parsing)', (f) => f.url.includes('/express/') || f.url.includes('/body-parser/') || f.url.includes('/router/') || f.url.includes('@nestjs/core') || f.url.includes('raw-body')],
  ['garbage collector', (f) => f.functionName === '(garbage collector)'],
];
const IDLE = '(idle)';

/** Busy samples per category (idle samples are counted apart: the profiler samples an idle loop too). */
function categorize(file: string): { total: number; idle: number; shares: Map<string, number> } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const shares = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    if (n.callFrame.functionName === IDLE) {
      idle += hits;
      continue;
    }
    total += hits;
    const stack: ProfileNode['callFrame'][] = [];
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id);
      if (frame) stack.push(frame.callFrame);
    }
    const category = PROFILE_CATEGORIES.find(([, match]) => stack.some(match))?.[0] ?? 'everything else';
    shares.set(category, (shares.get(category) ?? 0) + hits);
  }
  return { total, idle, shares };
}

function compareProfiles(bare: { file: string; calls: number; cpuPerCall: number | null }, chain: { file: string; calls: number; cpuPerCall: number | null }): string {
  const b = categorize(bare.file);
  const c = categorize(chain.file);
  const labels = [...PROFILE_CATEGORIES.map(([l]) => l), 'everything else'];
  // ms per call = the category's share of samples × the phase's CPU per call (from /proc).
  const per = (p: { total: number; idle: number; shares: Map<string, number> }, cpu: number | null, label: string): number => (cpu === null ? NaN : ((p.shares.get(label) ?? 0) / p.total) * cpu);
  const rows = labels.map((label) => {
    const x = per(b, bare.cpuPerCall, label);
    const y = per(c, chain.cpuPerCall, label);
    return `| ${label} | ${((100 * (b.shares.get(label) ?? 0)) / b.total).toFixed(1)} % | ${fmtMs(x)} | ${((100 * (c.shares.get(label) ?? 0)) / c.total).toFixed(1)} % | ${fmtMs(y)} | ${y - x >= 0 ? '+' : ''}${fmtMs(y - x)} |`;
  });
  return [
    `profiles: ${bare.file} (${b.total} busy + ${b.idle} idle samples, ${bare.calls} calls), ${chain.file} (${c.total} busy + ${c.idle} idle samples, ${chain.calls} calls); shares are of the busy samples, ms/call = share × the phase's API CPU per call from /proc; sampling every ${PROFILE_INTERVAL_US} µs costs CPU itself, so these two phases cost more per call than the measured ones`,
    '',
    '| where (the first category, in this order, with a frame on the sample\'s stack) | bare, share | bare, ms/call | chain, share | chain, ms/call | chain − bare, ms/call |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    `| total API CPU per call (/proc) |  | ${fmtMs(bare.cpuPerCall ?? NaN)} |  | ${fmtMs(chain.cpuPerCall ?? NaN)} | ${fmtMs((chain.cpuPerCall ?? NaN) - (bare.cpuPerCall ?? NaN))} |`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Report

function table(rows: string[][]): string {
  const [head, ...body] = rows;
  if (!head) return '';
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}

function hookTable(part: HookPart, runs: number): string {
  const m = (row: HookRow, mode: 'direct' | 'wrapped', k: 'p50' | 'p95' | 'p99'): number => median(row.runs.map((r) => r[mode][k]));
  return table([
    ['plugin', 'hook', 'payload / config', 'hook p50 (ms)', 'p95', 'p99', `p50 per run (${runs})`, 'through runHook p50', 'p95', 'p99', 'target (SPEC 10)', 'result'],
    ...part.rows.map((row) => {
      const p50 = m(row, 'direct', 'p50');
      return [
        row.plugin,
        row.hook,
        row.variant,
        `**${fmtMs(p50)}**`,
        fmtMs(m(row, 'direct', 'p95')),
        fmtMs(m(row, 'direct', 'p99')),
        row.runs.map((r) => fmtMs(r.direct.p50)).join(' / '),
        fmtMs(m(row, 'wrapped', 'p50')),
        fmtMs(m(row, 'wrapped', 'p95')),
        fmtMs(m(row, 'wrapped', 'p99')),
        row.extra ? `(extra) < ${HOOK_TARGET_MS} ms` : `median < ${HOOK_TARGET_MS} ms`,
        row.extra ? (p50 < HOOK_TARGET_MS ? 'under' : '**over**') : p50 < HOOK_TARGET_MS ? 'pass' : '**FAIL**',
      ];
    }),
  ]);
}

function phaseTable(part: ChainPart): string {
  const opt = (v: number | null): string => (v === null ? '' : fmtMs(v));
  return table([
    ['phase', 'route', 'req/s', 'p50 (ms)', 'p99 (ms)', 'answered', 'errors', 'wrong answers', 'upstream calls', 'invoke durationMs p50', 'hook time p50 (trace sum)', 'API CPU per call (ms)', 'load (1 min)'],
    ...part.phases.map((p) => [
      `${p.kind} #${p.index}`,
      p.kind === 'upstream' ? 'upstream direct (no API)' : p.kind === 'bare' ? 'bare route (empty chain)' : '5-plugin chain',
      `**${p.rps.toFixed(0)}**`,
      fmtMs(p.latency.p50),
      fmtMs(p.latency.p99),
      String(p.ok),
      String(p.errors),
      String(p.wrong),
      p.upstreamCalls === null ? '' : String(p.upstreamCalls),
      opt(p.serverP50),
      opt(p.hooksP50),
      opt(p.apiCpuPerCall),
      p.load1.toFixed(2),
    ]),
  ]);
}

interface Machine {
  date: string;
  nproc: string;
  cpu: string;
  memory: string;
  node: string;
  loadBefore: string;
  loadAfter: string;
}

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trimEnd();
  } catch {
    return 'n/a';
  }
}

function command(options: Options): string {
  return options.quick ? 'npm run bench:plugins -- --quick' : `npm run bench:plugins -- --runs=${options.runs} --pairs=${options.pairs}`;
}

function section(options: Options, machine: Machine, hooks: HookPart | null, chain: ChainPart | null): string {
  const lines: string[] = [
    '## Plugins: one hook, and a tool call through a 5-plugin chain',
    '',
    `- date: ${machine.date}`,
    `- machine: ${machine.nproc} cores (${machine.cpu}), node ${machine.node}${chain ? `, ${chain.postgres}, ${chain.redis}` : ''}`,
    `- load average (1/5/15 min) before: ${machine.loadBefore}, after: ${machine.loadAfter}${Number(machine.loadBefore.split(' ')[0]) > 1 || Number(machine.loadAfter.split(' ')[0]) > 1 ? ' — other jobs shared the machine' : ''}`,
    `- command: \`${command(options)}\` (tools/bench/plugins.bench.ts)`,
    '',
    '```',
    'free -h',
    machine.memory,
    '```',
    '',
  ];
  if (hooks) {
    const timer = median(hooks.timer.map((t) => t.p50));
    const rows = hooks.rows;
    const p50Of = (r: HookRow): number => median(r.runs.map((x) => x.direct.p50));
    const failed = rows.filter((r) => !r.extra && p50Of(r) >= HOOK_TARGET_MS);
    const over = rows.filter((r) => r.extra && p50Of(r) >= HOOK_TARGET_MS);
    const worst = rows.filter((r) => !r.extra).reduce((w, r) => Math.max(w, p50Of(r)), 0);
    const targetRows = rows.filter((r) => !r.extra).length;
    lines.push(
      '### One built-in plugin hook, small payload (target: median < 0.01 ms)',
      '',
      `- what: every hook of the eight built-in plugins, taken from the runtime's table (\`BUILTIN_PLUGIN_KINDS\`) via \`pluginManifestOf\`, wired with the modules' static API as \`PluginLoaderService\` wires them (audit sink, a fresh prom-client registry, the caching plugin's own in-memory store); config = the plugin's JSON Schema defaults (RegexFilterPlugin: 2 patterns; ResourceFilterPlugin also with an allow-list)`,
      `- payload: a tool call \`lookup\` with 4 short string arguments (\`${ARGUMENTS_JSON}\`); post-hooks see a ${RESULT_JSON.length}-byte JSON result; resource fetch hooks a \`https://docs.example.com/…\` URI and ${RESOURCE_TEXT.length} characters of text, prompt fetch hooks a prompt name, 3 short string arguments and ${PROMPT_TEXT.length} characters of rendered text; identity set, level \`server\`, mode \`enforce\`; a fresh \`state\` per simulated call (pre, then post), arguments parsed fresh per call`,
      `- per run and row: ${options.warmupIterations.toLocaleString('en')} warm-up + ${options.iterations.toLocaleString('en')} timed calls, timed alone (\`hook\` columns: \`process.hrtime.bigint()\` around the call, awaiting only a returned promise) and then through \`runHook\` (what the pipeline adds per hook: \`settleWithin\` with a ${HOOK_LIMIT_MS} ms timer, AbortController, promise hops, the outcome check); the event loop gets a turn every 64 calls; ${options.runs} runs, the figure is the median of the runs' percentiles (${hooks.seconds.toFixed(0)} s in all)`,
      `- timer overhead (hrtime around an empty call), p50: ${fmtMs(timer)} ms — included in every figure below`,
      `- audit rows handed to the sink: ${hooks.auditRowsFlushed.toLocaleString('en')}`,
      '',
      hookTable(hooks, options.runs),
      '',
      `**Result: ${failed.length === 0 ? `pass — all ${targetRows} hooks of the eight plugins on the target's payload (default config, no PII) have a median under ${HOOK_TARGET_MS} ms (slowest ${fmtMs(worst)} ms)` : `**FAIL** — ${failed.map((r) => `${r.plugin} ${r.hook} (${r.variant}) ${fmtMs(p50Of(r))} ms`).join('; ')}`}.**` +
        (over.length > 0 ? ` Extra variants over ${HOOK_TARGET_MS} ms: ${over.map((r) => `${r.plugin} ${r.hook} (${r.variant.replace(/^extra: /, '')}) ${fmtMs(p50Of(r))} ms`).join('; ')}.` : ' Extra variants: all under the same threshold.'),
      '',
    );
  }
  if (chain) {
    const ratio = median(chain.ratios);
    const corrected = median(chain.driftCorrected);
    const bare = chain.phases.filter((p) => p.kind === 'bare');
    const ch = chain.phases.filter((p) => p.kind === 'chain');
    const up = chain.phases.filter((p) => p.kind === 'upstream');
    const errors = chain.phases.reduce((s, p) => s + p.errors + p.wrong, 0) + chain.unrecordedErrors;
    const pass = ratio >= RATIO_TARGET && errors === 0;
    lines.push(
      '### Tool call through a 5-plugin chain vs the bare route, side by side (target: ≥ 80 % of the bare throughput)',
      '',
      `- API: \`node main.js\` of \`NX_DAEMON=false npx nx build api\`${chain.buildSeconds !== null ? ` (built in ${chain.buildSeconds.toFixed(0)} s)` : ''} at ${chain.commit} (${chain.dirty}), a child process with its own environment: fresh PostgreSQL database (created and dropped by the bench), \`REDIS_URL\` ${options.redisUrl}, \`PLUGBOARD_LOG_LEVEL=${options.apiLogLevel}\`, NODE_ENV=production; registry YAML written by the bench with the five plugins optional and off`,
      `- upstream: a Node \`http\` server in its own process on 127.0.0.1 answering ${RESULT_JSON.length} bytes of JSON; tool \`lookup\` (\`http\` target, input schema with 4 string properties, \`resource\` = the upstream URL) created through the API on two servers`,
      `- bare route: \`POST /api/servers/:bare/tools/lookup/invoke\`, a server with an empty chain; chain: the same on a server whose rows (\`PUT /api/servers/:id/plugins/:name\`) enable PIIFilterPlugin (SSN + email, mask), RegexFilterPlugin (2 patterns), ResourceFilterPlugin (allow-list 127.0.0.1, *.example.com), AuditLoggerPlugin (INFO; rows batched into tool_call_log), CustomMetricsPlugin; same caller (platform admin, Bearer JWT), same body, same upstream`,
      `- checked before timing: the chain's trace — ${chain.chainTrace}; during the phases every answer is checked (status 2xx, the upstream's result, the trace: no plugin on the bare route, the five plugins all \`continue\` on the chain); the upstream counts its calls; ${chain.toolCallLogRows.toLocaleString('en')} tool_call_log rows written by the audit logger`,
      `- load: ${options.concurrency} concurrent requests over ${options.concurrency} keep-alive connections (node:http Agent) from this process; warm-up: ${options.warmupSeconds} s of each route in turn until each answered ${options.warmupCalls.toLocaleString('en')} calls (${chain.warmup}), then ${options.phaseSeconds} s phases: upstream, (bare, chain) × ${options.pairs}, bare, upstream; ratio = chain / the bare phase just before it, median over the ${options.pairs} pairs; drift-corrected = chain / mean of the bare phases on either side`,
      '',
      phaseTable(chain),
      '',
      table([
        ['figure', 'median', ...chain.ratios.map((_, i) => `pair ${i + 1}`), 'target (SPEC 10)', 'result'],
        ['chain / bare throughput', `**${(ratio * 100).toFixed(1)} %**`, ...chain.ratios.map((r) => `${(r * 100).toFixed(1)} %`), '≥ 80 %', pass ? 'pass' : '**FAIL**'],
        ['chain / mean of neighbouring bare phases', `${(corrected * 100).toFixed(1)} %`, ...chain.driftCorrected.map((r) => `${(r * 100).toFixed(1)} %`), '', ''],
        ['bare req/s (median: all bare phases)', median(bare.map((p) => p.rps)).toFixed(0), ...bare.slice(0, chain.ratios.length).map((p) => p.rps.toFixed(0)), '', ''],
        ['chain req/s', median(ch.map((p) => p.rps)).toFixed(0), ...ch.map((p) => p.rps.toFixed(0)), '', ''],
        ['errors + wrong answers, all phases (warm-up included)', String(errors), ...chain.ratios.map(() => ''), '0', errors === 0 ? 'pass' : '**FAIL**'],
      ]),
      '',
      `- reference, the upstream called directly (no API): ${up.map((p) => `${p.rps.toFixed(0)} req/s (p50 ${fmtMs(p.latency.p50)} ms)`).join(', ')} — the load generator and upstream alone`,
      chain.cpuRatio !== null
        ? `- API CPU per call (user + system from /proc, less sensitive to the other jobs than req/s): bare ${fmtMs(median(bare.map((p) => p.apiCpuPerCall ?? NaN)))} ms, chain ${fmtMs(median(ch.map((p) => p.apiCpuPerCall ?? NaN)))} ms; bare/chain = ${(chain.cpuRatio * 100).toFixed(1)} % (the throughput ratio a CPU-bound API process would show)`
        : '- API CPU per call: not available',
      '',
      `**Result: ${pass ? 'pass' : '**FAIL**'} — the 5-plugin chain keeps ${(ratio * 100).toFixed(1)} % of the bare route's throughput (target ≥ 80 %), ${errors} errors.**`,
      '',
    );
    if (chain.profile) lines.push('Where the API\'s CPU goes (`--cpu-prof`: one extra phase of each route under the V8 sampling profiler, after the measured ones):', '', chain.profile, '');
  }
  return lines.join('\n');
}

function writeDocs(body: string): string {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const block = `${START}\n${body}${END}`;
  let text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nMeasured by the scripts in `tools/bench/`; each marked section is rewritten by its script. Targets: SPEC section 10.\n';
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from >= 0 && to > from) text = `${text.slice(0, from)}${block}${text.slice(to + END.length)}`;
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const loadBefore = loadNow();
  console.log(`bench:plugins — ${options.quick ? 'quick smoke run, ' : ''}${options.hooks ? `hooks: ${options.runs} runs × ${options.iterations} calls` : 'no hooks'}; ${options.chain ? `chain: ${options.pairs} pairs × ${options.phaseSeconds} s, concurrency ${options.concurrency}` : 'no chain'}; load ${loadBefore}`);
  const cleanups: (() => Promise<void>)[] = [];
  let cleaning: Promise<void> | null = null;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const step of cleanups.reverse()) await step().catch((e: unknown) => console.warn('cleanup:', e));
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    console.warn(`\n${signal}: cleaning up`);
    cleanup().then(
      () => process.exit(130),
      () => process.exit(130),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const hooks = options.hooks ? await hookPart(options) : null;
    const chain = options.chain ? await chainPart(options, cleanups) : null;
    const machine: Machine = {
      date: sh('date', ['-u']),
      nproc: sh('nproc', []),
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      memory: sh('free', ['-h']),
      node: process.version,
      loadBefore,
      loadAfter: loadNow(),
    };
    const body = section(options, machine, hooks, chain);
    console.log(`\n${body}`);
    if (options.docs) console.log(`written to ${writeDocs(body)}`);
    let failed = false;
    if (hooks && hooks.rows.some((r) => !r.extra && median(r.runs.map((x) => x.direct.p50)) >= HOOK_TARGET_MS)) {
      console.log('missed target: one hook, median < 0.01 ms');
      failed = true;
    }
    if (chain) {
      const errors = chain.phases.reduce((s, p) => s + p.errors + p.wrong, 0) + chain.unrecordedErrors;
      if (errors > 0) {
        console.log(`failed: ${errors} non-2xx or wrong answers`);
        failed = true;
      }
      if (median(chain.ratios) < RATIO_TARGET) {
        console.log('missed target: 5-plugin chain ≥ 80 % of the bare throughput');
        failed = true;
      }
    }
    return failed ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
