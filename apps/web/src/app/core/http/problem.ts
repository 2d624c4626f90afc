// Turns whatever an HTTP call threw into RFC 9457 problem details, so every page can show `detail`.
import { HttpErrorResponse } from '@angular/common/http';
import {
  ERROR_CODES,
  type ErrorCode,
  type ProblemDetails,
} from '@plugboard/shared-contracts';

/** Field name (dotted path, e.g. `target.url`) → message. */
export type FieldErrors = Readonly<Record<string, string>>;

export const NETWORK_ERROR = 'NETWORK_ERROR';
export const UNEXPECTED_ERROR = 'UNEXPECTED_ERROR';

export function toProblem(error: unknown): ProblemDetails {
  if (!(error instanceof HttpErrorResponse)) {
    return problem(
      0,
      UNEXPECTED_ERROR,
      'Something went wrong in the browser. Reload the page and try again.',
    );
  }
  if (error.status === 0) {
    return problem(
      0,
      NETWORK_ERROR,
      'The server could not be reached. Check your connection and try again.',
    );
  }
  const body = parseBody(error.error);
  if (isProblemLike(body)) {
    return {
      ...body,
      type: typeof body['type'] === 'string' ? body['type'] : 'about:blank',
      title:
        typeof body['title'] === 'string' ? body['title'] : error.statusText,
      status:
        typeof body['status'] === 'number' ? body['status'] : error.status,
      detail: body['detail'],
      code:
        typeof body['code'] === 'string'
          ? body['code']
          : `HTTP_${error.status}`,
      errors: validFieldErrors(body['errors']),
    };
  }
  const statusText = error.statusText ? ` ${error.statusText}` : '';
  return problem(
    error.status,
    `HTTP_${error.status}`,
    `The server answered ${error.status}${statusText}.`,
  );
}

/** True when the problem carries the API's machine `code` with the status that code comes with. */
export function hasCode(value: ProblemDetails, code: ErrorCode): boolean {
  return value.code === code && value.status === ERROR_CODES[code].status;
}

/** Field errors of a problem keyed by dotted path: `/target/url` and `#/target/url` become `target.url`. */
export function fieldErrorsOf(value: ProblemDetails): FieldErrors {
  const result: Record<string, string> = {};
  for (const { pointer, message } of value.errors ?? []) {
    const key = pointer
      .replace(/^#/, '')
      .replace(/^\//, '')
      .split('/')
      .join('.');
    if (key && !(key in result)) {
      result[key] = message;
    }
  }
  return result;
}

function problem(status: number, code: string, detail: string): ProblemDetails {
  return { type: 'about:blank', title: 'Error', status, code, detail };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') {
    return body;
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

function isProblemLike(
  body: unknown,
): body is Record<string, unknown> & { detail: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<string, unknown>)['detail'] === 'string'
  );
}

function validFieldErrors(errors: unknown): ProblemDetails['errors'] {
  if (!Array.isArray(errors)) {
    return undefined;
  }
  return errors.filter(
    (entry): entry is { pointer: string; message: string } =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Record<string, unknown>)['pointer'] === 'string' &&
      typeof (entry as Record<string, unknown>)['message'] === 'string',
  );
}
