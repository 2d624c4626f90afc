import {
  newLevelPlugin,
  newMandatoryPlugin,
  newPluginSetting,
} from '../../../testing/factories';
import { groupOf, groupPlugins } from './plugin-groups.util';

describe('groupOf', () => {
  it('groups by where the state comes from', () => {
    expect(groupOf(newMandatoryPlugin())).toBe('mandatory');
    expect(groupOf(newLevelPlugin({ origin: 'global', enabled: true }))).toBe(
      'global',
    );
    expect(groupOf(newLevelPlugin({ origin: 'team', enabled: true }))).toBe(
      'team',
    );
    expect(groupOf(newLevelPlugin({ origin: 'user', enabled: true }))).toBe(
      'mine',
    );
    expect(groupOf(newLevelPlugin())).toBe('available');
  });

  it('keeps a team default I adjusted under team defaults', () => {
    const adjusted = newLevelPlugin({
      origin: 'team',
      enabled: true,
      setting: newPluginSetting({ level: 'user' }),
    });
    expect(groupOf(adjusted)).toBe('team');
  });

  it('counts a plugin I switched off myself as mine', () => {
    const off = newLevelPlugin({
      setting: newPluginSetting({ level: 'user', enabled: false }),
    });
    expect(groupOf(off)).toBe('mine');
  });
});

describe('groupPlugins', () => {
  it('orders Mandatory > Team defaults > Mine, then what is available', () => {
    const mandatory = newMandatoryPlugin({ name: 'AuditLoggerPlugin' });
    const team = newLevelPlugin({ name: 'RegexFilterPlugin', origin: 'team' });
    const available = newLevelPlugin({ name: 'DenyFilterPlugin' });

    const groups = groupPlugins([available, team, mandatory]);

    expect(groups.map((g) => [g.title, g.plugins.map((p) => p.name)])).toEqual([
      ['Mandatory', ['AuditLoggerPlugin']],
      ['Team defaults', ['RegexFilterPlugin']],
      ['Mine', []],
      ['Available', ['DenyFilterPlugin']],
    ]);
  });
});
