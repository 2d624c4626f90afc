/**
 * The benchmark's data set, shaped in memory first: a registry with mandatory, global and
 * optional plugins (requirements, conflicts, availability and override flags), users, teams,
 * servers, and setting rows at every level. Every row is admitted by the same write rules the
 * API applies (`checkSettingWrite`, non-admin actor), so the chains are realistic, valid and
 * never degraded.
 */
import { randomUUID } from 'node:crypto';
import {
  checkSettingWrite,
  indexRegistry,
  resolveChain,
  type AffectedServer,
  type JsonObject,
  type JsonValue,
  type Layers,
  type RegistryEntry,
  type RegistryIndex,
  type ResolvedChain,
  type SettingLevel,
  type SettingRow,
} from '@plugboard/governance';
import { Rng } from './stats';

export interface Scale {
  name: 'full' | 'small';
  servers: number;
  teams: number;
  users: number;
  plugins: number;
}

export const SCALES: Record<Scale['name'], Scale> = {
  full: { name: 'full', servers: 10_000, teams: 1_000, users: 5_000, plugins: 100 },
  small: { name: 'small', servers: 100, teams: 10, users: 50, plugins: 20 },
};

export interface BenchUser {
  id: string;
  email: string;
  displayName: string;
  teamIds: string[];
}

export interface BenchTeam {
  id: string;
  slug: string;
  name: string;
  members: { userId: string; role: 'owner' | 'member' }[];
}

export interface BenchServer {
  id: string;
  name: string;
  teamId: string | null;
  ownerId: string;
}

/** A setting row and the team, user or server it belongs to. */
export interface BenchRow extends SettingRow {
  id: string;
  ownerId: string;
}

export interface Dataset {
  scale: Scale;
  registry: RegistryEntry[];
  index: RegistryIndex;
  admin: BenchUser;
  users: BenchUser[];
  teams: BenchTeam[];
  servers: BenchServer[];
  serversByTeam: Map<string, BenchServer[]>;
  serversByOwner: Map<string, BenchServer[]>;
  /** Rows by level, then by owner id (team, user or server id). */
  rows: Record<SettingLevel, Map<string, BenchRow[]>>;
  /** Optional plugins a traffic write may switch on and off without ever making a chain invalid. */
  togglable: ReadonlySet<string>;
  generation: { candidates: number; admitted: number; autoEnabled: number; rejected: Record<string, number> };
}

// ---------------------------------------------------------------------------------------------
// Registry

interface Family {
  base: string;
  config: (rng: Rng) => JsonObject;
}

const FAMILIES: Family[] = [
  { base: 'AuditLogger', config: () => ({ log_level: 'INFO', log_all_payloads: false, sinks: ['stdout'], fields: { request_id: true, user: true, tool: true } }) },
  { base: 'PIIFilter', config: () => ({ pii_patterns: ['\\b\\d{3}-\\d{2}-\\d{4}\\b', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}'], action: 'mask', mask: '[REDACTED]' }) },
  { base: 'RegexFilter', config: () => ({ action: 'block', patterns: ['\\bpassword\\b', 'BEGIN RSA PRIVATE KEY', 'secret[_-]?key'], case_sensitive: false, max_payload_kb: 256 }) },
  { base: 'RateLimiter', config: (rng) => ({ requests_per_minute: 60 * rng.int(1, 20), burst: 10 * rng.int(1, 10), key_by: 'user', exempt_tools: [] }) },
  { base: 'ResponseCache', config: (rng) => ({ ttl_seconds: 30 * rng.int(1, 10), max_entries: 10_000, vary_by: ['tool', 'arguments'] }) },
  // Built-in names carry configs their loaded JSON Schemas accept (the writes are validated).
  { base: 'Authentication', config: () => ({ required_scopes: ['tools:invoke', 'plugins:read'] }) },
  { base: 'Metrics', config: () => ({ namespace: 'plugboard', buckets_ms: [5, 10, 25, 50, 100, 250, 500, 1000], labels: { team: true, server: true, tool: true } }) },
  { base: 'Retry', config: () => ({ max_attempts: 3, backoff: { initial_ms: 100, max_ms: 2000, multiplier: 2 }, retry_on: ['timeout', '5xx'] }) },
  { base: 'ResourceFilter', config: () => ({ allowed_resources: ['kb.internal', 'docs.internal'] }) },
  { base: 'Tracing', config: () => ({ sample_rate: 0.1, exporter: { kind: 'otlp', endpoint: 'http://otel-collector:4318', timeout_ms: 2000 }, propagate: ['traceparent', 'tracestate'] }) },
  { base: 'Quota', config: (rng) => ({ monthly_calls: 10_000 * rng.int(1, 50), alert_at_percent: [50, 80, 95], hard_limit: true }) },
  { base: 'Timeout', config: (rng) => ({ timeout_ms: 1000 * rng.int(2, 30), per_tool: { search: 5000 } }) },
  { base: 'SecretScanner', config: () => ({ detectors: ['aws', 'github', 'slack'], action: 'block', allowlist: [] }) },
  { base: 'ToxicityFilter', config: () => ({ threshold: 0.8, categories: ['harassment', 'hate'], action: 'warn' }) },
  { base: 'DenyFilter', config: () => ({ blocked_tools: [] }) },
  { base: 'Watermark', config: () => ({ text: 'internal', position: 'footer', tools: [] }) },
  { base: 'Summarizer', config: () => ({ max_tokens: 512, model: 'small', languages: ['en'] }) },
  { base: 'CircuitBreaker', config: () => ({ failure_threshold: 5, reset_after_ms: 30_000, half_open_calls: 1 }) },
  { base: 'GeoFence', config: () => ({ allowed_regions: ['eu-west-1', 'eu-central-1'], on_violation: 'block' }) },
  { base: 'CostTracker', config: () => ({ currency: 'EUR', budgets: { daily: 50, monthly: 1000 }, notify: ['owner'] }) },
  { base: 'Approval', config: () => ({ approvers: ['team-owner'], tools: ['deploy', 'delete'], expires_after_s: 3600 }) },
  { base: 'SchemaValidator', config: () => ({ strict: true, coerce_types: false, max_depth: 16 }) },
];

interface RegistryShape {
  entries: RegistryEntry[];
  togglable: Set<string>;
  /** Optional plugins the generator never enables (they conflict with a mandatory plugin). */
  forbidden: Set<string>;
  /** Plugins other plugins require: never disabled, so no chain loses a requirement. */
  protectedNames: Set<string>;
}

function makeRegistry(rng: Rng, count: number): RegistryShape {
  const nMandatory = count >= 50 ? 4 : 2;
  const nGlobal = Math.round(count * 0.2);
  const entries: RegistryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const family = FAMILIES[i % FAMILIES.length] as Family;
    const round = Math.floor(i / FAMILIES.length);
    const mandatory = i < nMandatory;
    const global = !mandatory && i < nMandatory + nGlobal;
    entries.push({
      name: `${family.base}${round === 0 ? '' : round + 1}Plugin`,
      kind: `@plugboard/plugin-${family.base.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}${round === 0 ? '' : `-${round + 1}`}`,
      version: `1.${rng.int(0, 9)}.${rng.int(0, 20)}`,
      description: `${family.base} (benchmark plugin ${i + 1})`,
      mandatory,
      enabledGlobally: mandatory || global,
      availableForTeams: mandatory || global || i % 9 !== 0,
      availableForUsers: mandatory || global || i % 7 !== 0,
      // Mandatory 0 and 1 take team overrides only, like the audit logger and the PII filter.
      allowTeamOverride: mandatory || i % 7 !== 0,
      allowUserOverride: mandatory ? i >= 2 : i % 5 !== 0 && i % 6 !== 0,
      allowServerOverride: mandatory ? i >= 2 : i % 4 !== 0 && i % 8 !== 0,
      requires: [],
      conflictsWith: [],
      defaultConfig: family.config(rng),
      priority: mandatory ? i + 1 : 10 + i * 5,
      mode: i % 11 === 10 ? 'permissive' : 'enforce',
      configSchema: null,
    });
  }
  const mandatory = entries.slice(0, nMandatory);
  const globals = entries.slice(nMandatory, nMandatory + nGlobal);
  const optional = rng.shuffle(entries.slice(nMandatory + nGlobal));
  const take = (n: number): RegistryEntry[] => optional.splice(0, n);
  const everywhere = (e: RegistryEntry): void => {
    Object.assign(e, { availableForTeams: true, availableForUsers: true, allowTeamOverride: true, allowUserOverride: true, allowServerOverride: true });
  };
  const protectedNames = new Set<string>();

  // One optional plugin conflicts with a mandatory one (DenyFilter vs PIIFilter): never enabled.
  const [forbiddenEntry] = take(1);
  const piiLike = mandatory[1] as RegistryEntry;
  if (forbiddenEntry) {
    piiLike.conflictsWith.push(forbiddenEntry.name);
    forbiddenEntry.conflictsWith.push(piiLike.name);
  }
  // A global plugin others require (Authentication for Caching); it is never switched off.
  const authLike = globals[0] as RegistryEntry;
  everywhere(authLike);
  protectedNames.add(authLike.name);
  const requirers = take(Math.max(1, Math.round(count * 0.05)));
  for (const e of requirers) e.requires.push(authLike.name);
  // Optional pairs: A requires B (B is enabled with A at the same level, B is never disabled).
  const pairs = Math.max(1, Math.round(count * 0.04));
  for (let p = 0; p < pairs; p++) {
    const [a, b] = take(2);
    if (!a || !b) break;
    everywhere(a);
    everywhere(b);
    a.requires.push(b.name);
    requirers.push(a);
    protectedNames.add(b.name);
  }
  // Optional conflicting pairs: the write rules keep them out of the same chain.
  const conflicts: RegistryEntry[] = [];
  for (let p = 0; p < Math.max(1, Math.round(count * 0.03)); p++) {
    const [c, d] = take(2);
    if (!c || !d) break;
    c.conflictsWith.push(d.name);
    conflicts.push(c, d);
  }
  const togglable = new Set<string>();
  const fixed = new Set([...requirers, ...conflicts].map((e) => e.name));
  for (const e of entries) {
    if (e.mandatory || e === forbiddenEntry || protectedNames.has(e.name) || fixed.has(e.name)) continue;
    togglable.add(e.name);
  }
  return { entries, togglable, forbidden: new Set(forbiddenEntry ? [forbiddenEntry.name] : []), protectedNames };
}

// ---------------------------------------------------------------------------------------------
// Row configs

/** A partial override of a default config, the way people tweak one or two settings. */
function tweak(rng: Rng, value: JsonValue, tag: string): JsonValue {
  if (Array.isArray(value)) {
    const sample = value[0];
    if (typeof sample === 'number') return [sample * rng.int(2, 9)];
    return rng.chance(0.5) ? [`${tag}-${rng.int(1, 99)}`] : [`${tag}-${rng.int(1, 99)}`, `${tag}-extra`];
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return { [`${tag}_key`]: rng.int(1, 100) };
    const key = rng.pick(keys);
    return { [key]: tweak(rng, value[key] as JsonValue, tag) };
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value * rng.int(2, 5) : Math.round(value * rng.int(2, 9) * 100) / 100;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return `${value}-${tag}`;
  return tag;
}

function rowConfig(rng: Rng, entry: RegistryEntry, tag: string): JsonObject {
  const keys = Object.keys(entry.defaultConfig);
  const out: JsonObject = {};
  if (keys.length === 0) return out;
  for (let k = rng.chance(0.3) ? 2 : 1; k > 0; k--) {
    const key = rng.pick(keys);
    out[key] = tweak(rng, entry.defaultConfig[key] as JsonValue, tag);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The data set

export function layersOfServer(ds: Pick<Dataset, 'rows'>, server: BenchServer): Layers {
  return {
    ...(server.teamId ? { team: ds.rows.team.get(server.teamId) ?? [] } : {}),
    user: ds.rows.user.get(server.ownerId) ?? [],
    server: ds.rows.server.get(server.id) ?? [],
  };
}

/** What ChainService should answer for a server, from the in-memory model (the oracle). */
export function expectedChain(ds: Dataset, server: BenchServer): ResolvedChain {
  return resolveChain(ds.index, layersOfServer(ds, server), { rbacEnabled: true });
}

export function generateDataset(scale: Scale, seed: number): Dataset {
  const rng = new Rng(seed);
  const shape = makeRegistry(rng, scale.plugins);
  const registry = shape.entries;
  const index = indexRegistry(registry);

  const admin: BenchUser = { id: randomUUID(), email: 'bench-admin@bench.example', displayName: 'Bench Admin', teamIds: [] };
  const users: BenchUser[] = Array.from({ length: scale.users }, (_, i) => ({
    id: randomUUID(),
    email: `user${i + 1}@bench.example`,
    displayName: `Bench User ${i + 1}`,
    teamIds: [],
  }));
  const teams: BenchTeam[] = Array.from({ length: scale.teams }, (_, i) => ({
    id: randomUUID(),
    slug: `bench-team-${i + 1}`,
    name: `Bench Team ${i + 1}`,
    members: [],
  }));
  // 95 % of users belong to a team (the first member of each team owns it), 10 % to two.
  const order = rng.shuffle([...users]);
  const inTeams = Math.max(scale.teams, Math.round(scale.users * 0.95));
  order.slice(0, inTeams).forEach((user, i) => {
    const join = (team: BenchTeam): void => {
      if (user.teamIds.includes(team.id)) return;
      team.members.push({ userId: user.id, role: team.members.length === 0 ? 'owner' : 'member' });
      user.teamIds.push(team.id);
    };
    join(teams[i % scale.teams] as BenchTeam);
    if (rng.chance(0.1)) join(rng.pick(teams));
  });
  // 90 % of servers belong to a team and are owned by one of its members.
  const servers: BenchServer[] = [];
  const serversByTeam = new Map<string, BenchServer[]>();
  const serversByOwner = new Map<string, BenchServer[]>();
  const inTeam = Math.round(scale.servers * 0.9);
  for (let s = 0; s < scale.servers; s++) {
    let teamId: string | null = null;
    let ownerId: string;
    if (s < inTeam) {
      const team = rng.pick(teams);
      teamId = team.id;
      ownerId = rng.pick(team.members).userId;
    } else {
      ownerId = rng.pick(users).id;
    }
    const server: BenchServer = { id: randomUUID(), name: `bench-server-${s + 1}`, teamId, ownerId };
    servers.push(server);
    if (teamId) serversByTeam.set(teamId, [...(serversByTeam.get(teamId) ?? []), server]);
    serversByOwner.set(ownerId, [...(serversByOwner.get(ownerId) ?? []), server]);
  }

  const ds: Dataset = {
    scale,
    registry,
    index,
    admin,
    users,
    teams,
    servers,
    serversByTeam,
    serversByOwner,
    rows: { team: new Map(), user: new Map(), server: new Map() },
    togglable: shape.togglable,
    generation: { candidates: 0, admitted: 0, autoEnabled: 0, rejected: {} },
  };
  addRows(ds, rng, shape);
  return ds;
}

/** Rows level by level (teams, then users, then servers), each admitted by the write rules. */
function addRows(ds: Dataset, rng: Rng, shape: RegistryShape): void {
  const pools = (level: SettingLevel): { mandatory: RegistryEntry[]; global: RegistryEntry[]; optional: RegistryEntry[] } => {
    const usable = ds.registry.filter((e) => {
      if (shape.forbidden.has(e.name)) return false;
      const available = level === 'team' ? e.availableForTeams : e.availableForUsers;
      const override = level === 'team' ? e.allowTeamOverride : level === 'user' ? e.allowUserOverride : e.allowServerOverride;
      // Below the team level only plugins that take overrides, so no accepted row is ignored on
      // a server whose team already set the plugin.
      return available && (override || (level === 'team' && !e.mandatory && !e.enabledGlobally));
    });
    return {
      mandatory: usable.filter((e) => e.mandatory),
      global: usable.filter((e) => !e.mandatory && e.enabledGlobally),
      optional: usable.filter((e) => !e.enabledGlobally),
    };
  };
  const byLevel = { team: pools('team'), user: pools('user'), server: pools('server') };

  const propose = (level: SettingLevel, ownerId: string, template: Layers, affected: AffectedServer[]): void => {
    const pool = byLevel[level];
    const roll = rng.next();
    const list = roll < 0.12 && pool.mandatory.length > 0 ? pool.mandatory : roll < 0.45 && pool.global.length > 0 ? pool.global : pool.optional;
    if (list.length === 0) return;
    const entry = rng.pick(list);
    const own = ds.rows[level].get(ownerId) ?? [];
    if (own.some((r) => r.pluginName === entry.name)) return;
    const disable = !entry.mandatory && !shape.protectedNames.has(entry.name) && rng.chance(entry.enabledGlobally ? 0.2 : 0.08);
    const input = {
      enabled: !disable,
      config: rowConfig(rng, entry, level),
      priority: !entry.mandatory && rng.chance(0.2) ? rng.int(5, 400) : null,
      inheritConfig: rng.chance(0.9),
    };
    ds.generation.candidates++;
    const result = checkSettingWrite({
      registry: ds.registry,
      level,
      pluginName: entry.name,
      row: input,
      actor: { isPlatformAdmin: false, userCustomizationAllowed: true },
      template,
      affectedServers: affected,
      autoEnableRequirements: true,
    });
    if (!result.ok) {
      ds.generation.rejected[result.code] = (ds.generation.rejected[result.code] ?? 0) + 1;
      return;
    }
    ds.generation.admitted++;
    ds.generation.autoEnabled += result.autoEnabled.length;
    const next = own.filter((r) => !result.upserts.some((u) => u.pluginName === r.pluginName) && !result.deletes.includes(r.pluginName));
    for (const row of result.upserts) next.push({ ...row, id: randomUUID(), ownerId });
    ds.rows[level].set(ownerId, next);
  };

  // Team rows see no lower rows yet, so a team's servers' chains are its template chain.
  for (const team of ds.teams) {
    const want = rng.int(3, 5);
    for (let attempt = 0; attempt < want * 4 && (ds.rows.team.get(team.id)?.length ?? 0) < want; attempt++) {
      propose('team', team.id, { team: ds.rows.team.get(team.id) ?? [] }, []);
    }
  }
  for (const user of ds.users) {
    if (!rng.chance(0.3)) continue;
    const want = rng.int(1, 3);
    const templateTeam = user.teamIds.length === 1 ? (user.teamIds[0] as string) : null;
    for (let attempt = 0; attempt < want * 4 && (ds.rows.user.get(user.id)?.length ?? 0) < want; attempt++) {
      const template: Layers = {
        ...(templateTeam ? { team: ds.rows.team.get(templateTeam) ?? [] } : {}),
        user: ds.rows.user.get(user.id) ?? [],
      };
      const affected = (ds.serversByOwner.get(user.id) ?? []).map((s) => ({ serverId: s.id, layers: layersOfServer(ds, s) }));
      propose('user', user.id, template, affected);
    }
  }
  for (const server of ds.servers) {
    if (!rng.chance(0.2)) continue;
    const want = rng.int(1, 2);
    for (let attempt = 0; attempt < want * 4 && (ds.rows.server.get(server.id)?.length ?? 0) < want; attempt++) {
      propose('server', server.id, layersOfServer(ds, server), []);
    }
  }
}

export interface DatasetSummary {
  rows: Record<SettingLevel, number>;
  chainLength: { min: number; mean: number; max: number };
  degraded: number;
  ignoredRows: number;
  chainJsonBytes: { mean: number; max: number };
}

/** Resolves every server's chain from the model: sizes, and proof that none is degraded. */
export function summarize(ds: Dataset): DatasetSummary {
  const count = (m: Map<string, BenchRow[]>): number => [...m.values()].reduce((n, rows) => n + rows.length, 0);
  let min = Infinity;
  let max = 0;
  let total = 0;
  let degraded = 0;
  let ignoredRows = 0;
  let bytes = 0;
  let maxBytes = 0;
  for (const server of ds.servers) {
    const chain = expectedChain(ds, server);
    min = Math.min(min, chain.chain.length);
    max = Math.max(max, chain.chain.length);
    total += chain.chain.length;
    if (chain.degraded) degraded++;
    ignoredRows += chain.ignored.length;
    const size = JSON.stringify(chain).length;
    bytes += size;
    maxBytes = Math.max(maxBytes, size);
  }
  return {
    rows: { team: count(ds.rows.team), user: count(ds.rows.user), server: count(ds.rows.server) },
    chainLength: { min, mean: total / ds.servers.length, max },
    degraded,
    ignoredRows,
    chainJsonBytes: { mean: bytes / ds.servers.length, max: maxBytes },
  };
}
