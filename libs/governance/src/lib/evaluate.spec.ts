import {
  newRegistryEntry,
  newSettingRow,
} from '../testing/governance.factories';
import { evaluateLayers } from './evaluate';
import { evaluateChain } from './resolve';
import { indexRegistry } from './validity';

describe('evaluateLayers', () => {
  it('keeps the origin of a plugin a level switched off, so lower levels need the override flag', () => {
    const index = indexRegistry([
      newRegistryEntry('T'),
      newRegistryEntry('Never'),
    ]);
    const { states } = evaluateLayers(
      index,
      { team: [newSettingRow('team', 'T', { enabled: false })] },
      { rbacEnabled: true },
    );
    expect(states.get('T')).toMatchObject({
      enabled: false,
      origin: 'team',
      priority: 50,
    });
    expect(states.get('Never')).toMatchObject({ enabled: false, origin: null });
  });
});

describe('evaluateChain', () => {
  it('returns the chain as the rows make it, problems included, without repairing it', () => {
    const registry = [
      newRegistryEntry('Cache', { requires: ['Auth'] }),
      newRegistryEntry('Auth'),
    ];
    const result = evaluateChain(
      registry,
      { server: [newSettingRow('server', 'Cache')] },
      { rbacEnabled: true },
    );
    expect(result.chain.map((e) => e.name)).toEqual(['Cache']);
    expect(result.problems.map((p) => p.message)).toEqual([
      'Cache requires Auth to be enabled',
    ]);
  });
});
