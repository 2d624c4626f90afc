import {
  newRegistryEntry,
  newSettingRow,
} from '../testing/governance.factories';
import { resolveChain } from './resolve';

const RBAC = { rbacEnabled: true };

describe('resolveChain', () => {
  it('starts from the registry: mandatory and globally enabled plugins, default config and priority', () => {
    const registry = [
      newRegistryEntry('Optional', { priority: 5 }),
      newRegistryEntry('Global', {
        enabledGlobally: true,
        priority: 20,
        defaultConfig: { a: 1 },
      }),
      newRegistryEntry('Mandatory', { mandatory: true, priority: 20 }),
    ];
    const { chain, degraded, ignored } = resolveChain(registry, {}, RBAC);
    expect(chain.map((e) => [e.name, e.level, e.priority])).toEqual([
      ['Mandatory', 'mandatory', 20],
      ['Global', 'global', 20],
    ]);
    expect(chain[1]).toMatchObject({
      enabled: true,
      config: { a: 1 },
      configSources: { a: 'global' },
      overriddenBy: [],
    });
    expect(degraded).toBe(false);
    expect(ignored).toEqual([]);
  });

  it('ignores enabled: false and priority on a mandatory plugin but merges its config where allowed', () => {
    const registry = [
      newRegistryEntry('M', {
        mandatory: true,
        priority: 1,
        defaultConfig: { p: ['x'] },
        allowUserOverride: false,
      }),
    ];
    const result = resolveChain(
      registry,
      {
        team: [
          newSettingRow('team', 'M', {
            enabled: false,
            priority: 99,
            config: { p: ['team'] },
          }),
        ],
        user: [newSettingRow('user', 'M', { config: { p: ['user'] } })],
      },
      RBAC,
    );
    expect(result.chain).toEqual([
      expect.objectContaining({
        name: 'M',
        priority: 1,
        config: { p: ['x', 'team'] },
        overriddenBy: ['team'],
      }),
    ]);
    expect(result.ignored.map((i) => [i.level, i.code])).toEqual([
      ['team', 'MANDATORY_PLUGIN'],
      ['user', 'OVERRIDE_NOT_ALLOWED'],
    ]);
    expect(result.ignored[0]?.reason).toBe(
      'M is mandatory: enabled: false and priority ignored, config applied',
    );
  });

  it('applies an optional row over a higher level only with allow_L_override', () => {
    const registry = [
      newRegistryEntry('G', {
        enabledGlobally: true,
        allowTeamOverride: false,
        priority: 10,
      }),
      newRegistryEntry('T', { allowUserOverride: false }),
    ];
    const result = resolveChain(
      registry,
      {
        team: [
          newSettingRow('team', 'G', { enabled: false }),
          newSettingRow('team', 'T', { config: { k: 1 } }),
        ],
        user: [newSettingRow('user', 'T', { enabled: false })],
      },
      RBAC,
    );
    expect(result.chain.map((e) => [e.name, e.level, e.priority])).toEqual([
      ['G', 'global', 10],
      ['T', 'team', 50],
    ]);
    expect(result.ignored).toEqual([
      {
        level: 'team',
        pluginName: 'G',
        code: 'OVERRIDE_NOT_ALLOWED',
        reason:
          'G is set at the global level and does not allow team overrides',
      },
      {
        level: 'user',
        pluginName: 'T',
        code: 'OVERRIDE_NOT_ALLOWED',
        reason: 'T is set at the team level and does not allow user overrides',
      },
    ]);
  });

  it('gives a plugin first enabled at a level that level as origin and default priority', () => {
    const registry = ['A', 'B', 'C'].map((n) => newRegistryEntry(n));
    const { chain } = resolveChain(
      registry,
      {
        team: [newSettingRow('team', 'A')],
        user: [newSettingRow('user', 'B')],
        server: [
          newSettingRow('server', 'C'),
          newSettingRow('server', 'A', { priority: 80 }),
        ],
      },
      RBAC,
    );
    expect(
      chain.map((e) => [e.name, e.level, e.priority, e.overriddenBy]),
    ).toEqual([
      ['B', 'user', 60, []],
      ['C', 'server', 70, []],
      ['A', 'team', 80, ['server']],
    ]);
  });

  it('breaks priority ties by level rank, then name', () => {
    const registry = [
      newRegistryEntry('Zeta', { mandatory: true, priority: 50 }),
      newRegistryEntry('Beta', { priority: 50 }),
      newRegistryEntry('Alpha', { priority: 50 }),
      newRegistryEntry('Gamma', { enabledGlobally: true, priority: 50 }),
    ];
    const { chain } = resolveChain(
      registry,
      {
        team: [newSettingRow('team', 'Beta')],
        user: [newSettingRow('user', 'Alpha', { priority: 50 })],
      },
      RBAC,
    );
    expect(chain.map((e) => e.name)).toEqual([
      'Zeta',
      'Gamma',
      'Beta',
      'Alpha',
    ]);
  });

  it('records which level set each top-level key, and restarts from the registry without inherit', () => {
    const registry = [
      newRegistryEntry('R', { defaultConfig: { base: 1, list: ['d'] } }),
    ];
    const team = [
      newSettingRow('team', 'R', { config: { list: ['t'], teamKey: true } }),
    ];
    const inherit = resolveChain(
      registry,
      { team, user: [newSettingRow('user', 'R', { config: { list: ['u'] } })] },
      RBAC,
    );
    expect(inherit.chain[0]?.config).toEqual({
      base: 1,
      list: ['d', 't', 'u'],
      teamKey: true,
    });
    expect(inherit.chain[0]?.configSources).toEqual({
      base: 'global',
      list: 'user',
      teamKey: 'team',
    });
    const replace = resolveChain(
      registry,
      {
        team,
        user: [
          newSettingRow('user', 'R', {
            config: { list: ['u'] },
            inheritConfig: false,
          }),
        ],
      },
      RBAC,
    );
    expect(replace.chain[0]?.config).toEqual({ base: 1, list: ['d', 'u'] });
    expect(replace.chain[0]?.configSources).toEqual({
      base: 'global',
      list: 'user',
    });
  });

  it('lists rows for unknown plugins and duplicate rows as ignored', () => {
    const { ignored } = resolveChain(
      [newRegistryEntry('A')],
      {
        team: [
          newSettingRow('team', 'Ghost'),
          newSettingRow('team', 'A'),
          newSettingRow('team', 'A', { enabled: false }),
        ],
      },
      RBAC,
    );
    expect(ignored.map((i) => [i.pluginName, i.code])).toEqual([
      ['A', 'DUPLICATE_ROW'],
      ['Ghost', 'PLUGIN_NOT_FOUND'],
    ]);
  });

  it('applies only the registry when plugin RBAC is off', () => {
    const registry = [
      newRegistryEntry('M', { mandatory: true }),
      newRegistryEntry('O'),
    ];
    const result = resolveChain(
      registry,
      {
        team: [newSettingRow('team', 'O')],
        server: [newSettingRow('server', 'M', { config: { x: 1 } })],
      },
      { rbacEnabled: false },
    );
    expect(result.chain.map((e) => [e.name, e.config])).toEqual([['M', {}]]);
    expect(result.ignored.map((i) => i.code)).toEqual([
      'RBAC_DISABLED',
      'RBAC_DISABLED',
    ]);
  });

  it('does not hand out the registry default config object', () => {
    const registry = [
      newRegistryEntry('G', {
        enabledGlobally: true,
        defaultConfig: { list: [1] },
      }),
    ];
    const [entry] = resolveChain(registry, {}, RBAC).chain;
    (entry?.config['list'] as number[]).push(2);
    expect(registry[0]?.defaultConfig).toEqual({ list: [1] });
  });
});
