import { newRegistryEntry } from '../../../testing/factories';
import {
  availabilityOf,
  badgeOf,
  operationFor,
  operationLabel,
  overridesOf,
  syncReportLines,
} from './registry-view.util';

describe('registry view helpers', () => {
  it('badges and offers the opposite operation', () => {
    const mandatory = newRegistryEntry({ mandatory: true });
    const optional = newRegistryEntry({ mandatory: false });
    expect(badgeOf(mandatory)).toBe('[MANDATORY]');
    expect(badgeOf(optional)).toBe('[OPTIONAL]');
    expect(operationLabel(operationFor(mandatory))).toBe('Make optional');
    expect(operationLabel(operationFor(optional))).toBe('Make mandatory');
  });

  it('lists availability and overrides, or none', () => {
    expect(
      availabilityOf(
        newRegistryEntry({ availableForTeams: true, availableForUsers: false }),
      ),
    ).toBe('teams');
    expect(
      overridesOf(
        newRegistryEntry({
          allowTeamOverride: false,
          allowUserOverride: false,
          allowServerOverride: false,
        }),
      ),
    ).toBe('none');
  });

  it('turns a sync report into lines, skipping empty parts', () => {
    expect(
      syncReportLines({
        file: 'f.yaml',
        dryRun: false,
        force: false,
        created: [],
        updated: [{ name: 'A', fields: ['mode', 'priority'] }],
        kept: [{ name: 'B', fields: ['mode'], reason: 'changed via API' }],
        removed: [],
        unchanged: [],
        warnings: ['w1'],
      }),
    ).toEqual([
      'Updated: A (mode, priority)',
      'Kept API changes: B (mode: changed via API)',
      'Warning: w1',
    ]);
  });
});
