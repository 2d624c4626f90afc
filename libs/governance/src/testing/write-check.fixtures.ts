/** Fixtures shared by the write-check specs: a small registry and a call helper. */
import { newRegistryEntry } from './governance.factories';
import type { JsonObject, RegistryEntry } from '../lib/registry.model';
import { checkSettingWrite } from '../lib/write-checks';
import type {
  SettingWriteInput,
  WriteCheckResult,
  WriteRejected,
} from '../lib/write-check.types';

export const member = { isPlatformAdmin: false };
export const admin = { isPlatformAdmin: true };

export const regexSchema: JsonObject = {
  type: 'object',
  properties: {
    blocked_patterns: { type: 'array', items: { type: 'string' } },
    mode: { enum: ['all', 'any'] },
  },
  required: ['blocked_patterns', 'mode'],
  additionalProperties: false,
};

export function registry(
  overrides: Record<string, Partial<RegistryEntry>> = {},
): RegistryEntry[] {
  return [
    newRegistryEntry('Mandatory', {
      mandatory: true,
      priority: 1,
      allowUserOverride: false,
    }),
    newRegistryEntry('Global', {
      enabledGlobally: true,
      allowTeamOverride: false,
    }),
    newRegistryEntry('Regex', {
      configSchema: regexSchema,
      defaultConfig: { mode: 'any' },
    }),
    newRegistryEntry('TeamsOnly', { availableForUsers: false }),
    newRegistryEntry('A', { requires: ['B'] }),
    newRegistryEntry('B', { requires: ['C'] }),
    newRegistryEntry('C'),
    newRegistryEntry('Hidden', {
      availableForUsers: false,
      availableForTeams: false,
    }),
    newRegistryEntry('X', { conflictsWith: ['Y'] }),
    newRegistryEntry('Y'),
  ].map((e) => ({ ...e, ...overrides[e.name] }));
}

export function check(
  input: Partial<SettingWriteInput> &
    Pick<SettingWriteInput, 'level' | 'pluginName' | 'row'>,
): WriteCheckResult {
  return checkSettingWrite({
    registry: registry(),
    actor: member,
    template: {},
    ...input,
  });
}

export function rejected(result: WriteCheckResult): WriteRejected {
  if (result.ok)
    throw new Error(
      `expected a rejection, got ${JSON.stringify(result.upserts)}`,
    );
  return result;
}
