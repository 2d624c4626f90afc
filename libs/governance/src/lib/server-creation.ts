/** Creating a server validates its whole chain (SPEC 4): an invalid chain rejects the creation. */
import type { ResolveOptions } from './evaluate';
import type { Layers, RegistryEntry } from './registry.model';
import { evaluateChain, resolveChain, type ResolvedChain } from './resolve';
import { indexRegistry } from './validity';
import type { WriteRejected } from './write-check.types';
import { rejectWrite } from './write-rejections';

export type NewServerCheck =
  | { ok: true; resolved: ResolvedChain }
  | WriteRejected;

/**
 * `layers`: the new server's team (if any) and owner rows, plus any server rows it is
 * created with. RBAC defaults to on: rows count as soon as it is switched on.
 */
export function checkNewServerChain(
  registry: readonly RegistryEntry[],
  layers: Layers,
  options: ResolveOptions = { rbacEnabled: true },
): NewServerCheck {
  const index = indexRegistry(registry);
  const { problems } = evaluateChain(index, layers, options);
  if (problems.length === 0)
    return { ok: true, resolved: resolveChain(index, layers, options) };
  const lead =
    problems.find((p) => p.code === 'PLUGIN_CONFLICT') ?? problems[0];
  const suggestions = [...new Set(problems.flatMap((p) => p.suggestions))];
  return rejectWrite(
    lead?.code ?? 'PLUGIN_CONFLICT',
    `The new server's plugin chain is invalid: ${lead?.message ?? ''}`,
    suggestions,
    problems.map((p) => ({ ...p, scope: 'template' as const })),
  );
}
