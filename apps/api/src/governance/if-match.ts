import { DomainError } from '../common/domain-error';

/** `If-Match: "3"` (or `3`, or `W/"3"`) → 3; absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new DomainError('VALIDATION_FAILED', 'If-Match must carry the version number of the setting, e.g. "3"', {
      errors: [{ pointer: '/headers/if-match', message: 'expected a version number' }],
    });
  }
  return Number(match[1]);
}
