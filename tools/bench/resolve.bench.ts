/**
 * `npm run bench:resolve [-- --scale=small] [--runs=3]`: chain resolution on PostgreSQL through
 * the application's own ChainService, ChainCacheService and SettingsService (SPEC 10).
 *
 * A fresh database gets a generated data set (10,000 servers, 1,000 teams, 5,000 users, 100
 * plugins at full scale; 100/10/50/20 at small scale); then, `--runs` times on that data set:
 * cache-miss latency (generation token renewed before each timed call), cache-hit latency, the
 * hit rate under a steady mix of reads and audited setting writes (every read checked against the
 * chain resolved from the in-memory model), and write-then-read freshness checks. Medians of the
 * runs go to the console and to docs/benchmarks.md. The database is dropped at the end, also on
 * failure. Options: --scale=full|small --runs=N --seed=N --misses=N --hits=N --ops=N
 * --write-ratio=0.005 --zipf=1 --freshness=N --redis[=url] --pg-url=url --docs=false.
 */
import './register-paths';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { canonicalKey, resolveChain, type JsonValue, type ResolvedChain, type SettingLevel } from '@plugboard/governance';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { buildApp, type BuiltApp } from '../../apps/api/src/bootstrap';
import { CacheService } from '../../apps/api/src/cache/cache.service';
import { loadSettings } from '../../apps/api/src/config/settings';
import { ChainCacheService, type ChainScope } from '../../apps/api/src/governance/chain-cache.service';
import { ChainService } from '../../apps/api/src/governance/chain.service';
import { RegistryStore } from '../../apps/api/src/governance/registry.store';
import { SettingRowsRepository } from '../../apps/api/src/governance/setting-rows.repository';
import { SettingsService, type SettingTarget } from '../../apps/api/src/governance/settings.service';
import { expectedChain, generateDataset, SCALES, summarize, type BenchRow, type BenchServer, type Dataset, type DatasetSummary, type Scale } from './dataset';
import { createDatabase, loadDataset, type BenchDatabase } from './load';
import { elapsedMs, fmtMs, median, now, percentiles, Rng, ZipfPicker, type Percentiles } from './stats';

const ROOT = join(__dirname, '..', '..');

/** A full collection, so the heap figure after each run counts live objects only. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  scale: Scale;
  runs: number;
  seed: number;
  /** Timed cache misses per run. */
  misses: number;
  /** Timed cache hits per run. */
  hits: number;
  /** Operations per steady-traffic workload per run. */
  ops: number;
  writeRatio: number;
  zipfExponent: number;
  /** Writes per run each followed at once by a read of a server it changed. */
  freshness: number;
  redisUrl: string | null;
  pgUrl: string;
  docs: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const given = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument ${arg} (expected --name=value)`);
    given.set(m[1] as string, m[2] ?? 'true');
  }
  const known = ['scale', 'runs', 'seed', 'misses', 'hits', 'ops', 'write-ratio', 'zipf', 'freshness', 'redis', 'pg-url', 'docs'];
  for (const k of given.keys()) if (!known.includes(k)) throw new Error(`Unknown option --${k}; known: ${known.map((x) => `--${x}`).join(' ')}`);
  const num = (name: string, fallback: number, min: number, max: number): number => {
    const raw = given.get(name);
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${name} must be a number in [${min}, ${max}], got ${raw}`);
    return v;
  };
  const scaleName = given.get('scale') ?? 'full';
  if (scaleName !== 'full' && scaleName !== 'small') throw new Error(`--scale must be full or small, got ${scaleName}`);
  const redis = given.get('redis');
  return {
    scale: SCALES[scaleName],
    runs: Math.round(num('runs', 3, 1, 20)),
    seed: Math.round(num('seed', 20_261_123, 0, 2 ** 31)),
    misses: Math.round(num('misses', 2_000, 10, 100_000)),
    hits: Math.round(num('hits', 100_000, 100, 10_000_000)),
    ops: Math.round(num('ops', 100_000, 100, 10_000_000)),
    writeRatio: num('write-ratio', 0.005, 0, 0.5),
    zipfExponent: num('zipf', 1, 0.1, 3),
    freshness: Math.round(num('freshness', 200, 0, 100_000)),
    redisUrl: redis === undefined ? null : redis === 'true' ? 'redis://127.0.0.1:6379' : redis,
    pgUrl: given.get('pg-url') ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    docs: given.get('docs') !== 'false',
  };
}

// ---------------------------------------------------------------------------------------------
// The application under test

interface Ctx {
  ds: Dataset;
  chains: ChainService;
  cache: ChainCacheService;
  store: CacheService;
  registry: RegistryStore;
  rows: SettingRowsRepository;
  settings: SettingsService;
  built: BuiltApp;
  admin: AuthUser;
  rng: Rng;
  /** Scopes this process renewed or wrote: their shared tokens are removed at the end (Redis mode). */
  renewed: Set<ChainScope>;
}

/**
 * Checks answers against the chain resolved from the in-memory model. An answer that is the very
 * object already proven right for a server (a cache hit) passes without another comparison until
 * a write touches the server.
 */
class Verifier {
  private readonly expected = new Map<string, string>();
  private readonly proven = new Map<string, ResolvedChain>();

  constructor(private readonly ds: Dataset) {}

  /** The model changed for these servers. */
  invalidate(servers: readonly BenchServer[]): void {
    for (const s of servers) {
      this.expected.delete(s.id);
      this.proven.delete(s.id);
    }
  }

  expectedKey(server: BenchServer): string {
    let key = this.expected.get(server.id);
    if (key === undefined) {
      key = canonicalKey(expectedChain(this.ds, server) as unknown as JsonValue);
      this.expected.set(server.id, key);
    }
    return key;
  }

  check(server: BenchServer, answer: ResolvedChain): boolean {
    if (this.proven.get(server.id) === answer) return true;
    const ok = canonicalKey(answer as unknown as JsonValue) === this.expectedKey(server);
    if (ok) this.proven.set(server.id, answer);
    return ok;
  }
}

async function renew(ctx: Ctx, scope: ChainScope): Promise<void> {
  ctx.renewed.add(scope);
  await ctx.cache.renew([scope]);
}

// ---------------------------------------------------------------------------------------------
// Phases

interface MissResult {
  latency: Percentiles;
  /** Timed calls that were not a cache miss (must be 0). */
  notMisses: number;
  /** Answers that differ from the chain resolved from the model (must be 0). */
  mismatches: number;
}

/** Each call made a miss by renewing the server's generation token first (as a server write does). */
async function missPhase(ctx: Ctx, sample: readonly BenchServer[], options: { forgetOwners: boolean; warmup: number }): Promise<MissResult> {
  for (let i = 0; i < options.warmup; i++) {
    const s = ctx.rng.pick(sample);
    await renew(ctx, `server:${s.id}`);
    await ctx.chains.forServer(s.id);
  }
  const latency = new Float64Array(sample.length);
  const answers: ResolvedChain[] = [];
  const misses0 = ctx.cache.misses;
  for (let i = 0; i < sample.length; i++) {
    const server = sample[i] as BenchServer;
    if (options.forgetOwners) ctx.chains.forget(server.id);
    await renew(ctx, `server:${server.id}`);
    const t0 = now();
    answers.push(await ctx.chains.forServer(server.id));
    latency[i] = elapsedMs(t0);
  }
  const notMisses = sample.length - (ctx.cache.misses - misses0);
  // Checked after the timed loop, so the check's garbage is not collected inside a timed call.
  const verifier = new Verifier(ctx.ds);
  const mismatches = sample.filter((server, i) => !verifier.check(server, answers[i] as ResolvedChain)).length;
  return { latency: percentiles(latency), notMisses, mismatches };
}

/** Before the runs: every server resolved once by a fresh instance (owner lookup, tokens, miss). */
async function coldPhase(ctx: Ctx): Promise<{ latency: Percentiles; seconds: number; wrong: number }> {
  const started = now();
  const latency = new Float64Array(ctx.ds.servers.length);
  const answers: ResolvedChain[] = [];
  for (let i = 0; i < ctx.ds.servers.length; i++) {
    const t0 = now();
    answers.push(await ctx.chains.forServer((ctx.ds.servers[i] as BenchServer).id));
    latency[i] = elapsedMs(t0);
  }
  const seconds = elapsedMs(started) / 1000;
  const verifier = new Verifier(ctx.ds);
  const wrong = ctx.ds.servers.filter((s, i) => !verifier.check(s, answers[i] as ResolvedChain)).length;
  return { latency: percentiles(latency), seconds, wrong };
}

interface HitResult {
  latency: Percentiles;
  /** Timed calls that missed (must be 0). */
  misses: number;
}

async function hitPhase(ctx: Ctx, servers: readonly BenchServer[], count: number): Promise<HitResult> {
  for (const s of servers) await ctx.chains.forServer(s.id);
  for (let i = 0; i < Math.min(20_000, count); i++) await ctx.chains.forServer(ctx.rng.pick(servers).id);
  const latency = new Float64Array(count);
  const misses0 = ctx.cache.misses;
  for (let i = 0; i < count; i++) {
    const id = ctx.rng.pick(servers).id;
    const t0 = now();
    await ctx.chains.forServer(id);
    latency[i] = elapsedMs(t0);
  }
  return { latency: percentiles(latency), misses: ctx.cache.misses - misses0 };
}

/** Where the time of a miss goes: each step ChainService.forServer takes, timed on its own. */
async function breakdownPhase(ctx: Ctx, sample: readonly BenchServer[]): Promise<Record<string, Percentiles>> {
  const n = Math.min(sample.length, 1_000);
  const t = { roundTrip: new Float64Array(n), load: new Float64Array(n), registry: new Float64Array(n), resolve: new Float64Array(n), l2Get: new Float64Array(n), l2Set: new Float64Array(n), key: new Float64Array(n) };
  const db = ctx.built.dataSource;
  for (let i = 0; i < n; i++) {
    const s = sample[i] as BenchServer;
    let t0 = now();
    await db.query('SELECT 1');
    t.roundTrip[i] = elapsedMs(t0);
    t0 = now();
    const { layers } = await ctx.rows.load({ team: s.teamId, user: s.ownerId, server: s.id });
    t.load[i] = elapsedMs(t0);
    t0 = now();
    const { index } = await ctx.registry.current();
    t.registry[i] = elapsedMs(t0);
    t0 = now();
    const chain = resolveChain(index, layers, { rbacEnabled: true });
    t.resolve[i] = elapsedMs(t0);
    t0 = now();
    await ctx.cache.key(s.id, s.teamId, s.ownerId);
    t.key[i] = elapsedMs(t0);
    const probe = `bench:probe:${s.id}:${i}`;
    t0 = now();
    await ctx.store.get(probe);
    t.l2Get[i] = elapsedMs(t0);
    t0 = now();
    await ctx.store.set(probe, chain, 5);
    t.l2Set[i] = elapsedMs(t0);
    await ctx.store.del(probe);
  }
  return {
    'SELECT 1 round trip (TypeORM)': percentiles(t.roundTrip),
    'SettingRowsRepository.load (the UNION ALL query)': percentiles(t.load),
    'RegistryStore.current (snapshot)': percentiles(t.registry),
    'resolveChain (CPU)': percentiles(t.resolve),
    'ChainCacheService.key (tokens)': percentiles(t.key),
    'L2 get, absent key (cache-manager)': percentiles(t.l2Get),
    'L2 set, one chain (cache-manager)': percentiles(t.l2Set),
  };
}

interface SteadyResult {
  ops: number;
  reads: number;
  writes: number;
  rejectedWrites: number;
  hits: number;
  misses: number;
  hitRate: number;
  /** Misses any write-invalidated cache must take: first read of a server after a write affected it. */
  compulsoryMisses: number;
  compulsoryHitRate: number;
  opsPerSecond: number;
  readLatency: Percentiles;
  writeLatency: Percentiles;
  /** Reads of a server whose chain a write had changed since its last read (a stale answer would show). */
  postWriteReads: number;
  /** Reads whose answer differed from the model (every read is checked; must be 0). */
  wrongReads: number;
}

interface WriteCandidate {
  level: SettingLevel;
  ownerId: string;
  row: BenchRow;
}

function writeCandidates(ds: Dataset): Record<SettingLevel, WriteCandidate[]> {
  const out: Record<SettingLevel, WriteCandidate[]> = { team: [], user: [], server: [] };
  for (const level of ['team', 'user', 'server'] as const) {
    for (const [ownerId, rows] of ds.rows[level]) {
      for (const row of rows) if (ds.togglable.has(row.pluginName)) out[level].push({ level, ownerId, row });
    }
  }
  return out;
}

function targetOf(ds: Dataset, level: SettingLevel, id: string): { target: SettingTarget; affected: BenchServer[] } {
  switch (level) {
    case 'team': {
      const team = ds.teams.find((t) => t.id === id);
      if (!team) throw new Error(`no team ${id}`);
      return { target: { level, id, name: team.slug, writable: true }, affected: ds.serversByTeam.get(id) ?? [] };
    }
    case 'user': {
      const user = ds.users.find((u) => u.id === id);
      if (!user) throw new Error(`no user ${id}`);
      return {
        target: { level, id, name: user.email, templateTeamId: user.teamIds.length === 1 ? user.teamIds[0] : null, writable: true, userCustomizationAllowed: true },
        affected: ds.serversByOwner.get(id) ?? [],
      };
    }
    case 'server': {
      const server = ds.servers.find((s) => s.id === id);
      if (!server) throw new Error(`no server ${id}`);
      return { target: { level, id, name: server.name, teamId: server.teamId, ownerId: server.ownerId, writable: true }, affected: [server] };
    }
  }
}

/** Picks setting rows for traffic writes: 20 % team rows, 30 % user rows, 50 % server rows. */
function writePicker(ds: Dataset, rng: Rng): () => WriteCandidate | null {
  const candidates = writeCandidates(ds);
  const weights: [SettingLevel, number][] = [['team', 0.2], ['user', 0.3], ['server', 0.5]];
  return () => {
    let u = rng.next();
    for (const [level, w] of weights) {
      if ((u -= w) <= 0 || level === 'server') return candidates[level].length > 0 ? rng.pick(candidates[level]) : null;
    }
    return null;
  };
}

interface WriteOutcome {
  ms: number;
  ok: boolean;
  affected: BenchServer[];
  /** Affected servers whose chain the write changed (per the model). */
  changed: BenchServer[];
}

/** Switches a row on or off through SettingsService.write as an admin, and updates the model. */
async function toggle(ctx: Ctx, candidate: WriteCandidate, verifier: Verifier): Promise<WriteOutcome> {
  const { ds } = ctx;
  const { target, affected } = targetOf(ds, candidate.level, candidate.ownerId);
  const before = affected.map((s) => verifier.expectedKey(s));
  ctx.renewed.add(`${candidate.level}:${candidate.ownerId}` as ChainScope);
  const row = candidate.row;
  const input = { enabled: !row.enabled, config: row.config, priority: row.priority, inheritConfig: row.inheritConfig, reason: 'benchmark toggle' };
  const t0 = now();
  try {
    const outcome = await ctx.settings.write(ctx.admin, target, row.pluginName, input, { mode: 'put', reason: 'benchmark toggle' });
    const ms = elapsedMs(t0);
    if (outcome.setting?.enabled !== input.enabled) throw new Error(`write of ${row.pluginName} answered ${JSON.stringify(outcome.setting)}`);
    row.enabled = input.enabled;
    verifier.invalidate(affected);
    return { ms, ok: true, affected, changed: affected.filter((s, i) => verifier.expectedKey(s) !== before[i]) };
  } catch (error) {
    console.warn(`  write rejected: ${error instanceof Error ? error.message : String(error)}`);
    return { ms: elapsedMs(t0), ok: false, affected: [], changed: [] };
  }
}

/**
 * Reads of servers (Zipf-ranked or uniform) mixed with setting writes: a row of a team, a user or
 * a server switched on or off by an admin through SettingsService.write. Every read is checked
 * against the model, so a stale chain served after a write would be counted.
 */
async function steadyPhase(ctx: Ctx, workload: 'zipf' | 'uniform', ops: number, writeRatio: number, zipfExponent: number): Promise<SteadyResult> {
  const { ds, rng } = ctx;
  // Hot servers differ from run to run; writes pick their rows uniformly.
  const zipf = new ZipfPicker(rng.shuffle([...ds.servers]), zipfExponent);
  const pickRead = (): BenchServer => (workload === 'zipf' ? zipf.pick(rng) : rng.pick(ds.servers));
  const pickWrite = writePicker(ds, rng);
  const verifier = new Verifier(ds);

  // Steady state: every chain cached (and checked) once, neither counted nor timed.
  for (const s of ds.servers) if (!verifier.check(s, await ctx.chains.forServer(s.id))) throw new Error(`wrong chain for ${s.name} before the steady phase`);
  const dirty = new Set<string>();
  const changed = new Set<string>();
  const hits0 = ctx.cache.hits;
  const misses0 = ctx.cache.misses;
  const readLatency = new Float64Array(ops);
  const writeLatency: number[] = [];
  let busyMs = 0;
  let reads = 0;
  let writes = 0;
  let rejectedWrites = 0;
  let compulsoryMisses = 0;
  let postWriteReads = 0;
  let wrongReads = 0;

  for (let op = 0; op < ops; op++) {
    const candidate = rng.next() < writeRatio ? pickWrite() : null;
    if (candidate) {
      const w = await toggle(ctx, candidate, verifier);
      busyMs += w.ms;
      if (!w.ok) {
        rejectedWrites++;
        continue;
      }
      writes++;
      writeLatency.push(w.ms);
      for (const s of w.affected) dirty.add(s.id);
      for (const s of w.changed) changed.add(s.id);
      continue;
    }
    const server = pickRead();
    if (dirty.delete(server.id)) compulsoryMisses++;
    if (changed.delete(server.id)) postWriteReads++;
    const t0 = now();
    const chain = await ctx.chains.forServer(server.id);
    const ms = elapsedMs(t0);
    busyMs += ms;
    readLatency[reads++] = ms;
    if (!verifier.check(server, chain)) wrongReads++;
  }
  const hits = ctx.cache.hits - hits0;
  const misses = ctx.cache.misses - misses0;
  return {
    ops: reads + writes + rejectedWrites,
    reads,
    writes,
    rejectedWrites,
    hits,
    misses,
    hitRate: hits / Math.max(1, hits + misses),
    compulsoryMisses,
    compulsoryHitRate: 1 - compulsoryMisses / Math.max(1, reads),
    opsPerSecond: (reads + writes + rejectedWrites) / (busyMs / 1000),
    readLatency: percentiles(readLatency.subarray(0, reads)),
    writeLatency: percentiles(writeLatency),
    postWriteReads,
    wrongReads,
  };
}

interface FreshnessResult {
  writes: number;
  /** Reads right after a write, of a server whose chain the write changed, that did not show it (must be 0). */
  violations: number;
  /** Of those reads, how many were cache misses (the write retired the cached chain). */
  missesAfterWrite: number;
}

/** Read a server (cached), write a row that changes its chain, read it again: the write must show. */
async function freshnessPhase(ctx: Ctx, writes: number): Promise<FreshnessResult> {
  const verifier = new Verifier(ctx.ds);
  const pickWrite = writePicker(ctx.ds, ctx.rng);
  let done = 0;
  let violations = 0;
  let missesAfterWrite = 0;
  for (let attempt = 0; done < writes && attempt < writes * 20; attempt++) {
    const candidate = pickWrite();
    if (!candidate) break;
    const { affected } = targetOf(ctx.ds, candidate.level, candidate.ownerId);
    if (affected.length === 0) continue;
    for (const s of affected) await ctx.chains.forServer(s.id);
    const w = await toggle(ctx, candidate, verifier);
    const server = w.changed[0];
    if (!w.ok || !server) continue;
    const misses0 = ctx.cache.misses;
    const chain = await ctx.chains.forServer(server.id);
    missesAfterWrite += ctx.cache.misses - misses0;
    if (!verifier.check(server, chain)) violations++;
    done++;
  }
  return { writes: done, violations, missesAfterWrite };
}

interface RunResult {
  miss: MissResult;
  missOwners: MissResult;
  hit: HitResult;
  breakdown: Record<string, Percentiles>;
  steady: Record<'zipf' | 'uniform', SteadyResult>;
  freshness: FreshnessResult;
  heapMiB: number;
  seconds: number;
}

async function run(ctx: Ctx, options: Options, index: number): Promise<RunResult> {
  const started = now();
  const { ds, rng } = ctx;
  const sample = Array.from({ length: options.misses }, () => rng.pick(ds.servers));
  const log = (what: string): void => console.log(`  run ${index}: ${what} (${(elapsedMs(started) / 1000).toFixed(1)} s)`);
  const miss = await missPhase(ctx, sample, { forgetOwners: false, warmup: Math.min(300, options.misses) });
  log(`miss p50 ${fmtMs(miss.latency.p50)} p95 ${fmtMs(miss.latency.p95)} ms`);
  const missOwners = await missPhase(ctx, sample.slice(0, Math.max(10, Math.round(options.misses / 4))), { forgetOwners: true, warmup: 0 });
  const distinct = [...new Map(sample.map((s) => [s.id, s])).values()];
  const hit = await hitPhase(ctx, distinct, options.hits);
  log(`hit p50 ${fmtMs(hit.latency.p50)} p99 ${fmtMs(hit.latency.p99)} ms`);
  const breakdown = await breakdownPhase(ctx, sample);
  const zipf = await steadyPhase(ctx, 'zipf', options.ops, options.writeRatio, options.zipfExponent);
  log(`steady zipf hit rate ${(zipf.hitRate * 100).toFixed(2)} %, ${zipf.writes} writes`);
  const uniform = await steadyPhase(ctx, 'uniform', options.ops, options.writeRatio, options.zipfExponent);
  log(`steady uniform hit rate ${(uniform.hitRate * 100).toFixed(2)} %, ${uniform.writes} writes`);
  const freshness = await freshnessPhase(ctx, options.freshness);
  log(`freshness: ${freshness.violations} stale reads after ${freshness.writes} writes`);
  collectGarbage();
  const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
  return { miss, missOwners, hit, breakdown, steady: { zipf, uniform }, freshness, heapMiB, seconds: elapsedMs(started) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Report

interface Figure {
  label: string;
  unit: 'ms' | '%' | 'count' | 'ops/s';
  values: number[];
  target?: { text: string; pass: (v: number) => boolean };
}

function figures(results: RunResult[], scale: Scale): Figure[] {
  const full = scale.name === 'full';
  const of = (f: (r: RunResult) => number): number[] => results.map(f);
  const pct = (f: (r: RunResult) => number): number[] => results.map((r) => f(r) * 100);
  const missTarget = full
    ? { text: '< 2 ms (SPEC 10)', pass: (v: number) => v < 2 }
    : { text: '< 50 ms (epic)', pass: (v: number) => v < 50 };
  const hitTarget = { text: '< 0.05 ms (SPEC 10)', pass: (v: number) => v < 0.05 };
  const rateTarget = full
    ? { text: '> 99 % (SPEC 10)', pass: (v: number) => v > 99 }
    : { text: '> 95 % (epic)', pass: (v: number) => v > 95 };
  const zero = { text: '0', pass: (v: number) => v === 0 };
  const steady = (w: 'zipf' | 'uniform', name: string): Figure[] => [
    { label: `hit rate, ${name}`, unit: '%', values: pct((r) => r.steady[w].hitRate), target: rateTarget },
    { label: `  without the writer's refresh (every read after a write that changed the server's chain misses), ${name}`, unit: '%', values: pct((r) => r.steady[w].compulsoryHitRate) },
    { label: `  misses, ${name} (reads after a write that changed the chain: see "reads of a server after a write")`, unit: 'count', values: of((r) => r.steady[w].misses) },
    { label: `  writes committed, ${name}`, unit: 'count', values: of((r) => r.steady[w].writes) },
    { label: `  writes rejected, ${name}`, unit: 'count', values: of((r) => r.steady[w].rejectedWrites), target: zero },
    { label: `  reads of a server after a write changed its chain, ${name}`, unit: 'count', values: of((r) => r.steady[w].postWriteReads) },
    { label: `  wrong or stale answers (every read checked), ${name}`, unit: 'count', values: of((r) => r.steady[w].wrongReads), target: zero },
    { label: `  read p99, ${name}`, unit: 'ms', values: of((r) => r.steady[w].readLatency.p99) },
    { label: `  throughput, one client, ${name}`, unit: 'ops/s', values: of((r) => r.steady[w].opsPerSecond) },
  ];
  return [
    { label: 'miss p50', unit: 'ms', values: of((r) => r.miss.latency.p50) },
    { label: 'miss p95', unit: 'ms', values: of((r) => r.miss.latency.p95), target: missTarget },
    { label: 'miss p99', unit: 'ms', values: of((r) => r.miss.latency.p99) },
    { label: 'miss max', unit: 'ms', values: of((r) => r.miss.latency.max) },
    { label: 'miss + owner lookup p50', unit: 'ms', values: of((r) => r.missOwners.latency.p50) },
    { label: 'miss + owner lookup p95', unit: 'ms', values: of((r) => r.missOwners.latency.p95) },
    { label: 'hit p50', unit: 'ms', values: of((r) => r.hit.latency.p50) },
    { label: 'hit p95', unit: 'ms', values: of((r) => r.hit.latency.p95) },
    { label: 'hit p99', unit: 'ms', values: of((r) => r.hit.latency.p99), target: hitTarget },
    ...steady('zipf', 'Zipf reads'),
    ...steady('uniform', 'uniform reads'),
    { label: 'setting write p50 (SettingsService.write)', unit: 'ms', values: of((r) => median([r.steady.zipf.writeLatency.p50, r.steady.uniform.writeLatency.p50])) },
    { label: 'setting write p95 (SettingsService.write)', unit: 'ms', values: of((r) => Math.max(r.steady.zipf.writeLatency.p95, r.steady.uniform.writeLatency.p95)) },
    { label: 'read right after a write: stale answers', unit: 'count', values: of((r) => r.freshness.violations), target: zero },
    { label: '  writes checked that way (each changed the server read)', unit: 'count', values: of((r) => r.freshness.writes) },
    { label: '  of those reads, cache misses (0: the write refreshed the chains it changed; ChainService.refresh)', unit: 'count', values: of((r) => r.freshness.missesAfterWrite) },
    { label: 'heap used after the run (MiB, after a full GC)', unit: 'count', values: of((r) => r.heapMiB) },
    { label: 'wrong answers, miss and hit phases (vs model)', unit: 'count', values: of((r) => r.miss.mismatches + r.missOwners.mismatches + r.miss.notMisses + r.hit.misses), target: zero },
  ];
}

function fmt(v: number, unit: Figure['unit']): string {
  switch (unit) {
    case 'ms':
      return fmtMs(v);
    case '%':
      return v.toFixed(2);
    case 'count':
      return String(Math.round(v));
    case 'ops/s':
      return String(Math.round(v));
  }
}

function unitLabel(unit: Figure['unit']): string {
  return unit === 'count' ? '' : ` (${unit})`;
}

function table(rows: string[][]): string {
  const [head, ...body] = rows;
  if (!head) return '';
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}

function figureTable(list: Figure[], runs: number): string {
  const head = ['figure', 'median', ...Array.from({ length: runs }, (_, i) => `run ${i + 1}`), 'target', 'result'];
  return table([
    head,
    ...list.map((f) => {
      const m = median(f.values);
      return [`${f.label}${unitLabel(f.unit)}`, `**${fmt(m, f.unit)}**`, ...f.values.map((v) => fmt(v, f.unit)), f.target?.text ?? '', f.target ? (f.target.pass(m) ? 'pass' : '**FAIL**') : ''];
    }),
  ]);
}

function breakdownTable(results: RunResult[]): string {
  const names = Object.keys(results[0]?.breakdown ?? {});
  return table([
    ['step of a miss (timed alone)', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)'],
    ...names.map((n) => {
      const col = (k: 'p50' | 'p95' | 'p99'): string => fmtMs(median(results.map((r) => r.breakdown[n]?.[k] ?? NaN)));
      return [n, col('p50'), col('p95'), col('p99')];
    }),
  ]);
}

interface Machine {
  date: string;
  nproc: string;
  cpu: string;
  memory: string;
  node: string;
  postgres: string;
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

const loadNow = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

function section(
  options: Options,
  machine: Machine,
  summary: DatasetSummary,
  counts: Record<string, number>,
  cold: { latency: Percentiles; seconds: number },
  results: RunResult[],
  setupSeconds: number,
): string {
  const s = options.scale;
  const command = `npm run bench:resolve -- --scale=${s.name} --runs=${options.runs}${options.redisUrl ? ' --redis' : ''}`;
  const title = `Chain resolution, ${s.name} scale (${s.servers.toLocaleString('en')} servers / ${s.teams.toLocaleString('en')} teams / ${s.users.toLocaleString('en')} users / ${s.plugins} plugins)${options.redisUrl ? ', Redis L2' : ''}`;
  const lines = [
    `## ${title}`,
    '',
    `- date: ${machine.date}`,
    `- machine: ${machine.nproc} cores (${machine.cpu}), node ${machine.node}, ${machine.postgres}, cache L2: ${options.redisUrl ? 'Redis (REDIS_URL)' : 'in-process cache-manager (no REDIS_URL)'}`,
    `- load average (1/5/15 min) before: ${machine.loadBefore}, after: ${machine.loadAfter} — other jobs shared the machine`,
    `- command: \`${command}\``,
    `- data: ${Object.entries(counts).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}; chains ${summary.chainLength.min}–${summary.chainLength.max} plugins (mean ${summary.chainLength.mean.toFixed(1)}), ${Math.round(summary.chainJsonBytes.mean).toLocaleString('en')} bytes of JSON on average; degraded chains ${summary.degraded}, ignored rows ${summary.ignoredRows}`,
    `- cold start, before the runs: each server's first resolution by the fresh instance (owner lookup, tokens, miss) p50 ${fmtMs(cold.latency.p50)} ms, p95 ${fmtMs(cold.latency.p95)} ms, p99 ${fmtMs(cold.latency.p99)} ms; all ${s.servers.toLocaleString('en')} chains cached in ${cold.seconds.toFixed(1)} s`,
    `- per run: ${options.misses.toLocaleString('en')} timed misses, ${options.hits.toLocaleString('en')} timed hits, 2 × ${options.ops.toLocaleString('en')} steady operations with ${(options.writeRatio * 100).toFixed(1)} % writes (Zipf s=${options.zipfExponent} and uniform reads; writes toggle a team row 20 %, a user row 30 %, a server row 50 % of the time), ${options.freshness} write-then-read freshness checks; data set built in ${setupSeconds.toFixed(0)} s, runs took ${results.map((r) => r.seconds.toFixed(0)).join(' / ')} s`,
    '',
    '```',
    'free -h',
    machine.memory,
    '```',
    '',
    figureTable(figures(results, s), results.length),
    '',
    breakdownTable(results),
    '',
  ];
  return lines.join('\n');
}

function writeDocs(scale: Scale, redis: boolean, body: string): string {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const id = `resolve:${scale.name}${redis ? ':redis' : ''}`;
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${start}\n${body}${end}`;
  let text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nMeasured by the scripts in `tools/bench/`; each marked section is rewritten by its script. Targets: SPEC section 10.\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const loadBefore = loadNow();
  const setupStarted = now();
  console.log(`bench:resolve — ${options.scale.name} scale, ${options.runs} runs, seed ${options.seed}${options.redisUrl ? `, Redis ${options.redisUrl}` : ''}`);
  const ds = generateDataset(options.scale, options.seed);
  const summary = summarize(ds);
  if (summary.degraded > 0) throw new Error(`the generated data set has ${summary.degraded} degraded chains`);
  console.log(`  data set: ${JSON.stringify(summary.rows)} setting rows, ${ds.generation.admitted}/${ds.generation.candidates} candidate writes admitted by the write rules`);

  let db: BenchDatabase | null = null;
  let built: BuiltApp | null = null;
  let ctx: Ctx | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      if (ctx && options.redisUrl) {
        // Leave the shared Redis nearly as found: current chain keys (retired ones are gone) and
        // tokens; chains a write made unreachable and nothing read again expire after the TTL.
        const c = ctx;
        for (const s of c.ds.servers) await c.store.del(await c.cache.key(s.id, s.teamId, s.ownerId)).catch(() => undefined);
        for (const scope of c.renewed) await c.store.del(`gen:${scope}`).catch(() => undefined);
      }
      if (built) {
        await built.app.close().catch((e: unknown) => console.warn('app.close:', e));
        if (built.dataSource.isInitialized) await built.dataSource.destroy().catch(() => undefined);
      }
      if (db) {
        await db.drop();
        console.log(`  dropped database ${db.name}`);
      }
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
    db = await createDatabase(options.pgUrl);
    const settings = loadSettings({
      DATABASE_URL: db.url,
      PLUGBOARD_JWT_SECRET: 'benchmark-secret-0123456789abcdef',
      PLUGBOARD_SEED_DEMO: 'false',
      PLUGBOARD_LOG_LEVEL: 'silent',
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    }, ROOT);
    built = await buildApp(settings, { logger: false });
    const counts = await loadDataset(built.dataSource, ds);
    const app = built.app;
    ctx = {
      ds,
      chains: app.get(ChainService),
      cache: app.get(ChainCacheService),
      store: app.get(CacheService),
      registry: app.get(RegistryStore),
      rows: app.get(SettingRowsRepository),
      settings: app.get(SettingsService),
      built,
      admin: { id: ds.admin.id, email: ds.admin.email, displayName: ds.admin.displayName, platformRole: 'admin', pluginCustomizationAllowed: true, via: 'jwt', scopes: [] },
      rng: new Rng(options.seed ^ 0x5bd1e995),
      renewed: new Set(),
    };
    // The registry was written behind the store's back: make it reload.
    await renew(ctx, 'registry');
    const setupSeconds = elapsedMs(setupStarted) / 1000;
    console.log(`  database ${db.name} loaded in ${setupSeconds.toFixed(1)} s: ${JSON.stringify(counts)}`);

    const cold = await coldPhase(ctx);
    if (cold.wrong > 0) throw new Error(`${cold.wrong} servers resolved to a chain other than the model's`);
    console.log(`  cold start: every server resolved once in ${cold.seconds.toFixed(1)} s, p50 ${fmtMs(cold.latency.p50)} p95 ${fmtMs(cold.latency.p95)} ms`);
    const results: RunResult[] = [];
    for (let i = 1; i <= options.runs; i++) results.push(await run(ctx, options, i));

    const pg = (await built.dataSource.query('SHOW server_version')) as { server_version: string }[];
    const machine: Machine = {
      date: sh('date', ['-u']),
      nproc: sh('nproc', []),
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      memory: sh('free', ['-h']),
      node: process.version,
      postgres: `PostgreSQL ${pg[0]?.server_version ?? '?'}`,
      loadBefore,
      loadAfter: loadNow(),
    };
    const body = section(options, machine, summary, counts, cold, results, setupSeconds);
    console.log(`\n${body}`);
    if (options.docs) console.log(`written to ${writeDocs(options.scale, options.redisUrl !== null, body)}`);
    const failed = figures(results, options.scale).filter((f) => f.target && !f.target.pass(median(f.values)));
    if (failed.length > 0) console.log(`missed targets: ${failed.map((f) => f.label.trim()).join('; ')}`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
