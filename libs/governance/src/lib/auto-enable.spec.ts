import {
  newRegistryEntry,
  newSettingRow,
} from '../testing/governance.factories';
import { autoEnableBlockers, autoEnabledRow } from './auto-enable';
import { indexRegistry } from './validity';
import type { WriteChainContext } from './write-chain-checks';

function context(
  overrides: Partial<WriteChainContext> = {},
): WriteChainContext {
  return {
    index: indexRegistry([
      newRegistryEntry('Cache', { requires: ['Auth'] }),
      newRegistryEntry('Auth', { allowUserOverride: false }),
      newRegistryEntry('Admins', { availableForUsers: false }),
      newRegistryEntry('M', { mandatory: true }),
    ]),
    level: 'user',
    pluginName: 'Cache',
    change: newSettingRow('user', 'Cache'),
    actor: { isPlatformAdmin: false },
    template: {},
    servers: [],
    autoEnable: true,
    ...overrides,
  };
}

describe('autoEnableBlockers', () => {
  it('says why each plugin may not be switched on at the level', () => {
    const blockers = autoEnableBlockers(context());
    expect(blockers('Auth')).toBeNull();
    expect(blockers('Gone')).toBe('Gone is not in the plugin registry');
    expect(blockers('M')).toBe('M is mandatory');
    expect(blockers('Admins')).toBe('Admins is not available for users');
    expect(
      autoEnableBlockers(context({ actor: { isPlatformAdmin: true } }))(
        'Admins',
      ),
    ).toBeNull();
  });

  it('refuses what the write disables, and what a higher level set without the override flag', () => {
    expect(autoEnableBlockers(context({ change: null }))('Cache')).toBe(
      'this write disables Cache',
    );
    const teamSetAuth = context({
      template: { team: [newSettingRow('team', 'Auth', { enabled: false })] },
    });
    expect(autoEnableBlockers(teamSetAuth)('Auth')).toBe(
      'Auth does not allow user overrides',
    );
  });
});

describe('autoEnabledRow', () => {
  it("switches on the entity's own row, or creates an enable-only one", () => {
    const own = newSettingRow('user', 'Auth', {
      enabled: false,
      config: { k: 1 },
      priority: 3,
    });
    expect(
      autoEnabledRow(context({ template: { user: [own] } }), 'Auth'),
    ).toEqual({ ...own, enabled: true });
    expect(autoEnabledRow(context(), 'Auth')).toEqual(
      newSettingRow('user', 'Auth'),
    );
  });
});
