import {
  newRegistryEntry,
  newSettingRow,
} from '../testing/governance.factories';
import { diffChains, formatPlan, planChain, planImpact } from './plan';
import { promoteToMandatory } from './promotion';
import type { Layers } from './registry.model';

const registry = [
  newRegistryEntry('Audit', { mandatory: true, priority: 1 }),
  newRegistryEntry('Regex', { defaultConfig: { blocked_patterns: [] } }),
  newRegistryEntry('Deny'),
  newRegistryEntry('Resource'),
];

describe('plans', () => {
  const before: Layers = {
    team: [newSettingRow('team', 'Regex')],
    user: [newSettingRow('user', 'Resource')],
  };
  const after: Layers = {
    team: [
      newSettingRow('team', 'Regex', {
        config: { blocked_patterns: ['x'] },
        priority: 5,
      }),
    ],
    server: [newSettingRow('server', 'Deny')],
  };

  it('lists each plugin once: added, removed, changed (with fields) or unchanged', () => {
    const plan = planChain(registry, before, after);
    expect(plan.changes).toEqual([
      { plugin: 'Audit', change: 'unchanged', fields: [] },
      { plugin: 'Regex', change: 'changed', fields: ['config', 'priority'] },
      { plugin: 'Deny', change: 'added', fields: [] },
      { plugin: 'Resource', change: 'removed', fields: [] },
    ]);
    expect(plan.before.map((e) => e.name)).toEqual([
      'Audit',
      'Regex',
      'Resource',
    ]);
    expect(plan.degradedAfter).toBe(false);
    expect(
      diffChains(plan.after, plan.after).every((c) => c.change === 'unchanged'),
    ).toBe(true);
  });

  it('plans a change over many servers, a registry change included, and prints it', () => {
    const promoted = registry.map((e) =>
      e.name === 'Deny' ? promoteToMandatory(e) : e,
    );
    const impact = planImpact({ before: registry, after: promoted }, [
      { serverId: 's1', before, after: before },
      { serverId: 's2', before: {}, after: {} },
    ]);
    expect(impact.summary).toEqual({
      servers: 2,
      serversChanged: 2,
      added: 2,
      removed: 0,
      changed: 0,
    });
    expect(formatPlan(impact, (id) => `"${id}"`)).toBe(
      [
        'server "s1":',
        '  + Deny (mandatory, priority 100)',
        'server "s2":',
        '  + Deny (mandatory, priority 100)',
        'Plan: 2 to add, 0 to change, 0 to remove on 2 of 2 servers.',
      ].join('\n'),
    );
  });
});
