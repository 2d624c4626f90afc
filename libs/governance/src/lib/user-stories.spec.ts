/** The epic's user stories US-1 to US-3, replayed against the rules. */
import { newSettingRow } from '../testing/governance.factories';
import {
  RBAC,
  alice,
  epicRegistry,
  names,
  write,
} from '../testing/epic.fixtures';
import type { Layers } from './registry.model';
import { resolveChain } from './resolve';
import { checkSettingWrite } from './write-checks';

describe('US-1 mandatory global plugins', () => {
  it('runs mandatory plugins on every server, first and in priority order, whatever the rows say', () => {
    const layers: Layers = {
      team: [newSettingRow('team', 'AuditLoggerPlugin', { enabled: false })],
      user: [
        newSettingRow('user', 'PIIFilterPlugin', {
          enabled: false,
          priority: 99,
        }),
      ],
      server: [newSettingRow('server', 'RegexFilterPlugin', { priority: 0 })],
    };
    const { chain } = resolveChain(epicRegistry(), layers, RBAC);
    expect(
      chain.filter((e) => e.level === 'mandatory').map((e) => e.name),
    ).toEqual(['AuditLoggerPlugin', 'PIIFilterPlugin']);
    expect(names({})).toEqual(['AuditLoggerPlugin', 'PIIFilterPlugin']);
  });

  it('does not enable optional plugins by default, and refuses to disable a mandatory one', () => {
    expect(names({})).not.toContain('RegexFilterPlugin');
    const result = write({
      level: 'team',
      pluginName: 'PIIFilterPlugin',
      row: { enabled: false },
    });
    expect(result).toMatchObject({
      ok: false,
      status: 409,
      code: 'MANDATORY_PLUGIN',
    });
  });
});

describe('US-2 team-level plugins', () => {
  const teamRow = newSettingRow('team', 'RegexFilterPlugin', {
    config: { blocked_patterns: ['internal-regex-123', 'proprietary-term'] },
  });

  it("shows a team's plugin on the team's servers as a team default, and not on other teams' servers", () => {
    const engineering = resolveChain(epicRegistry(), { team: [teamRow] }, RBAC);
    expect(
      engineering.chain.find((e) => e.name === 'RegexFilterPlugin'),
    ).toMatchObject({
      level: 'team',
      priority: 50,
      config: { blocked_patterns: ['internal-regex-123', 'proprietary-term'] },
    });
    expect(names({ team: [] })).not.toContain('RegexFilterPlugin');
  });

  it('lets the team owner enable an available plugin, and not one reserved to platform admins', () => {
    expect(
      write({
        level: 'team',
        pluginName: 'RegexFilterPlugin',
        row: { enabled: true, config: teamRow.config },
      }),
    ).toMatchObject({
      ok: true,
      upserts: [teamRow],
    });
    expect(
      write({
        level: 'team',
        pluginName: 'CustomMetricsPlugin',
        row: { enabled: true },
      }),
    ).toMatchObject({
      ok: false,
      status: 403,
      code: 'PLUGIN_NOT_AVAILABLE',
      detail: 'CustomMetricsPlugin is not available for teams',
    });
    const asAdmin = write({
      level: 'team',
      pluginName: 'CustomMetricsPlugin',
      row: { enabled: true },
      actor: { isPlatformAdmin: true },
    });
    expect(asAdmin.ok).toBe(true);
  });
});

describe('US-3 personal plugin preferences', () => {
  const registry = epicRegistry({
    RegexFilterPlugin: {
      defaultConfig: { blocked_patterns: ['registry-default'] },
    },
  });
  const team = [
    newSettingRow('team', 'RegexFilterPlugin', {
      config: { blocked_patterns: ['team-pattern'] },
    }),
  ];

  it('merges my patterns with the team ones when I inherit the team config', () => {
    const user = [
      newSettingRow('user', 'RegexFilterPlugin', {
        config: { blocked_patterns: ['my-personal-pattern'] },
      }),
    ];
    const entry = resolveChain(registry, { team, user }, RBAC).chain.find(
      (e) => e.name === 'RegexFilterPlugin',
    );
    expect(entry?.config).toEqual({
      blocked_patterns: [
        'registry-default',
        'team-pattern',
        'my-personal-pattern',
      ],
    });
    expect(entry?.overriddenBy).toEqual(['user']);
  });

  it('replaces the team config, keeping the registry defaults, when I do not inherit', () => {
    const user = [
      newSettingRow('user', 'RegexFilterPlugin', {
        config: { blocked_patterns: ['my-personal-pattern'] },
        inheritConfig: false,
      }),
    ];
    const entry = resolveChain(registry, { team, user }, RBAC).chain.find(
      (e) => e.name === 'RegexFilterPlugin',
    );
    expect(entry?.config).toEqual({
      blocked_patterns: ['registry-default', 'my-personal-pattern'],
    });
  });

  it('gives a new server mandatory plugins, team defaults and my preferences', () => {
    const user = [newSettingRow('user', 'ResourceFilterPlugin')];
    expect(names({ team, user, server: [] }, registry)).toEqual([
      'AuditLoggerPlugin',
      'PIIFilterPlugin',
      'RegexFilterPlugin',
      'ResourceFilterPlugin',
    ]);
  });

  it('refuses my row when customization is off, or when the team plugin does not allow user overrides', () => {
    const row = { enabled: true, config: { blocked_patterns: ['mine'] } };
    expect(
      write({
        level: 'user',
        pluginName: 'RegexFilterPlugin',
        row,
        actor: { isPlatformAdmin: false, userCustomizationAllowed: false },
      }),
    ).toMatchObject({
      ok: false,
      status: 403,
      code: 'USER_CUSTOMIZATION_DISABLED',
    });
    const locked = checkSettingWrite({
      registry: epicRegistry({
        RegexFilterPlugin: { allowUserOverride: false },
      }),
      level: 'user',
      pluginName: 'RegexFilterPlugin',
      row,
      actor: alice,
      template: { team, user: [] },
    });
    expect(locked).toMatchObject({
      ok: false,
      status: 409,
      code: 'OVERRIDE_NOT_ALLOWED',
      detail:
        'RegexFilterPlugin is set at the team level and does not allow user overrides',
    });
  });
});
