import type { LevelPluginView } from '@plugboard/shared-contracts';

/**
 * The API's reason when it is the same for every plugin and nothing may change (read-only
 * members, customization turned off): worth saying once at the top instead of on each card.
 */
export function sharedReason(
  plugins: readonly LevelPluginView[],
): string | null {
  const first = plugins[0]?.reason ?? null;
  if (first === null) {
    return null;
  }
  const shared = plugins.every(
    (plugin) =>
      plugin.reason === first && !plugin.canToggle && !plugin.canConfigure,
  );
  return shared ? first : null;
}

/** The reason as a sentence, so more text can follow it. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
