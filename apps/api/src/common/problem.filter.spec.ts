import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { toProblem } from './problem.filter';

const violation = (code: string): QueryFailedError =>
  new QueryFailedError('INSERT INTO teams …', [], Object.assign(new Error('constraint failed'), { code }));

describe('toProblem', () => {
  it.each(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'])(
    'answers a unique violation (%s) from a concurrent write as 409 ALREADY_EXISTS',
    (code) => {
      expect(toProblem(violation(code), 'req-1')).toMatchObject({ status: 409, code: 'ALREADY_EXISTS', requestId: 'req-1' });
    },
  );

  it.each(['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY'])('answers a foreign-key violation (%s) as 409 CONFLICT', (code) => {
    expect(toProblem(violation(code), undefined)).toMatchObject({ status: 409, code: 'CONFLICT' });
  });

  it('keeps other database errors a generic 500 that echoes nothing', () => {
    const problem = toProblem(violation('22021'), undefined);
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred' });
    expect(JSON.stringify(problem)).not.toContain('INSERT');
  });

  it('maps domain errors by their code', () => {
    expect(toProblem(new DomainError('LAST_OWNER', 'x'), undefined)).toMatchObject({ status: 409, code: 'LAST_OWNER', detail: 'x' });
  });
});
