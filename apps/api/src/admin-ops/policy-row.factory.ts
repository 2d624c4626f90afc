/** Test factory: a stored setting row (a governance row plus id, owner, version, stamps). */
import { randomUUID } from 'node:crypto';
import { newSettingRow, type SettingLevel } from '@plugboard/governance';
import type { PolicyRow } from './policy-state';

export function newPolicyRow(level: SettingLevel, pluginName: string, overrides: Partial<PolicyRow> = {}): PolicyRow {
  return {
    ...newSettingRow(level, pluginName),
    id: randomUUID(),
    ownerId: randomUUID(),
    version: 1,
    updatedAt: '2026-11-23T10:00:00.000000Z',
    addedBy: null,
    ...overrides,
  };
}
