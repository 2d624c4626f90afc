import {
  newRegistryEntry,
  newSettingRow,
} from '../testing/governance.factories';
import { checkNewServerChain } from './server-creation';

const registry = [
  newRegistryEntry('Audit', { mandatory: true, priority: 1 }),
  newRegistryEntry('Cache', { requires: ['Auth'] }),
  newRegistryEntry('Auth'),
  newRegistryEntry('Deny', { conflictsWith: ['Regex'] }),
  newRegistryEntry('Regex'),
];

describe('checkNewServerChain', () => {
  it('accepts a valid chain and returns it resolved', () => {
    const result = checkNewServerChain(registry, {
      team: [newSettingRow('team', 'Cache'), newSettingRow('team', 'Auth')],
    });
    expect(result.ok && result.resolved.chain.map((e) => e.name)).toEqual([
      'Audit',
      'Auth',
      'Cache',
    ]);
  });

  it('rejects a chain with a conflict across levels, conflicts first, every problem listed', () => {
    const result = checkNewServerChain(registry, {
      team: [newSettingRow('team', 'Deny'), newSettingRow('team', 'Cache')],
      user: [newSettingRow('user', 'Regex')],
    });
    expect(result).toMatchObject({
      ok: false,
      status: 409,
      code: 'PLUGIN_CONFLICT',
      detail:
        "The new server's plugin chain is invalid: Deny conflicts with Regex",
    });
    expect(!result.ok && result.problems?.map((p) => p.code)).toEqual([
      'PLUGIN_CONFLICT',
      'PLUGIN_REQUIREMENT_MISSING',
    ]);
  });

  it('rejects a missing requirement with 409 PLUGIN_REQUIREMENT_MISSING', () => {
    expect(
      checkNewServerChain(registry, { user: [newSettingRow('user', 'Cache')] }),
    ).toMatchObject({
      code: 'PLUGIN_REQUIREMENT_MISSING',
      status: 409,
    });
  });
});
