import fc from 'fast-check';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor';

describe('keyset cursors', () => {
  it('round-trips every (at, id)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), fc.uuid(), (at, id) => {
        expect(decodeKeysetCursor(encodeKeysetCursor({ at, id }))).toEqual({ at, id });
      }),
    );
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['wrong arity', Buffer.from('["2026-01-01T00:00:00.000Z"]').toString('base64url')],
    ['bad id', Buffer.from('["2026-01-01T00:00:00.000Z","x"]').toString('base64url')],
    ['loose date', Buffer.from('["2026-01-01","6f1c1f0e-5b0a-4b8e-9a51-1b1d3f0c2a11"]').toString('base64url')],
    ['too long', 'a'.repeat(201)],
  ])('refuses %s', (_name, text) => {
    expect(decodeKeysetCursor(text)).toBeNull();
  });
});
