import {
  FIELD_ORDER,
  readField,
  registryDefaults,
} from './registry-yaml-fields';

describe('registry YAML fields', () => {
  it('lists exactly the SPEC fields plus mode', () => {
    expect([...FIELD_ORDER].sort()).toEqual(
      [
        'name',
        'kind',
        'version',
        'description',
        'mandatory',
        'enabled_globally',
        'available_for_teams',
        'available_for_users',
        'allow_team_override',
        'allow_user_override',
        'allow_server_override',
        'requires',
        'conflicts_with',
        'priority',
        'config',
        'mode',
      ].sort(),
    );
  });

  it('reads valid values into the entry and keeps defaults on invalid ones', () => {
    const entry = registryDefaults();
    expect(readField(entry, 'allow_user_override', false)).toEqual([]);
    expect(readField(entry, 'config', { a: 1 })).toEqual([]);
    expect(readField(entry, 'priority', 2.5)).toEqual([
      { message: 'must be an integer' },
    ]);
    expect(readField(entry, 'requires', ['A', 'A', ''])).toEqual([
      { index: 1, message: 'A is listed twice' },
      { index: 2, message: 'must be a plugin name' },
    ]);
    expect(readField(entry, 'kind', ' ')).toEqual([
      { message: 'must not be empty' },
    ]);
    expect(entry).toMatchObject({
      allowUserOverride: false,
      defaultConfig: { a: 1 },
      priority: 100,
      requires: ['A'],
      kind: '',
    });
  });
});
