/** Opaque keyset cursors for the audit log (the SDK's keyset cursor; a bad one is a 400 here). */
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetCursor } from '@plugboard/plugin-sdk';
import { DomainError } from '../common/domain-error';

export type AuditCursor = KeysetCursor;

export const encodeAuditCursor = encodeKeysetCursor;

export function decodeAuditCursor(text: string): AuditCursor {
  const cursor = decodeKeysetCursor(text);
  if (!cursor) {
    throw new DomainError('VALIDATION_FAILED', 'cursor: must be the nextCursor of a previous page', {
      errors: [{ pointer: '/cursor', message: 'must be the nextCursor of a previous page' }],
    });
  }
  return cursor;
}
