/**
 * The URL rule of every frontend registration (SPEC 7): a relative path or an absolute http(s) URL,
 * nothing a browser could turn into script execution or an off-origin jump.
 */
import { ValidationException } from './plugin.exceptions';

const MAX_LENGTH = 2048;
/** C0, DEL, C1, zero-width and bidi marks, line/paragraph separators, BOM. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2028\u2029\u2060-\u2064\uFEFF]/;
/** Anything before the first `/`, `?` or `#` followed by `:` is a scheme to a browser (or close enough to refuse). */
const SCHEME = /^([^/?#]*):/;
/** HTML character references that could spell a scheme once the value lands in markup. */
const CHARACTER_REFERENCE = /&(#|colon;|tab;|newline;|sol;|bsol;|period;|lpar;|rpar;)/i;

function refuse(field: string, value: string, why: string): never {
  throw new ValidationException(`${field} ${JSON.stringify(value.slice(0, 200))} is not allowed: ${why}`, {
    code: 'UNSAFE_URL',
    errors: [{ pointer: field, message: why }],
  });
}

/** Percent-decodes until stable, so `%256A` tricks are seen as what they finally mean. */
function fullyDecoded(field: string, value: string): string {
  let current = value;
  for (let round = 0; round < 4; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return refuse(field, value, 'malformed percent-encoding');
    }
    if (next === current) return current;
    current = next;
  }
  return refuse(field, value, 'too deeply percent-encoded');
}

function checkForm(field: string, original: string, form: string): void {
  if (CONTROL.test(form)) refuse(field, original, 'control or invisible characters');
  if (form.includes('\\')) refuse(field, original, 'backslashes (browsers read them as "/")');
  if (form.startsWith('//')) refuse(field, original, 'protocol-relative URL');
  if (CHARACTER_REFERENCE.test(form)) refuse(field, original, 'HTML character references');
}

/**
 * Throws ValidationException (422, code UNSAFE_URL) unless `value` is a relative path
 * (`/a`, `./a`, `a/b`, `?q`, `#f`) or an absolute `http://` / `https://` URL with a host.
 */
export function assertSafeUrl(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ValidationException(`${field} must be a string`, { code: 'UNSAFE_URL' });
  if (value.length === 0) refuse(field, value, 'empty');
  if (value.length > MAX_LENGTH) refuse(field, value, `longer than ${MAX_LENGTH} characters`);
  if (value.trim() !== value) refuse(field, value, 'leading or trailing whitespace');
  checkForm(field, value, value);
  const decoded = fullyDecoded(field, value);
  checkForm(field, value, decoded);
  for (const form of new Set([value, decoded])) {
    const scheme = SCHEME.exec(form)?.[1];
    if (scheme === undefined) continue;
    const lower = scheme.toLowerCase();
    if (lower !== 'http' && lower !== 'https') refuse(field, value, `scheme "${scheme}:" (only http(s) or relative paths)`);
    if (form !== value) refuse(field, value, 'percent-encoded scheme');
    if (!/^https?:\/\/[^/?#]/i.test(form)) refuse(field, value, 'an http(s) URL needs "//" and a host');
    let parsed: URL;
    try {
      parsed = new URL(form);
    } catch {
      return refuse(field, value, 'not a valid URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') refuse(field, value, 'not an http(s) URL');
    if (!parsed.hostname) refuse(field, value, 'no host');
  }
  return value;
}

/** True when assertSafeUrl would accept the value. */
export function isSafeUrl(value: unknown): boolean {
  try {
    assertSafeUrl(value, 'url');
    return true;
  } catch {
    return false;
  }
}
