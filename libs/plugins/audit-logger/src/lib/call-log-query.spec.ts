import fc from 'fast-check';
import { encodeKeysetCursor, ValidationException } from '@plugboard/plugin-sdk';
import { CALL_LOG_DEFAULT_LIMIT, parseCallLogQuery } from './call-log-query';

const refusal = (raw: Record<string, unknown>): ValidationException => {
  try {
    parseCallLogQuery(raw);
  } catch (error) {
    if (error instanceof ValidationException) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('parseCallLogQuery', () => {
  it('defaults to the newest page of every call', () => {
    expect(parseCallLogQuery({})).toEqual({ limit: CALL_LOG_DEFAULT_LIMIT, cursor: null, serverId: null, tool: null, outcome: null, userId: null, from: null, to: null });
  });

  it('reads every filter', () => {
    const at = new Date('2026-11-23T10:00:00.000Z');
    const id = '6f1c1f0e-5b0a-4b8e-9a51-1b1d3f0c2a11';
    expect(
      parseCallLogQuery({
        limit: '10', cursor: encodeKeysetCursor({ at, id }), serverId: id.toUpperCase(), userId: id, tool: 'echo', outcome: 'blocked', from: '2026-11-01', to: '2026-11-30T00:00:00Z',
      }),
    ).toEqual({ limit: 10, cursor: { at, id }, serverId: id, userId: id, tool: 'echo', outcome: 'blocked', from: new Date('2026-11-01'), to: new Date('2026-11-30T00:00:00Z') });
  });

  it('names every bad field at once, with the code CALL_LOG_QUERY_INVALID', () => {
    const error = refusal({ limit: '0', outcome: 'maybe', serverId: '1', extra: 'x' });
    expect(error.status).toBe(422);
    expect(error.code).toBe('CALL_LOG_QUERY_INVALID');
    expect(error.errors?.map((e) => e.pointer).sort()).toEqual(['/extra', '/limit', '/outcome', '/serverId']);
  });

  it('refuses repeated parameters and control characters', () => {
    expect(refusal({ limit: ['1', '2'] }).errors).toEqual([{ pointer: '/limit', message: 'limit must be given once, as a string' }]);
    expect(refusal({ tool: 'ec\u0000ho' }).errors?.[0]?.pointer).toBe('/tool');
  });

  it('never throws anything but a ValidationException, whatever the strings', () => {
    const keys = fc.constantFrom('limit', 'cursor', 'serverId', 'tool', 'outcome', 'userId', 'from', 'to', 'other');
    fc.assert(
      fc.property(fc.dictionary(keys, fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }))), (raw) => {
        try {
          const q = parseCallLogQuery(raw);
          expect(q.limit).toBeGreaterThanOrEqual(1);
          expect(q.limit).toBeLessThanOrEqual(200);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationException);
        }
      }),
    );
  });
});
