import fc from 'fast-check';
import { parse } from 'yaml';
import {
  configArb,
  makeConsistent,
  registryArb,
} from '../testing/governance.arbitraries';
import { newRegistryEntry } from '../testing/governance.factories';
import { parseRegistryYaml } from './registry-yaml';
import { registryEntryToYaml } from './registry-yaml-export';

const FILE = 'plugins.config.yaml';

describe('registryEntryToYaml', () => {
  it('writes what parseRegistryYaml reads back to the same entries', () => {
    fc.assert(
      fc.property(
        registryArb,
        configArb,
        fc.string(),
        (registry, config, description) => {
          const entries = makeConsistent(registry).map((e, i) => ({
            ...e,
            description: i === 0 ? description : e.description,
            defaultConfig: i === 0 ? config : e.defaultConfig,
          }));
          const parsed = parseRegistryYaml(registryEntryToYaml(entries), FILE);
          expect(parsed.errors).toEqual([]);
          expect(parsed.entries).toEqual(entries);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes every field in snake_case, quoting versions, without the config schema', () => {
    const text = registryEntryToYaml([
      newRegistryEntry('Cache', {
        configSchema: { type: 'object' },
        requires: ['Auth'],
      }),
    ]);
    expect(parse(text)).toEqual({
      plugins: [
        {
          name: 'Cache',
          kind: '@plugboard/plugin-cache',
          version: '1.0.0',
          description: '',
          mandatory: false,
          enabled_globally: false,
          available_for_teams: true,
          available_for_users: true,
          allow_team_override: true,
          allow_user_override: true,
          allow_server_override: true,
          requires: ['Auth'],
          conflicts_with: [],
          priority: 100,
          config: {},
          mode: 'enforce',
        },
      ],
    });
  });
});
