/** The epic's user stories US-4 and US-6 (servers, conflicts, requirements), replayed. */
import { newSettingRow } from '../testing/governance.factories';
import {
  RBAC,
  teamOwner,
  alice,
  epicRegistry,
  names,
  write,
} from '../testing/epic.fixtures';
import type { Layers } from './registry.model';
import { resolveChain } from './resolve';
import { checkNewServerChain } from './server-creation';
import { checkSettingWrite } from './write-checks';
import type { SettingWriteInput } from './write-check.types';

describe('US-4 server-specific plugins', () => {
  const team = [newSettingRow('team', 'RegexFilterPlugin')];
  const user = [newSettingRow('user', 'ResourceFilterPlugin')];
  const production: Layers = {
    team,
    user,
    server: [
      newSettingRow('server', 'DenyFilterPlugin', {
        config: { blocked_tools: ['dangerous-delete-tool'] },
      }),
    ],
  };
  const devTools: Layers = {
    team,
    user,
    server: [
      newSettingRow('server', 'ResourceFilterPlugin', { enabled: false }),
    ],
  };
  const externalApi: Layers = { team, user, server: [] };

  it('shows the inheritance chain with the server plugin last, on that server only', () => {
    const chain = resolveChain(epicRegistry(), production, RBAC).chain;
    expect(chain.map((e) => [e.name, e.level])).toEqual([
      ['AuditLoggerPlugin', 'mandatory'],
      ['PIIFilterPlugin', 'mandatory'],
      ['RegexFilterPlugin', 'team'],
      ['ResourceFilterPlugin', 'user'],
      ['DenyFilterPlugin', 'server'],
    ]);
    expect(chain[4]?.config).toEqual({
      blocked_tools: ['dangerous-delete-tool'],
    });
    expect(names(externalApi)).not.toContain('DenyFilterPlugin');
  });

  it('disables a user default on one server only', () => {
    expect(names(devTools)).toEqual([
      'AuditLoggerPlugin',
      'PIIFilterPlugin',
      'RegexFilterPlugin',
    ]);
    expect(names(externalApi)).toContain('ResourceFilterPlugin');
    const accepted = write({
      level: 'server',
      pluginName: 'ResourceFilterPlugin',
      row: { enabled: false },
      actor: alice,
      template: externalApi,
    });
    expect(
      accepted.ok &&
        accepted.plan.template.changes.find(
          (c) => c.plugin === 'ResourceFilterPlugin',
        ),
    ).toEqual({
      plugin: 'ResourceFilterPlugin',
      change: 'removed',
      fields: [],
    });
  });
});

describe('US-6 conflicts and requirements', () => {
  const registry = epicRegistry({
    PIIFilterPlugin: { conflictsWith: ['DenyFilterPlugin'] },
  });

  it('blocks enabling DenyFilterPlugin next to the mandatory PIIFilterPlugin, with the exact message', () => {
    const result = checkSettingWrite({
      registry,
      level: 'team',
      pluginName: 'DenyFilterPlugin',
      row: { enabled: true },
      actor: teamOwner,
      template: { team: [] },
    });
    expect(result).toMatchObject({
      ok: false,
      status: 409,
      code: 'PLUGIN_CONFLICT',
      detail: 'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)',
    });
    expect(!result.ok && result.suggestions).toContain(
      'Keep DenyFilterPlugin disabled: PIIFilterPlugin is mandatory and cannot be disabled',
    );
  });

  it('blocks CachingPlugin without AuthenticationPlugin, then enables it automatically when asked', () => {
    const input: SettingWriteInput = {
      registry,
      level: 'user',
      pluginName: 'CachingPlugin',
      row: { enabled: true },
      actor: alice,
      template: { user: [] },
    };
    const blocked = checkSettingWrite(input);
    expect(blocked).toMatchObject({
      ok: false,
      status: 409,
      code: 'PLUGIN_REQUIREMENT_MISSING',
      detail: 'CachingPlugin requires AuthenticationPlugin to be enabled',
    });
    expect(!blocked.ok && blocked.suggestions[0]).toBe(
      'Enable AuthenticationPlugin at the same level, or retry with autoEnableRequirements: true',
    );
    const auto = checkSettingWrite({ ...input, autoEnableRequirements: true });
    expect(auto).toMatchObject({
      ok: true,
      autoEnabled: ['AuthenticationPlugin'],
    });
    expect(
      auto.ok && auto.upserts.map((r) => [r.level, r.pluginName, r.enabled]),
    ).toEqual([
      ['user', 'CachingPlugin', true],
      ['user', 'AuthenticationPlugin', true],
    ]);
  });

  it('rejects creating a server whose whole chain conflicts', () => {
    const result = checkNewServerChain(registry, {
      team: [newSettingRow('team', 'DenyFilterPlugin')],
      user: [],
    });
    expect(result).toMatchObject({
      ok: false,
      status: 409,
      code: 'PLUGIN_CONFLICT',
    });
    expect(checkNewServerChain(registry, { team: [], user: [] }).ok).toBe(true);
  });
});
