import { newRegistryEntry } from '../testing/governance.factories';
import { checkRegistryConsistency } from './registry-rules';

describe('checkRegistryConsistency', () => {
  it('accepts a consistent registry', () => {
    expect(
      checkRegistryConsistency([
        newRegistryEntry('M', { mandatory: true, requires: ['M2'] }),
        newRegistryEntry('M2', { mandatory: true }),
        newRegistryEntry('Cache', { requires: ['Auth'], conflictsWith: ['M'] }),
        newRegistryEntry('Auth'),
      ]),
    ).toEqual([]);
  });

  it('reports each rule with the entry, the field and the item', () => {
    const issues = checkRegistryConsistency([
      newRegistryEntry('A', {
        requires: ['A', 'Ghost', 'B'],
        conflictsWith: ['B', 'A'],
      }),
      newRegistryEntry('M', {
        mandatory: true,
        enabledGlobally: false,
        requires: ['C'],
        conflictsWith: ['N'],
      }),
      newRegistryEntry('N', { mandatory: true }),
      newRegistryEntry('B'),
      newRegistryEntry('C', { conflictsWith: ['M'] }),
      newRegistryEntry('B'),
    ]);
    expect(
      issues.map((i) => [i.entryIndex, i.field, i.itemIndex, i.message]),
    ).toEqual([
      [5, 'name', undefined, 'duplicate plugin name B'],
      [0, 'requires', 0, 'A cannot require itself'],
      [0, 'requires', 1, 'requires unknown plugin Ghost'],
      [0, 'requires', 2, 'B is both required and conflicting'],
      [0, 'conflicts_with', 1, 'A cannot conflict with itself'],
      [
        1,
        'enabled_globally',
        undefined,
        'a mandatory plugin is always enabled globally',
      ],
      [
        1,
        'requires',
        0,
        'mandatory plugin M requires C, which is not mandatory',
      ],
      [1, 'requires', 0, 'requires C, which conflicts with M'],
      [
        1,
        'conflicts_with',
        0,
        'mandatory plugins M and N conflict with each other',
      ],
    ]);
  });
});
