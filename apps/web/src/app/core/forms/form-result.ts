import type { FieldErrors } from '../http/problem';

/** What a form's pure validate-and-build step answers: the request to send, or why not. */
export type FormResult<T> =
  | { ok: true; value: T }
  | { ok: false; errors: FieldErrors };

export function invalid<T>(errors: FieldErrors): FormResult<T> {
  return { ok: false, errors };
}

export function valid<T>(value: T): FormResult<T> {
  return { ok: true, value };
}

/** Parses text that must hold a JSON object (not an array, not null). */
export function parseJsonObject(
  text: string,
):
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    const reason =
      error instanceof SyntaxError ? error.message : 'not valid JSON';
    return { ok: false, message: `Not valid JSON: ${reason}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      message: 'Must be a JSON object, for example {"message": "hello"}.',
    };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}
