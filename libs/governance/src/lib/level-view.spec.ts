import { describeLevelPlugins } from './level-view';
import { newRegistryEntry, newSettingRow } from '../testing/governance.factories';

const registry = [
  newRegistryEntry('AuditLoggerPlugin', { mandatory: true, enabledGlobally: true, priority: 1, allowTeamOverride: true, allowUserOverride: false }),
  newRegistryEntry('RegexFilterPlugin', { availableForTeams: true, priority: 10 }),
  newRegistryEntry('CustomMetricsPlugin', { availableForTeams: false, availableForUsers: false, priority: 90 }),
  newRegistryEntry('LockedPlugin', { enabledGlobally: true, allowTeamOverride: false, priority: 20 }),
];
const owner = { isPlatformAdmin: false, mayWrite: true };

describe('describeLevelPlugins', () => {
  it('badges plugins by origin and explains what a team owner may not change (US-2)', () => {
    const team = [newSettingRow('team', 'RegexFilterPlugin', { config: { blocked_patterns: ['x'] } })];
    const view = describeLevelPlugins(registry, 'team', { team }, owner, { rbacEnabled: true });
    const by = new Map(view.map((v) => [v.name, v]));
    expect(by.get('AuditLoggerPlugin')).toMatchObject({ badge: 'MANDATORY', enabled: true, canToggle: false, canConfigure: true });
    expect(by.get('RegexFilterPlugin')).toMatchObject({ badge: 'TEAM DEFAULT', enabled: true, canToggle: true, config: { blocked_patterns: ['x'] } });
    expect(by.get('CustomMetricsPlugin')).toMatchObject({ enabled: false, canToggle: false, reason: 'Not available for teams (platform policy)' });
    expect(by.get('LockedPlugin')).toMatchObject({ badge: 'GLOBAL DEFAULT', canToggle: false });
    expect(by.get('LockedPlugin')?.reason).toMatch(/does not allow team overrides/);
  });

  it('lets a platform admin use plugins that are not available to teams', () => {
    const view = describeLevelPlugins(registry, 'team', {}, { isPlatformAdmin: true, mayWrite: true }, { rbacEnabled: true });
    expect(view.find((v) => v.name === 'CustomMetricsPlugin')).toMatchObject({ canToggle: true, reason: null });
  });

  it('makes everything read-only for a reader and when user customization is off', () => {
    const reader = describeLevelPlugins(registry, 'team', {}, { isPlatformAdmin: false, mayWrite: false }, { rbacEnabled: true });
    expect(reader.every((v) => !v.canToggle && !v.canConfigure)).toBe(true);
    const user = describeLevelPlugins(registry, 'user', {}, { ...owner, userCustomizationAllowed: false }, { rbacEnabled: true });
    expect(user.every((v) => !v.canToggle && v.reason === 'Plugin customization is turned off for you')).toBe(true);
  });
});
