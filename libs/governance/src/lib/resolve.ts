/** `resolveChain`: SPEC 3 steps 1-6, including the degraded chain of 3.5. */
import {
  evaluateLayers,
  toChain,
  type ChainEntry,
  type IgnoredRow,
  type PluginState,
  type ResolveOptions,
} from './evaluate';
import type { Layers, RegistryEntry } from './registry.model';
import {
  checkChainValidity,
  indexRegistry,
  problemKey,
  compareProblems,
  type ChainProblem,
  type RegistryIndex,
  type ValidityOptions,
} from './validity';

export interface ResolvedChain {
  /** Enabled plugins in execution order. */
  chain: ChainEntry[];
  /** Rows (or parts of rows) that had no effect, with the reason. */
  ignored: IgnoredRow[];
  /** True when the resolved chain was invalid and had to be repaired (or could not be). */
  degraded: boolean;
  /** Every problem met while repairing, sorted; empty when not degraded. */
  problems: ChainProblem[];
  /** Optional plugins removed to make the chain valid, sorted by name. */
  dropped: string[];
}

/** The chain before any repair, its problems, and every plugin's state (for write checks). */
export interface ChainEvaluation {
  chain: ChainEntry[];
  ignored: IgnoredRow[];
  problems: ChainProblem[];
  states: Map<string, PluginState>;
}

/** Steps 1-5 without the repair: what a write would produce, problems included. */
export function evaluateChain(
  registry: readonly RegistryEntry[] | RegistryIndex,
  layers: Layers,
  options: ResolveOptions,
  validity: ValidityOptions = {},
): ChainEvaluation {
  const index =
    registry instanceof Map
      ? registry
      : indexRegistry(registry as readonly RegistryEntry[]);
  const { states, ignored } = evaluateLayers(index, layers, options);
  const enabled: string[] = [];
  for (const state of states.values())
    if (state.enabled) enabled.push(state.entry.name);
  return {
    chain: toChain(states.values()),
    ignored,
    problems: checkChainValidity(index, enabled, validity),
    states,
  };
}

/** The chain one server runs. Never contains an invalid optional plugin; never lacks a mandatory one. */
export function resolveChain(
  registry: readonly RegistryEntry[] | RegistryIndex,
  layers: Layers,
  options: ResolveOptions,
): ResolvedChain {
  const index =
    registry instanceof Map
      ? registry
      : indexRegistry(registry as readonly RegistryEntry[]);
  const { states, ignored } = evaluateLayers(index, layers, options);
  const enabled = new Set<string>();
  for (const state of states.values())
    if (state.enabled) enabled.add(state.entry.name);
  const problems = checkChainValidity(index, enabled);
  if (problems.length === 0) {
    return {
      chain: toChain(states.values()),
      ignored,
      degraded: false,
      problems: [],
      dropped: [],
    };
  }
  const repair = repairChain(index, states, enabled, problems);
  return {
    chain: toChain(states.values(), repair.dropped),
    ignored,
    degraded: true,
    problems: repair.problems,
    dropped: [...repair.dropped].sort(),
  };
}

/**
 * Drops every optional plugin involved in a problem, then re-checks, until no problem can
 * be fixed by dropping (what remains involves mandatory plugins only). Mutates `enabled`.
 */
function repairChain(
  index: RegistryIndex,
  states: Map<string, PluginState>,
  enabled: Set<string>,
  initial: ChainProblem[],
): { dropped: Set<string>; problems: ChainProblem[] } {
  const dropped = new Set<string>();
  const met = new Map<string, ChainProblem>();
  const isOptional = (name: string): boolean =>
    states.get(name)?.entry.mandatory === false;
  let problems = initial;
  while (problems.length > 0) {
    const before = dropped.size;
    for (const problem of problems) {
      met.set(problemKey(problem), problem);
      // The plugin that requires is at fault; in a conflict both are.
      const involved =
        problem.code === 'PLUGIN_CONFLICT'
          ? [problem.plugin, problem.other]
          : [problem.plugin];
      for (const name of involved) {
        if (isOptional(name) && enabled.delete(name)) dropped.add(name);
      }
    }
    if (dropped.size === before) break;
    problems = checkChainValidity(index, enabled);
  }
  return { dropped, problems: [...met.values()].sort(compareProblems) };
}
