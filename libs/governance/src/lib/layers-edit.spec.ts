import { newSettingRow } from '../testing/governance.factories';
import {
  findRow,
  layersAbove,
  layersDownTo,
  withRow,
  withoutRow,
} from './layers-edit';
import type { Layers } from './registry.model';

const layers: Layers = {
  team: [newSettingRow('team', 'A'), newSettingRow('team', 'B')],
  user: [newSettingRow('user', 'A')],
  server: [newSettingRow('server', 'C')],
};

describe('layer edits', () => {
  it('replaces or adds a row without touching the input', () => {
    const replaced = withRow(
      layers,
      newSettingRow('team', 'A', { enabled: false }),
    );
    expect(replaced.team?.map((r) => [r.pluginName, r.enabled])).toEqual([
      ['B', true],
      ['A', false],
    ]);
    expect(layers.team?.[0]?.enabled).toBe(true);
    expect(withRow({}, newSettingRow('user', 'Z')).user).toEqual([
      newSettingRow('user', 'Z'),
    ]);
  });

  it('removes a row', () => {
    expect(withoutRow(layers, 'team', 'A').team).toEqual([
      newSettingRow('team', 'B'),
    ]);
    expect(withoutRow({}, 'team', 'A')).toEqual({});
  });

  it('selects the levels above, or down to, a level', () => {
    expect(Object.keys(layersAbove(layers, 'team'))).toEqual([]);
    expect(Object.keys(layersAbove(layers, 'server'))).toEqual([
      'team',
      'user',
    ]);
    expect(Object.keys(layersDownTo(layers, 'user'))).toEqual(['team', 'user']);
    expect(findRow(layers, 'server', 'C')).toEqual(
      newSettingRow('server', 'C'),
    );
    expect(findRow(layers, 'server', 'A')).toBeUndefined();
  });
});
