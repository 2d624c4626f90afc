import {
  newLevelPlugin,
  newMandatoryPlugin,
  newPluginSetting,
  newServerChainEntry,
} from '../../../../testing/factories';
import { addablePlugins, configKeys, serverRows } from './chain-view.util';

describe('configKeys', () => {
  it('lists each top-level key with its value and who set it', () => {
    const entry = newServerChainEntry({
      config: { blocked_patterns: ['a', 'b'], mode: 'strict', extra: null },
      configSources: { blocked_patterns: 'team', mode: 'global' },
    });

    expect(configKeys(entry)).toEqual([
      { key: 'blocked_patterns', value: '["a","b"]', source: 'team' },
      { key: 'mode', value: '"strict"', source: 'platform default' },
      { key: 'extra', value: 'null', source: null },
    ]);
  });
});

describe('server rows', () => {
  const own = newLevelPlugin({
    name: 'DenyFilterPlugin',
    setting: newPluginSetting({ level: 'server' }),
  });
  const free = newLevelPlugin({ name: 'RegexFilterPlugin' });
  const locked = newMandatoryPlugin({ name: 'AuditLoggerPlugin' });

  it('shows the server rows and the plugin being added', () => {
    expect(serverRows([own, free, locked], null)).toEqual([own]);
    expect(serverRows([own, free, locked], 'RegexFilterPlugin')).toEqual([
      own,
      free,
    ]);
  });

  it('offers to add only configurable plugins without a row', () => {
    expect(addablePlugins([own, free, locked])).toEqual([free]);
  });
});
