import { HttpErrorResponse } from '@angular/common/http';
import { newProblem, problemResponse } from '../../../testing/factories';
import {
  fieldErrorsOf,
  hasCode,
  NETWORK_ERROR,
  toProblem,
  UNEXPECTED_ERROR,
} from './problem';

describe('toProblem', () => {
  it('keeps the API problem, its detail, code and field errors', () => {
    const problem = newProblem({
      detail: 'name must be unique',
      code: 'ALREADY_EXISTS',
      status: 409,
      errors: [{ pointer: '/name', message: 'taken' }],
      requestId: 'req-1',
    });

    const mapped = toProblem(problemResponse(problem));

    expect(mapped).toMatchObject({
      detail: 'name must be unique',
      code: 'ALREADY_EXISTS',
      status: 409,
      errors: [{ pointer: '/name', message: 'taken' }],
      requestId: 'req-1',
    });
  });

  it('parses a problem that arrived as text', () => {
    const problem = newProblem({
      detail: 'Invalid email or password',
      status: 401,
      code: 'INVALID_CREDENTIALS',
    });
    const error = new HttpErrorResponse({
      error: JSON.stringify(problem),
      status: 401,
      statusText: 'Unauthorized',
    });

    expect(toProblem(error)).toMatchObject({
      detail: 'Invalid email or password',
      code: 'INVALID_CREDENTIALS',
    });
  });

  it('fills in what a partial problem lacks from the response', () => {
    const error = new HttpErrorResponse({
      error: { detail: 'Only a detail' },
      status: 422,
      statusText: 'Unprocessable',
    });

    expect(toProblem(error)).toEqual(
      expect.objectContaining({
        detail: 'Only a detail',
        status: 422,
        code: 'HTTP_422',
        title: 'Unprocessable',
        type: 'about:blank',
      }),
    );
  });

  it('drops malformed field errors instead of passing them on', () => {
    const error = problemResponse(
      newProblem({
        errors: [
          { pointer: '/ok', message: 'fine' },
          { pointer: 3, message: 'bad' } as unknown as {
            pointer: string;
            message: string;
          },
        ],
      }),
    );

    expect(toProblem(error).errors).toEqual([
      { pointer: '/ok', message: 'fine' },
    ]);
  });

  it('describes a non-problem answer by its status', () => {
    const error = new HttpErrorResponse({
      error: '<html>Bad gateway</html>',
      status: 502,
      statusText: 'Bad Gateway',
    });

    expect(toProblem(error)).toMatchObject({
      status: 502,
      code: 'HTTP_502',
      detail: 'The server answered 502 Bad Gateway.',
    });
  });

  it('explains an unreachable server', () => {
    const error = new HttpErrorResponse({
      error: new ProgressEvent('error'),
      status: 0,
      statusText: 'Unknown Error',
    });

    const mapped = toProblem(error);

    expect(mapped.code).toBe(NETWORK_ERROR);
    expect(mapped.detail).toMatch(/could not be reached/);
  });

  it('never echoes a browser exception message', () => {
    const mapped = toProblem(new TypeError('x is undefined at secret.js:1'));

    expect(mapped.code).toBe(UNEXPECTED_ERROR);
    expect(mapped.detail).not.toContain('secret');
  });
});

describe('fieldErrorsOf', () => {
  it('keys messages by dotted path, first message per field', () => {
    const problem = newProblem({
      errors: [
        { pointer: '/name', message: 'required' },
        { pointer: '#/target/url', message: 'must be https' },
        { pointer: 'description', message: 'too long' },
        { pointer: '/name', message: 'second message' },
        { pointer: '', message: 'whole body' },
      ],
    });

    expect(fieldErrorsOf(problem)).toEqual({
      name: 'required',
      'target.url': 'must be https',
      description: 'too long',
    });
  });

  it('is empty without field errors', () => {
    expect(fieldErrorsOf(newProblem())).toEqual({});
  });
});

describe('hasCode', () => {
  it('matches the machine code together with the status it comes with', () => {
    expect(
      hasCode(
        newProblem({ status: 403, code: 'PLUGIN_VIOLATION' }),
        'PLUGIN_VIOLATION',
      ),
    ).toBe(true);
    expect(
      hasCode(
        newProblem({ status: 403, code: 'FORBIDDEN' }),
        'PLUGIN_VIOLATION',
      ),
    ).toBe(false);
    expect(
      hasCode(
        newProblem({ status: 400, code: 'PLUGIN_VIOLATION' }),
        'PLUGIN_VIOLATION',
      ),
    ).toBe(false);
  });
});
