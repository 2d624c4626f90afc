import {
  newRegistryEntry,
  newSettingRow,
} from '../testing/governance.factories';
import {
  demoteToOptional,
  isRedundantAfterPromotion,
  promoteToMandatory,
} from './promotion';

describe('promotion and demotion', () => {
  const regex = newRegistryEntry('RegexFilterPlugin', {
    availableForTeams: false,
    allowUserOverride: false,
  });

  it('makes a plugin mandatory and enabled globally, and back to optional but still everywhere', () => {
    expect(promoteToMandatory(regex)).toMatchObject({
      mandatory: true,
      enabledGlobally: true,
    });
    expect(demoteToOptional(promoteToMandatory(regex))).toMatchObject({
      mandatory: false,
      enabledGlobally: true,
      availableForTeams: true,
    });
  });

  it('removes enable-only and disable-only rows and rows whose level may not override', () => {
    const promoted = promoteToMandatory(regex);
    expect(
      isRedundantAfterPromotion(
        promoted,
        newSettingRow('team', 'RegexFilterPlugin'),
      ),
    ).toBe(true);
    expect(
      isRedundantAfterPromotion(
        promoted,
        newSettingRow('server', 'RegexFilterPlugin', { enabled: false }),
      ),
    ).toBe(true);
    expect(
      isRedundantAfterPromotion(
        promoted,
        newSettingRow('user', 'RegexFilterPlugin', { config: { a: 1 } }),
      ),
    ).toBe(true);
  });

  it('keeps rows that still shape the config', () => {
    const promoted = promoteToMandatory(regex);
    expect(
      isRedundantAfterPromotion(
        promoted,
        newSettingRow('team', 'RegexFilterPlugin', { config: { a: 1 } }),
      ),
    ).toBe(false);
    expect(
      isRedundantAfterPromotion(
        promoted,
        newSettingRow('team', 'RegexFilterPlugin', { inheritConfig: false }),
      ),
    ).toBe(false);
  });
});
