import { newSettingRow } from '../testing/governance.factories';
import {
  check,
  member,
  registry,
  rejected,
} from '../testing/write-check.fixtures';
import { checkSettingWrite } from './write-checks';

describe('checkSettingWrite on chains', () => {
  describe('chains', () => {
    it("checks every affected server, naming it, and not only the level's template", () => {
      const result = rejected(
        check({
          level: 'team',
          pluginName: 'X',
          row: { enabled: true },
          template: { team: [] },
          affectedServers: [
            { serverId: 'ok', layers: { team: [] } },
            {
              serverId: 'clash',
              layers: { team: [], server: [newSettingRow('server', 'Y')] },
            },
          ],
        }),
      );
      expect(result).toMatchObject({
        status: 409,
        code: 'PLUGIN_CONFLICT',
        detail: 'X conflicts with Y on server clash',
      });
      expect(result.problems?.map((p) => [p.scope, p.serverId])).toEqual([
        ['server', 'clash'],
      ]);
    });

    it('does not let a problem that existed before block an unrelated write', () => {
      const before = {
        team: [newSettingRow('team', 'X'), newSettingRow('team', 'Y')],
      };
      expect(
        check({
          level: 'team',
          pluginName: 'C',
          row: { enabled: true },
          template: before,
        }).ok,
      ).toBe(true);
    });

    it('rejects deleting or disabling a requirement, and never re-enables it automatically', () => {
      const template = {
        team: [newSettingRow('team', 'B'), newSettingRow('team', 'C')],
      };
      for (const row of [null, { enabled: false }]) {
        const result = rejected(
          check({
            level: 'team',
            pluginName: 'C',
            row,
            template,
            autoEnableRequirements: true,
          }),
        );
        expect(result.detail).toBe('B requires C to be enabled');
        expect(result.suggestions[0]).toBe(
          'C cannot be enabled here: this write disables C',
        );
      }
    });

    it('enables missing requirements recursively at the same level when asked', () => {
      const result = check({
        level: 'team',
        pluginName: 'A',
        row: { enabled: true },
        autoEnableRequirements: true,
      });
      expect(result).toMatchObject({ ok: true, autoEnabled: ['B', 'C'] });
      expect(
        result.ok && result.plan.template.after.map((e) => e.name),
      ).toEqual(['Mandatory', 'A', 'B', 'C', 'Global']);
    });

    it('switches on an existing disabled row, keeping its config', () => {
      const template = {
        team: [
          newSettingRow('team', 'B', {
            enabled: false,
            config: { keep: true },
          }),
          newSettingRow('team', 'C'),
        ],
      };
      const result = check({
        level: 'team',
        pluginName: 'A',
        row: { enabled: true },
        template,
        autoEnableRequirements: true,
      });
      expect(result.ok && result.upserts[1]).toEqual(
        newSettingRow('team', 'B', { config: { keep: true } }),
      );
    });

    it('does not enable a requirement the actor may not enable, and says why', () => {
      const result = rejected(
        checkSettingWrite({
          registry: registry({ C: { availableForUsers: false } }),
          level: 'user',
          pluginName: 'B',
          row: { enabled: true },
          actor: member,
          template: {},
          autoEnableRequirements: true,
        }),
      );
      expect(result.code).toBe('PLUGIN_REQUIREMENT_MISSING');
      expect(result.suggestions).toContain(
        'C cannot be enabled here: C is not available for users',
      );
    });
  });

  describe('accepted writes', () => {
    it('returns the row to store, and a plan for the template and each affected server', () => {
      const result = check({
        level: 'team',
        pluginName: 'C',
        row: { enabled: true, priority: 7 },
        template: { team: [] },
        affectedServers: [
          {
            serverId: 's1',
            layers: {
              team: [],
              server: [newSettingRow('server', 'C', { enabled: false })],
            },
          },
        ],
      });
      if (!result.ok) throw new Error(result.detail);
      expect(result.upserts).toEqual([
        newSettingRow('team', 'C', { priority: 7 }),
      ]);
      expect(result.deletes).toEqual([]);
      expect(
        result.plan.template.changes.find((c) => c.plugin === 'C')?.change,
      ).toBe('added');
      expect(result.plan.servers).toHaveLength(1);
      expect(
        result.plan.servers[0]?.changes.every((c) => c.change === 'unchanged'),
      ).toBe(true);
    });
  });
});
