/**
 * Dry-run plans: for each affected server, the chain before and after a change and what
 * changed per plugin, printable the way Terraform prints a plan.
 */
import type { ChainEntry, ResolveOptions } from './evaluate';
import { jsonEqual } from './json-value';
import type { Layers, RegistryEntry } from './registry.model';
import { resolveChain } from './resolve';
import { indexRegistry, type RegistryIndex } from './validity';

export type PlanChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';
/** Fields that alter what runs; `overriddenBy`/`configSources` are explanation only. */
export type PlanField = 'config' | 'priority' | 'level' | 'mode';

export interface PlanChange {
  plugin: string;
  change: PlanChangeKind;
  /** For `changed`: which fields differ. Empty otherwise. */
  fields: PlanField[];
}

export interface ChainPlan {
  before: ChainEntry[];
  after: ChainEntry[];
  /** One per plugin in either chain: the after-chain order, then removed plugins. */
  changes: PlanChange[];
  degradedBefore: boolean;
  degradedAfter: boolean;
}

export interface ServerPlan extends ChainPlan {
  serverId: string;
}

export interface ImpactPlan {
  servers: ServerPlan[];
  summary: {
    servers: number;
    serversChanged: number;
    added: number;
    removed: number;
    changed: number;
  };
}

export interface ServerChange {
  serverId: string;
  before: Layers;
  after: Layers;
}

type AnyRegistry = readonly RegistryEntry[] | RegistryIndex;
/** A registry that may itself change (promotion, demotion, sync), or one for both sides. */
export type PlanRegistry =
  | AnyRegistry
  | { before: AnyRegistry; after: AnyRegistry };

function sides(registry: PlanRegistry): [RegistryIndex, RegistryIndex] {
  if (Array.isArray(registry) || registry instanceof Map) {
    const index = asIndex(registry as AnyRegistry);
    return [index, index];
  }
  const change = registry as { before: AnyRegistry; after: AnyRegistry };
  return [asIndex(change.before), asIndex(change.after)];
}

function asIndex(registry: AnyRegistry): RegistryIndex {
  return registry instanceof Map
    ? registry
    : indexRegistry(registry as readonly RegistryEntry[]);
}

const DEFAULT_OPTIONS: ResolveOptions = { rbacEnabled: true };

export function diffChains(
  before: readonly ChainEntry[],
  after: readonly ChainEntry[],
): PlanChange[] {
  const beforeByName = new Map(before.map((entry) => [entry.name, entry]));
  const afterNames = new Set(after.map((entry) => entry.name));
  const changes: PlanChange[] = after.map((entry) => {
    const old = beforeByName.get(entry.name);
    if (!old) return { plugin: entry.name, change: 'added', fields: [] };
    const fields: PlanField[] = [];
    if (!jsonEqual(old.config, entry.config)) fields.push('config');
    if (old.priority !== entry.priority) fields.push('priority');
    if (old.level !== entry.level) fields.push('level');
    if (old.mode !== entry.mode) fields.push('mode');
    return {
      plugin: entry.name,
      change: fields.length > 0 ? 'changed' : 'unchanged',
      fields,
    };
  });
  for (const entry of before) {
    if (!afterNames.has(entry.name))
      changes.push({ plugin: entry.name, change: 'removed', fields: [] });
  }
  return changes;
}

export function planChain(
  registry: PlanRegistry,
  before: Layers,
  after: Layers,
  options: ResolveOptions = DEFAULT_OPTIONS,
): ChainPlan {
  const [registryBefore, registryAfter] = sides(registry);
  const resolvedBefore = resolveChain(registryBefore, before, options);
  const resolvedAfter = resolveChain(registryAfter, after, options);
  return {
    before: resolvedBefore.chain,
    after: resolvedAfter.chain,
    changes: diffChains(resolvedBefore.chain, resolvedAfter.chain),
    degradedBefore: resolvedBefore.degraded,
    degradedAfter: resolvedAfter.degraded,
  };
}

/** The plan of a change over many servers; registries are indexed once. */
export function planImpact(
  registry: PlanRegistry,
  servers: readonly ServerChange[],
  options: ResolveOptions = DEFAULT_OPTIONS,
): ImpactPlan {
  const [registryBefore, registryAfter] = sides(registry);
  const plans: ServerPlan[] = servers.map((server) => {
    const before = resolveChain(registryBefore, server.before, options);
    const after = resolveChain(registryAfter, server.after, options);
    return {
      serverId: server.serverId,
      before: before.chain,
      after: after.chain,
      changes: diffChains(before.chain, after.chain),
      degradedBefore: before.degraded,
      degradedAfter: after.degraded,
    };
  });
  return { servers: plans, summary: summarize(plans) };
}

function summarize(plans: readonly ServerPlan[]): ImpactPlan['summary'] {
  const summary = {
    servers: plans.length,
    serversChanged: 0,
    added: 0,
    removed: 0,
    changed: 0,
  };
  for (const plan of plans) {
    let touched = false;
    for (const change of plan.changes) {
      if (change.change === 'unchanged') continue;
      touched = true;
      summary[change.change] += 1;
    }
    if (touched) summary.serversChanged += 1;
  }
  return summary;
}

const SYMBOL: Record<PlanChangeKind, string> = {
  added: '+',
  removed: '-',
  changed: '~',
  unchanged: ' ',
};

/** Human-readable plan: one block per server that changes, then a totals line. */
export function formatPlan(
  plan: ImpactPlan,
  labelOf: (serverId: string) => string = (id) => id,
): string {
  const lines: string[] = [];
  for (const server of plan.servers) {
    const visible = server.changes.filter((c) => c.change !== 'unchanged');
    if (visible.length === 0) continue;
    lines.push(`server ${labelOf(server.serverId)}:`);
    const after = new Map(server.after.map((e) => [e.name, e]));
    const before = new Map(server.before.map((e) => [e.name, e]));
    for (const change of visible) {
      const entry = after.get(change.plugin) ?? before.get(change.plugin);
      const where = entry
        ? ` (${entry.level}, priority ${entry.priority})`
        : '';
      const fields =
        change.fields.length > 0 ? `: ${change.fields.join(', ')}` : '';
      lines.push(
        `  ${SYMBOL[change.change]} ${change.plugin}${where}${fields}`,
      );
    }
    if (server.degradedAfter)
      lines.push('  ! chain is degraded after this change');
  }
  const { added, changed, removed, serversChanged, servers } = plan.summary;
  lines.push(
    `Plan: ${added} to add, ${changed} to change, ${removed} to remove on ${serversChanged} of ${servers} servers.`,
  );
  return lines.join('\n');
}
