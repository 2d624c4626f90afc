/**
 * The chain part of a write check: apply the write to the template chain and to every
 * affected server, enable missing requirements when asked, and reject what the write
 * breaks (SPEC 3.5) or makes invalid in an effective config.
 */
import { checkConfigShape } from './config-shape';
import { validateConfig } from './config-validation';
import {
  autoEnableBlockers,
  autoEnabledRow,
  missingRequirements,
} from './auto-enable';
import type { PluginState } from './evaluate';
import { jsonEqual } from './json-value';
import { withRow, withoutRow } from './layers-edit';
import { planChain } from './plan';
import type { Layers, SettingLevel, SettingRow } from './registry.model';
import { evaluateChain, type ChainEvaluation } from './resolve';
import { problemKey, type RegistryIndex } from './validity';
import { configRejection, rejectWrite } from './write-rejections';
import type {
  AffectedServer,
  ScopedChainProblem,
  ScopedConfigError,
  WriteActor,
  WriteCheckResult,
  WriteScope,
} from './write-check.types';

export interface WriteChainContext {
  index: RegistryIndex;
  level: SettingLevel;
  pluginName: string;
  /** The row written, or null for a delete. */
  change: SettingRow | null;
  actor: WriteActor;
  template: Layers;
  servers: readonly AffectedServer[];
  autoEnable: boolean;
}

interface Scope extends WriteScope {
  before: Layers;
  evaluatedBefore: ChainEvaluation;
  knownProblems: Set<string>;
}

const RBAC_ON = { rbacEnabled: true };

/** The rows a write stores at its level: the written row (if any), then auto-enabled ones. */
interface LevelEdit {
  upserts: SettingRow[];
  deletes: string[];
}

export function checkWriteChains(context: WriteChainContext): WriteCheckResult {
  const { pluginName, change } = context;
  const scopes = evaluateScopes(context);
  const blockers = autoEnableBlockers(context);
  const edit: LevelEdit = {
    upserts: change ? [change] : [],
    deletes: change ? [] : [pluginName],
  };
  const { after, introduced } = settle(context, scopes, edit, blockers);
  if (introduced.length > 0) return chainRejection(introduced, blockers);

  const autoEnabled = edit.upserts
    .slice(change ? 1 : 0)
    .map((r) => r.pluginName);
  const configErrors = scopes.flatMap((scope, i) =>
    effectiveConfigErrors(
      [pluginName, ...autoEnabled],
      scope,
      scope.evaluatedBefore.states,
      after[i]?.states,
    ),
  );
  if (configErrors.length > 0) return effectiveConfigRejection(configErrors);

  const apply = applier(context.level, edit);
  return {
    ok: true,
    upserts: edit.upserts,
    deletes: edit.deletes,
    autoEnabled,
    plan: {
      template: planChain(
        context.index,
        context.template,
        apply(context.template),
      ),
      servers: scopes.slice(1).map((scope) => ({
        serverId: scope.serverId as string,
        ...planChain(context.index, scope.before, apply(scope.before)),
      })),
    },
  };
}

/** The template chain and every affected server, each evaluated before the write. */
function evaluateScopes(context: WriteChainContext): Scope[] {
  const focus = { focus: context.pluginName };
  const scopes: (WriteScope & { before: Layers })[] = [
    { scope: 'template', before: context.template },
    ...context.servers.map((s) => ({
      scope: 'server' as const,
      serverId: s.serverId,
      before: s.layers,
    })),
  ];
  return scopes.map((scope) => {
    const evaluatedBefore = evaluateChain(
      context.index,
      scope.before,
      RBAC_ON,
      focus,
    );
    return {
      ...scope,
      evaluatedBefore,
      knownProblems: new Set(evaluatedBefore.problems.map(problemKey)),
    };
  });
}

function applier(
  level: SettingLevel,
  edit: LevelEdit,
): (layers: Layers) => Layers {
  return (layers) =>
    edit.deletes.reduce(
      (acc, name) => withoutRow(acc, level, name),
      edit.upserts.reduce(withRow, layers),
    );
}

/**
 * Applies the write to every scope and collects the problems it introduces (problems
 * already there before, possible after a YAML change, do not block it). With
 * autoEnableRequirements, adds rows for missing requirements until none can be added.
 * Terminates: each round adds at least one registry plugin not yet in `edit.upserts`.
 */
function settle(
  context: WriteChainContext,
  scopes: readonly Scope[],
  edit: LevelEdit,
  blockers: (name: string) => string | null,
): { after: ChainEvaluation[]; introduced: ScopedChainProblem[] } {
  const focus = { focus: context.pluginName };
  for (;;) {
    const apply = applier(context.level, edit);
    const after = scopes.map((scope) =>
      evaluateChain(context.index, apply(scope.before), RBAC_ON, focus),
    );
    const introduced = scopes.flatMap((scope, i) =>
      (after[i]?.problems ?? [])
        .filter((problem) => !scope.knownProblems.has(problemKey(problem)))
        .map((problem) => withScope(problem, scope)),
    );
    const toEnable = context.autoEnable
      ? missingRequirements(introduced, edit.upserts, blockers)
      : [];
    if (toEnable.length === 0) return { after, introduced };
    for (const name of toEnable)
      edit.upserts.push(autoEnabledRow(context, name));
  }
}

function effectiveConfigRejection(
  errors: ScopedConfigError[],
): WriteCheckResult {
  const first = errors[0] as ScopedConfigError;
  const where =
    first.scope === 'server'
      ? `on server ${first.serverId}`
      : 'in the template chain';
  const rejected = configRejection(
    `${first.pluginName} effective config ${where} is invalid`,
    errors,
  );
  rejected.suggestions.push(
    'Or set inheritConfig: false to replace what the levels above set',
  );
  return rejected;
}

function withScope<T extends object>(
  value: T,
  scope: WriteScope,
): T & WriteScope {
  return scope.scope === 'server'
    ? { ...value, scope: 'server', serverId: scope.serverId }
    : { ...value, scope: scope.scope };
}

function chainRejection(
  problems: ScopedChainProblem[],
  blockers: (name: string) => string | null,
): WriteCheckResult {
  const conflicts = problems.filter((p) => p.code === 'PLUGIN_CONFLICT');
  const lead = (conflicts[0] ?? problems[0]) as ScopedChainProblem;
  const refined = problems.map((problem) => {
    if (problem.code !== 'PLUGIN_REQUIREMENT_MISSING') return problem;
    const blocker = blockers(problem.other);
    if (blocker === null) return problem;
    const rest = problem.suggestions.filter(
      (s) => !s.includes('autoEnableRequirements'),
    );
    return {
      ...problem,
      suggestions: [
        `${problem.other} cannot be enabled here: ${blocker}`,
        ...rest,
      ],
    };
  });
  const suggestions = [...new Set(refined.flatMap((p) => p.suggestions))];
  const where = lead.scope === 'server' ? ` on server ${lead.serverId}` : '';
  return rejectWrite(
    lead.code,
    `${lead.message}${where}`,
    suggestions,
    refined,
  );
}

/** Effective configs the write changed (or newly enabled), against size limits and the full schema. */
function effectiveConfigErrors(
  names: readonly string[],
  scope: WriteScope,
  before: Map<string, PluginState>,
  after: Map<string, PluginState> | undefined,
): ScopedConfigError[] {
  const errors: ScopedConfigError[] = [];
  for (const name of names) {
    const now = after?.get(name);
    if (!now || !now.enabled) continue;
    const old = before.get(name);
    if (old?.enabled && jsonEqual(old.config, now.config)) continue;
    const shape = checkConfigShape(now.config);
    const found =
      shape.length > 0
        ? shape
        : validateConfig(now.entry.configSchema, now.config, {
            partial: false,
          });
    for (const error of found)
      errors.push(withScope({ ...error, pluginName: name }, scope));
  }
  return errors;
}
