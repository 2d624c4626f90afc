import { DomainError } from '../common/domain-error';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor.util';

describe('audit cursors', () => {
  const cursor = { at: new Date('2025-03-01T10:00:00.123Z'), id: '0b6f1c1e-3f0a-4d2b-9a47-5d6c8e9f0a1b' };

  it('round-trip through an opaque base64url token', () => {
    const token = encodeAuditCursor(cursor);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(token)).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', 'bm90LWpzb24'],
    ['the wrong shape', Buffer.from(JSON.stringify({ at: 1 })).toString('base64url')],
    ['an invalid date', Buffer.from(JSON.stringify(['someday', cursor.id])).toString('base64url')],
    ['a non-canonical date', Buffer.from(JSON.stringify(['2025-03-01', cursor.id])).toString('base64url')],
    ['an id that is not a UUID', Buffer.from(JSON.stringify([cursor.at.toISOString(), "x' OR 1=1"])).toString('base64url')],
  ])('refuses %s with VALIDATION_FAILED at /cursor', (_label, token) => {
    expect(() => decodeAuditCursor(token)).toThrow(DomainError);
    try {
      decodeAuditCursor(token);
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', extras: { errors: [{ pointer: '/cursor' }] } });
    }
  });
});
