import { newLevelPlugin } from '../../testing/factories';
import { asSentence, sharedReason } from './shared-reason.util';

describe('sharedReason', () => {
  const off = 'Plugin customization is turned off for you';

  it('answers the reason when it blocks every plugin alike', () => {
    const plugins = [1, 2].map(() =>
      newLevelPlugin({ canToggle: false, canConfigure: false, reason: off }),
    );
    expect(sharedReason(plugins)).toBe(off);
  });

  it('answers null when some plugin may still change or reasons differ', () => {
    const blocked = newLevelPlugin({
      canToggle: false,
      canConfigure: false,
      reason: off,
    });
    expect(sharedReason([blocked, newLevelPlugin()])).toBeNull();
    expect(
      sharedReason([
        blocked,
        newLevelPlugin({
          canToggle: false,
          canConfigure: false,
          reason: 'Not available for teams (platform policy)',
        }),
      ]),
    ).toBeNull();
    expect(
      sharedReason([{ ...blocked, canConfigure: true }, blocked]),
    ).toBeNull();
    expect(sharedReason([])).toBeNull();
  });
});

describe('asSentence', () => {
  it('ends the text with a period once', () => {
    expect(asSentence('You may read these')).toBe('You may read these.');
    expect(asSentence('Done. ')).toBe('Done.');
  });
});
