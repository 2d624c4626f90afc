import { indexRegistry, newRegistryEntry, resolveChain, type RegistryEntry } from '@plugboard/governance';
import { newPolicyRow } from '../admin-ops/policy-row.factory';
import { usageCells, type ServerRows } from './usage-cells.util';

const RBAC = { rbacEnabled: true };

function cells(registry: RegistryEntry[], rows: Partial<ServerRows>) {
  const layers: ServerRows = { team: [], user: [], server: [], ...rows };
  const index = indexRegistry(registry);
  return usageCells(index, layers, resolveChain(index, layers, RBAC));
}

describe('usage cells of one server', () => {
  const registry = [
    newRegistryEntry('PIIFilterPlugin', { mandatory: true, priority: 2, allowTeamOverride: true, allowUserOverride: false }),
    newRegistryEntry('AuditLoggerPlugin', { mandatory: true, priority: 1 }),
    newRegistryEntry('RegexFilterPlugin', { priority: 10 }),
    newRegistryEntry('ResourceFilterPlugin', { enabledGlobally: true, priority: 30 }),
    newRegistryEntry('CachingPlugin', { priority: 40, requires: ['AuthenticationPlugin'] }),
    newRegistryEntry('AuthenticationPlugin', { priority: 5 }),
  ];

  it('lists the chain in order with its origin level, and the row that last set each plugin', () => {
    const team = newPolicyRow('team', 'RegexFilterPlugin', { config: { blocked_patterns: ['x'] } });
    const user = newPolicyRow('user', 'RegexFilterPlugin', { config: { blocked_patterns: ['y'] } });
    const pii = newPolicyRow('team', 'PIIFilterPlugin', { config: { action: 'block' } });
    const result = cells(registry, { team: [team, pii], user: [user] });
    expect(result.map((c) => [c.plugin, c.level, c.enabled])).toEqual([
      ['AuditLoggerPlugin', 'mandatory', true],
      ['PIIFilterPlugin', 'mandatory', true],
      ['ResourceFilterPlugin', 'global', true],
      // First enabled at the team level without a priority: the team default, 50.
      ['RegexFilterPlugin', 'team', true],
    ]);
    expect(result.find((c) => c.plugin === 'RegexFilterPlugin')?.row).toBe(user);
    expect(result.find((c) => c.plugin === 'RegexFilterPlugin')?.config).toEqual({ blocked_patterns: ['x', 'y'] });
    expect(result.find((c) => c.plugin === 'PIIFilterPlugin')?.row).toBe(pii);
    expect(result.find((c) => c.plugin === 'AuditLoggerPlugin')?.row).toBeNull();
  });

  it('shows a plugin switched off by a row, at that row level, after the chain', () => {
    const off = newPolicyRow('server', 'ResourceFilterPlugin', { enabled: false });
    const result = cells(registry, { server: [off] });
    expect(result.at(-1)).toEqual({ plugin: 'ResourceFilterPlugin', level: 'server', enabled: false, config: null, row: off });
  });

  it('skips rows the registry ignores: they never explain a cell', () => {
    const ignored = newPolicyRow('user', 'PIIFilterPlugin', { config: { action: 'block' } });
    const result = cells(registry, { user: [ignored] });
    expect(result.find((c) => c.plugin === 'PIIFilterPlugin')?.row).toBeNull();
    // A mandatory plugin's enabled: false is ignored, its config applies: still on, the row explains it.
    const disabling = newPolicyRow('team', 'PIIFilterPlugin', { enabled: false, config: { action: 'block' } });
    const second = cells(registry, { team: [disabling] });
    expect(second.find((c) => c.plugin === 'PIIFilterPlugin')).toMatchObject({ enabled: true, row: disabling });
  });

  it('marks optional plugins a degraded chain drops as off', () => {
    // A caching row without its requirement (possible only after the registry changed).
    const caching = newPolicyRow('server', 'CachingPlugin');
    const result = cells(registry, { server: [caching] });
    expect(result.find((c) => c.plugin === 'CachingPlugin')).toMatchObject({ enabled: false, level: 'server', row: caching });
  });

  it('ignores rows of plugins no longer in the registry', () => {
    expect(cells(registry, { team: [newPolicyRow('team', 'GonePlugin', { enabled: false })] }).map((c) => c.plugin)).not.toContain('GonePlugin');
  });
});
