/** The epic's registry (SPEC 7's built-in plugins) and helpers for the user-story specs. */
import { newRegistryEntry } from './governance.factories';
import type { Layers, RegistryEntry } from '../lib/registry.model';
import { resolveChain } from '../lib/resolve';
import { checkSettingWrite } from '../lib/write-checks';
import type {
  SettingWriteInput,
  WriteCheckResult,
} from '../lib/write-check.types';

export const RBAC = { rbacEnabled: true };
export const teamOwner = { isPlatformAdmin: false };
export const alice = { isPlatformAdmin: false, userCustomizationAllowed: true };

export function epicRegistry(
  overrides: Record<string, Partial<RegistryEntry>> = {},
): RegistryEntry[] {
  const entries: RegistryEntry[] = [
    newRegistryEntry('AuditLoggerPlugin', {
      mandatory: true,
      priority: 1,
      defaultConfig: { log_level: 'INFO' },
    }),
    newRegistryEntry('PIIFilterPlugin', {
      mandatory: true,
      priority: 2,
      defaultConfig: { action: 'mask' },
    }),
    newRegistryEntry('RegexFilterPlugin', {
      defaultConfig: { blocked_patterns: [] },
    }),
    newRegistryEntry('DenyFilterPlugin', {
      defaultConfig: { blocked_tools: [] },
    }),
    newRegistryEntry('ResourceFilterPlugin', {
      defaultConfig: { allowed_resources: [] },
    }),
    newRegistryEntry('CustomMetricsPlugin', { availableForTeams: false }),
    newRegistryEntry('AuthenticationPlugin'),
    newRegistryEntry('CachingPlugin', {
      requires: ['AuthenticationPlugin'],
      defaultConfig: { cache_ttl: 300 },
    }),
  ];
  return entries.map((e) => ({ ...e, ...overrides[e.name] }));
}

export const names = (layers: Layers, registry = epicRegistry()): string[] =>
  resolveChain(registry, layers, RBAC).chain.map((e) => e.name);

export function write(
  partial: Partial<SettingWriteInput> &
    Pick<SettingWriteInput, 'level' | 'pluginName' | 'row'>,
): WriteCheckResult {
  return checkSettingWrite({
    registry: epicRegistry(),
    actor: teamOwner,
    template: {},
    ...partial,
  });
}
