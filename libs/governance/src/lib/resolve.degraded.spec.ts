import {
  newRegistryEntry,
  newSettingRow,
} from '../testing/governance.factories';
import { resolveChain } from './resolve';

const RBAC = { rbacEnabled: true };

describe('resolveChain', () => {
  describe('degraded chains (3.5)', () => {
    it('drops an optional plugin whose requirement is missing, and then what required it', () => {
      const registry = [
        newRegistryEntry('M', { mandatory: true }),
        newRegistryEntry('Auth', { requires: ['Gone'] }),
        newRegistryEntry('Cache', { requires: ['Auth'] }),
        newRegistryEntry('Other'),
      ];
      const layers = {
        team: ['Auth', 'Cache', 'Other'].map((n) => newSettingRow('team', n)),
      };
      const result = resolveChain(registry, layers, RBAC);
      expect(result.degraded).toBe(true);
      expect(result.chain.map((e) => e.name)).toEqual(['Other', 'M']);
      expect(result.dropped).toEqual(['Auth', 'Cache']);
      expect(result.problems.map((p) => p.message)).toEqual([
        'Auth requires Gone to be enabled',
        'Cache requires Auth to be enabled',
      ]);
    });

    it('keeps the mandatory side of a conflict and drops the optional one', () => {
      const registry = [
        newRegistryEntry('PIIFilterPlugin', {
          mandatory: true,
          conflictsWith: ['DenyFilterPlugin'],
        }),
        newRegistryEntry('DenyFilterPlugin'),
      ];
      const result = resolveChain(
        registry,
        { server: [newSettingRow('server', 'DenyFilterPlugin')] },
        RBAC,
      );
      expect(result.chain.map((e) => e.name)).toEqual(['PIIFilterPlugin']);
      expect(result.problems[0]?.message).toBe(
        'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)',
      );
    });

    it('keeps mandatory plugins even when they conflict with each other, reporting it', () => {
      const registry = [
        newRegistryEntry('M1', { mandatory: true, conflictsWith: ['M2'] }),
        newRegistryEntry('M2', { mandatory: true, requires: ['O'] }),
        newRegistryEntry('O'),
      ];
      const result = resolveChain(registry, {}, RBAC);
      expect(result.chain.map((e) => e.name)).toEqual(['M1', 'M2']);
      expect(result.degraded).toBe(true);
      expect(result.dropped).toEqual([]);
      expect(result.problems.map((p) => p.code)).toEqual([
        'PLUGIN_CONFLICT',
        'PLUGIN_REQUIREMENT_MISSING',
      ]);
    });
  });
});
