import fc from 'fast-check';
import { demoteToOptional, isRedundantAfterPromotion, newRegistryEntry, promoteToMandatory, SETTING_LEVELS } from '@plugboard/governance';
import { newPolicyRow } from './policy-row.factory';
import { demotionDecision, promotionDecision } from './promotion-rows.util';

describe('what promotion and demotion do to setting rows', () => {
  const regex = newRegistryEntry('RegexFilterPlugin', { allowUserOverride: false });
  const promoted = promoteToMandatory(regex);

  it('removes enable-only, disable-only and not-overridable rows, and says why', () => {
    expect(promotionDecision(promoted, newPolicyRow('team', 'RegexFilterPlugin'))).toMatchObject({ action: 'removed', reason: expect.stringContaining('without config') });
    expect(promotionDecision(promoted, newPolicyRow('server', 'RegexFilterPlugin', { enabled: false }))).toMatchObject({ action: 'removed', reason: expect.stringContaining('cannot be disabled') });
    expect(promotionDecision(promoted, newPolicyRow('user', 'RegexFilterPlugin', { config: { a: 1 } }))).toMatchObject({
      action: 'removed',
      reason: expect.stringContaining('allow_user_override: false'),
    });
  });

  it('keeps rows that still shape the config, and says why', () => {
    expect(promotionDecision(promoted, newPolicyRow('team', 'RegexFilterPlugin', { config: { a: 1 } }))).toMatchObject({ action: 'kept', reason: 'its config still applies (allow_team_override: true)' });
    expect(promotionDecision(promoted, newPolicyRow('team', 'RegexFilterPlugin', { inheritConfig: false }))).toMatchObject({ action: 'kept', reason: expect.stringContaining('does not inherit') });
    expect(promotionDecision(promoted, newPolicyRow('server', 'RegexFilterPlugin', { enabled: false, config: { a: 1 } })).reason).toContain('enabled: false is ignored');
  });

  it('decides exactly as isRedundantAfterPromotion (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ allowTeamOverride: fc.boolean(), allowUserOverride: fc.boolean(), allowServerOverride: fc.boolean() }),
        fc.constantFrom(...SETTING_LEVELS),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.dictionary(fc.constantFrom('a', 'b'), fc.integer()), { nil: undefined }),
        (flags, level, enabled, inheritConfig, config) => {
          const entry = promoteToMandatory(newRegistryEntry('P', flags));
          const row = newPolicyRow(level, 'P', { enabled, inheritConfig, config: config ?? {} });
          const decision = promotionDecision(entry, row);
          expect(decision.action === 'removed').toBe(isRedundantAfterPromotion(entry, row));
          expect(decision.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('demotion keeps every row and tells which ones switch the plugin off again', () => {
    const demoted = demoteToOptional(promoted);
    for (const level of SETTING_LEVELS) expect(demotionDecision(demoted, newPolicyRow(level, 'RegexFilterPlugin', { enabled: false })).action).toBe('kept');
    expect(demotionDecision(demoted, newPolicyRow('team', 'RegexFilterPlugin', { enabled: false })).reason).toContain('takes effect again');
    expect(demotionDecision(demoted, newPolicyRow('user', 'RegexFilterPlugin', { enabled: false })).reason).toContain('ignored as before');
    expect(demotionDecision(demoted, newPolicyRow('server', 'RegexFilterPlugin')).reason).toBe('applies as before');
  });
});
