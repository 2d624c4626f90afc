/** Chain validity (SPEC 3.5): requirements met, no conflicting pair; with actionable text. */
import type { RegistryEntry } from './registry.model';

export type ChainProblemCode = 'PLUGIN_CONFLICT' | 'PLUGIN_REQUIREMENT_MISSING';

export interface ChainProblem {
  code: ChainProblemCode;
  /** Conflicts: the plugin named first; requirements: the plugin that requires. */
  plugin: string;
  /** Conflicts: the other plugin; requirements: the missing one. */
  other: string;
  /** e.g. `DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)`. */
  message: string;
  suggestions: string[];
}

export type RegistryIndex = ReadonlyMap<string, RegistryEntry>;

export function indexRegistry(
  registry: readonly RegistryEntry[],
): Map<string, RegistryEntry> {
  const index = new Map<string, RegistryEntry>();
  for (const entry of registry) index.set(entry.name, entry);
  return index;
}

export interface ValidityOptions {
  /** The plugin a write is about: named first in its conflicts, like the epic's message. */
  focus?: string;
}

/**
 * Problems of a set of enabled plugins, sorted by (code, plugin, other). A conflict
 * declared on either side, or on both, is reported once.
 */
export function checkChainValidity(
  registry: readonly RegistryEntry[] | RegistryIndex,
  enabledNames: Iterable<string>,
  options: ValidityOptions = {},
): ChainProblem[] {
  const index =
    registry instanceof Map
      ? registry
      : indexRegistry(registry as readonly RegistryEntry[]);
  const enabled =
    enabledNames instanceof Set
      ? (enabledNames as Set<string>)
      : new Set(enabledNames);
  const problems: ChainProblem[] = [];
  const seenPairs = new Set<string>();
  for (const name of enabled) {
    const entry = index.get(name);
    if (!entry) continue;
    for (const required of entry.requires) {
      if (!enabled.has(required))
        problems.push(requirementProblem(index, entry, required));
    }
    for (const other of entry.conflictsWith) {
      if (other === name || !enabled.has(other)) continue;
      const pairKey =
        name < other ? `${name}\u0000${other}` : `${other}\u0000${name}`;
      if (seenPairs.has(pairKey)) continue;
      seenPairs.add(pairKey);
      problems.push(conflictProblem(index, name, other, options.focus));
    }
  }
  return problems.sort(compareProblems);
}

export function compareProblems(a: ChainProblem, b: ChainProblem): number {
  return (
    compareText(a.code, b.code) ||
    compareText(a.plugin, b.plugin) ||
    compareText(a.other, b.other)
  );
}

/** Code-unit order: deterministic on every platform, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stable identity of a problem, independent of wording. */
export function problemKey(problem: ChainProblem): string {
  if (problem.code === 'PLUGIN_REQUIREMENT_MISSING')
    return `R\u0000${problem.plugin}\u0000${problem.other}`;
  const [x, y] = [problem.plugin, problem.other].sort();
  return `C\u0000${x}\u0000${y}`;
}

function label(index: RegistryIndex, name: string): string {
  return index.get(name)?.mandatory ? `${name} (mandatory)` : name;
}

function requirementProblem(
  index: RegistryIndex,
  entry: RegistryEntry,
  required: string,
): ChainProblem {
  const requiredEntry = index.get(required);
  const suggestions: string[] = [];
  if (!requiredEntry) {
    suggestions.push(
      `${required} is not in the plugin registry: ask a platform admin to add it or to drop the requirement`,
    );
  } else {
    suggestions.push(
      `Enable ${required} at the same level, or retry with autoEnableRequirements: true`,
    );
  }
  suggestions.push(
    entry.mandatory
      ? `${entry.name} is mandatory: ask a platform admin to make ${required} mandatory too`
      : `Or keep ${entry.name} disabled`,
  );
  return {
    code: 'PLUGIN_REQUIREMENT_MISSING',
    plugin: entry.name,
    other: required,
    message: `${label(index, entry.name)} requires ${label(index, required)} to be enabled`,
    suggestions,
  };
}

function conflictProblem(
  index: RegistryIndex,
  a: string,
  b: string,
  focus: string | undefined,
): ChainProblem {
  const [first, second] = orderConflict(index, a, b, focus);
  const firstMandatory = index.get(first)?.mandatory === true;
  const secondMandatory = index.get(second)?.mandatory === true;
  const suggestions: string[] = [];
  if (firstMandatory && secondMandatory) {
    suggestions.push(
      `Both are mandatory: ask a platform admin to remove the conflict between ${first} and ${second}`,
    );
  } else if (secondMandatory || firstMandatory) {
    const [optional, mandatory] = secondMandatory
      ? [first, second]
      : [second, first];
    suggestions.push(
      `Keep ${optional} disabled: ${mandatory} is mandatory and cannot be disabled`,
    );
    suggestions.push(
      `Ask a platform admin to remove the conflict or to make ${mandatory} optional`,
    );
  } else {
    suggestions.push(
      `Disable ${second} where it is enabled (if you may override it), then enable ${first}`,
    );
    suggestions.push(`Or keep ${first} disabled`);
  }
  return {
    code: 'PLUGIN_CONFLICT',
    plugin: first,
    other: second,
    message: `${label(index, first)} conflicts with ${label(index, second)}`,
    suggestions,
  };
}

/** The focus first; else the optional one (the one a user can act on); else by name. */
function orderConflict(
  index: RegistryIndex,
  a: string,
  b: string,
  focus: string | undefined,
): [string, string] {
  if (focus === a) return [a, b];
  if (focus === b) return [b, a];
  const aMandatory = index.get(a)?.mandatory === true;
  const bMandatory = index.get(b)?.mandatory === true;
  if (aMandatory !== bMandatory) return aMandatory ? [b, a] : [a, b];
  return a < b ? [a, b] : [b, a];
}
