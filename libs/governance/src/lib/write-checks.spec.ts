import { newSettingRow } from '../testing/governance.factories';
import {
  admin,
  check,
  member,
  registry,
  rejected,
} from '../testing/write-check.fixtures';
import type { JsonObject } from './registry.model';
import { checkSettingWrite } from './write-checks';

describe('checkSettingWrite', () => {
  describe('the plugin and the actor', () => {
    it('answers 404 for a plugin not in the registry, but lets its orphan row be deleted', () => {
      expect(
        check({ level: 'team', pluginName: 'Nope', row: { enabled: true } }),
      ).toMatchObject({
        status: 404,
        code: 'PLUGIN_NOT_FOUND',
      });
      expect(
        check({
          level: 'team',
          pluginName: 'Nope',
          row: null,
          template: { team: [newSettingRow('team', 'Nope')] },
        }),
      ).toMatchObject({
        ok: true,
        deletes: ['Nope'],
      });
    });

    it('answers 403 for rows the level may not hold, except for platform admins and deletes', () => {
      expect(
        rejected(
          check({
            level: 'user',
            pluginName: 'TeamsOnly',
            row: { enabled: true },
          }),
        ).code,
      ).toBe('PLUGIN_NOT_AVAILABLE');
      expect(
        rejected(
          check({
            level: 'server',
            pluginName: 'TeamsOnly',
            row: { enabled: true },
          }),
        ).status,
      ).toBe(403);
      expect(
        check({
          level: 'team',
          pluginName: 'TeamsOnly',
          row: { enabled: true },
        }).ok,
      ).toBe(true);
      expect(
        check({
          level: 'team',
          pluginName: 'Hidden',
          row: { enabled: true },
          actor: admin,
        }).ok,
      ).toBe(true);
      expect(
        check({ level: 'user', pluginName: 'TeamsOnly', row: null }).ok,
      ).toBe(true);
    });

    it('answers 403 USER_CUSTOMIZATION_DISABLED for user rows only, admins exempt', () => {
      const off = { isPlatformAdmin: false, userCustomizationAllowed: false };
      expect(
        check({ level: 'user', pluginName: 'C', row: null, actor: off }),
      ).toMatchObject({
        status: 403,
        code: 'USER_CUSTOMIZATION_DISABLED',
      });
      expect(
        check({
          level: 'server',
          pluginName: 'C',
          row: { enabled: true },
          actor: off,
        }).ok,
      ).toBe(true);
      expect(
        check({
          level: 'user',
          pluginName: 'C',
          row: { enabled: true },
          actor: { ...off, isPlatformAdmin: true },
        }).ok,
      ).toBe(true);
    });

    it('answers 422 VALIDATION_FAILED for a priority that is not an integer', () => {
      expect(
        check({
          level: 'team',
          pluginName: 'C',
          row: { enabled: true, priority: 1.5 },
        }),
      ).toMatchObject({
        status: 422,
        code: 'VALIDATION_FAILED',
      });
    });
  });

  describe('mandatory plugins and overrides', () => {
    it('answers 409 MANDATORY_PLUGIN to disabling, or re-prioritising, a mandatory plugin', () => {
      expect(
        rejected(
          check({
            level: 'server',
            pluginName: 'Mandatory',
            row: { enabled: false },
          }),
        ).detail,
      ).toBe('Mandatory is mandatory and cannot be disabled');
      expect(
        rejected(
          check({
            level: 'team',
            pluginName: 'Mandatory',
            row: { enabled: true, priority: 5 },
          }),
        ).code,
      ).toBe('MANDATORY_PLUGIN');
    });

    it('accepts a config on a mandatory plugin where the level may override, and 409 where not', () => {
      expect(
        check({
          level: 'team',
          pluginName: 'Mandatory',
          row: { enabled: true, config: { k: 1 } },
        }).ok,
      ).toBe(true);
      expect(
        check({
          level: 'user',
          pluginName: 'Mandatory',
          row: { enabled: true, config: { k: 1 } },
        }),
      ).toMatchObject({
        status: 409,
        code: 'OVERRIDE_NOT_ALLOWED',
        detail: 'Mandatory is mandatory and does not allow user overrides',
      });
    });

    it('answers 409 to overriding an optional plugin already in effect from a higher level without the flag', () => {
      expect(
        rejected(
          check({
            level: 'team',
            pluginName: 'Global',
            row: { enabled: false },
          }),
        ).detail,
      ).toBe('Global is enabled globally and does not allow team overrides');
      // A team that switched it off still "set" it: resolution would ignore a user row too.
      const lockedAtTeam = registry({ C: { allowServerOverride: false } });
      const result = checkSettingWrite({
        registry: lockedAtTeam,
        level: 'server',
        pluginName: 'C',
        row: { enabled: true },
        actor: member,
        template: {
          team: [newSettingRow('team', 'C', { enabled: false })],
          user: [],
          server: [],
        },
      });
      expect(rejected(result).detail).toBe(
        'C is set at the team level and does not allow server overrides',
      );
    });

    it('lets a level enable an optional plugin nobody above set, whatever its override flag', () => {
      const result = checkSettingWrite({
        registry: registry({ C: { allowTeamOverride: false } }),
        level: 'team',
        pluginName: 'C',
        row: { enabled: true },
        actor: member,
        template: {},
      });
      expect(result.ok).toBe(true);
    });
  });

  describe('configs', () => {
    it('validates the row as a partial: types checked, required ignored', () => {
      expect(
        check({
          level: 'team',
          pluginName: 'Regex',
          row: { enabled: false, config: { mode: 'all' } },
        }).ok,
      ).toBe(true);
      const bad = rejected(
        check({
          level: 'team',
          pluginName: 'Regex',
          row: { enabled: true, config: { blocked_patterns: [3] } },
        }),
      );
      expect(bad).toMatchObject({
        status: 422,
        code: 'CONFIG_INVALID',
        detail: 'Regex config is invalid: /blocked_patterns/0 must be string',
      });
      expect(bad.errors).toEqual([
        {
          scope: 'row',
          pluginName: 'Regex',
          pointer: '/blocked_patterns/0',
          keyword: 'type',
          message: 'must be string',
        },
      ]);
    });

    it('validates the effective config of every affected chain where it changed', () => {
      const result = rejected(
        check({
          level: 'team',
          pluginName: 'Regex',
          row: { enabled: true, config: { mode: 'all' } },
          affectedServers: [{ serverId: 's1', layers: {} }],
        }),
      );
      expect(result.detail).toBe(
        'Regex effective config in the template chain is invalid: /blocked_patterns is required',
      );
      expect(
        result.errors?.map((e) => [e.scope, e.serverId, e.pointer]),
      ).toEqual([
        ['template', undefined, '/blocked_patterns'],
        ['server', 's1', '/blocked_patterns'],
      ]);
      const complete = check({
        level: 'team',
        pluginName: 'Regex',
        row: { enabled: true, config: { blocked_patterns: ['x'] } },
      });
      expect(complete.ok).toBe(true);
    });

    it('rejects forbidden keys, deep nesting and configs over 64 KiB with 422', () => {
      const hostile = JSON.parse(
        '{"__proto__": {"admin": true}}',
      ) as JsonObject;
      expect(
        rejected(
          check({
            level: 'team',
            pluginName: 'C',
            row: { enabled: true, config: hostile },
          }),
        ).errors?.[0],
      ).toMatchObject({
        pointer: '/__proto__',
        keyword: 'forbiddenKey',
      });
      let deep: JsonObject = {};
      for (let i = 0; i < 20; i++) deep = { d: deep };
      expect(
        rejected(
          check({
            level: 'team',
            pluginName: 'C',
            row: { enabled: true, config: deep },
          }),
        ).code,
      ).toBe('CONFIG_INVALID');
      const big = { blob: 'x'.repeat(70_000) };
      expect(
        rejected(
          check({
            level: 'team',
            pluginName: 'C',
            row: { enabled: true, config: big },
          }),
        ).errors?.[0]?.keyword,
      ).toBe('maxBytes');
    });
  });
});
