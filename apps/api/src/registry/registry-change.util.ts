/**
 * What a change to the registry does to every chain it can touch: new conflicts or missing requirements
 * (which reject it, as for a setting write: only problems it introduces), effective configs the plugin's
 * schema rejects, and the dry-run plan of each server.
 */
import {
  checkRegistryConsistency,
  evaluateChain,
  jsonEqual,
  planImpact,
  problemKey,
  validateConfig,
  type ChainProblem,
  type ConfigError,
  type ImpactPlan,
  type Layers,
  type RegistryEntry,
  type RegistryIndex,
  type RegistryIssue,
} from '@plugboard/governance';

/** A chain to check: the platform's, a team's or user's template, or a server's. */
export interface ChainSubject {
  scope: 'platform' | 'team' | 'user' | 'server';
  id: string | null;
  /** Known for the platform and servers; teams and users are named only when reported. */
  name: string | null;
  layers: Layers;
}

export type SubjectRef = Pick<ChainSubject, 'scope' | 'id' | 'name'>;
export type SubjectProblem = ChainProblem & { subject: SubjectRef };
export type SubjectConfigError = ConfigError & { subject: SubjectRef; pluginName: string };

export interface RegistryChangeCheck {
  problems: SubjectProblem[];
  configErrors: SubjectConfigError[];
}

const CHECK_OPTIONS = { rbacEnabled: true } as const;

const refOf = (s: ChainSubject): SubjectRef => ({ scope: s.scope, id: s.id, name: s.name });

/** Registry-rule issues `after` has that `before` did not (only what the change introduces blocks it). */
export function newRegistryIssues(before: readonly RegistryEntry[], after: readonly RegistryEntry[]): RegistryIssue[] {
  const key = (i: RegistryIssue): string => `${i.pluginName}\u0000${i.field}\u0000${i.message}`;
  const known = new Set(checkRegistryConsistency(before).map(key));
  return checkRegistryConsistency(after).filter((i) => !known.has(key(i)));
}

/**
 * Chain problems each subject has after the change and not before (write checks validate as if RBAC were
 * on, SPEC 4), and, when `plugin` ships a schema, its effective configs that changed and fail it.
 */
export function checkRegistryChange(
  before: RegistryIndex,
  after: RegistryIndex,
  subjects: readonly ChainSubject[],
  plugin: string,
): RegistryChangeCheck {
  const problems: SubjectProblem[] = [];
  const configErrors: SubjectConfigError[] = [];
  const schema = after.get(plugin)?.configSchema ?? null;
  for (const subject of subjects) {
    const was = evaluateChain(before, subject.layers, CHECK_OPTIONS, { focus: plugin });
    const now = evaluateChain(after, subject.layers, CHECK_OPTIONS, { focus: plugin });
    const known = new Set(was.problems.map(problemKey));
    for (const problem of now.problems) {
      if (!known.has(problemKey(problem))) problems.push({ ...problem, subject: refOf(subject) });
    }
    if (!schema) continue;
    const entry = now.chain.find((e) => e.name === plugin);
    const previous = was.chain.find((e) => e.name === plugin);
    if (!entry || (previous && jsonEqual(previous.config, entry.config))) continue;
    for (const error of validateConfig(schema, entry.config, { partial: false })) {
      configErrors.push({ ...error, subject: refOf(subject), pluginName: plugin });
    }
  }
  return { problems, configErrors };
}

/** The plan of every server, keeping only the servers whose chain changes (the summary counts all). */
export function registryImpact(
  before: RegistryIndex,
  after: RegistryIndex,
  subjects: readonly ChainSubject[],
  rbacEnabled: boolean,
): ImpactPlan & { names: Map<string, string> } {
  const servers = subjects.filter((s) => s.scope === 'server');
  const plan = planImpact(
    { before, after },
    servers.map((s) => ({ serverId: s.id as string, before: s.layers, after: s.layers })),
    { rbacEnabled },
  );
  const changed = plan.servers.filter(
    (s) => s.degradedBefore !== s.degradedAfter || s.changes.some((c) => c.change !== 'unchanged'),
  );
  return { servers: changed, summary: plan.summary, names: new Map(servers.map((s) => [s.id as string, s.name ?? ''])) };
}
