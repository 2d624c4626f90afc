import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const pointer = `${parent}/${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ pointer, message }));
    return [...own, ...flatten(e.children ?? [], pointer)];
  });
}

/** Deeper input is refused before class-transformer, whose recursion would overflow the stack. */
const MAX_DEPTH = 64;
/** NUL cannot be stored by PostgreSQL, and an unpaired surrogate cannot be encoded as UTF-8. */
const unstorable = (text: string): boolean => text.includes('\u0000') || /\p{Cs}/u.test(text);
const UNSTORABLE_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Keys that would reach an object's prototype if merged (SPEC 3.3): refused at write time. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first place in a request value that no handler should see, or null (recursion stops at MAX_DEPTH). */
function findUnsafe(value: unknown, pointer: string, depth = 0): (FieldError & { forbiddenKey?: boolean }) | null {
  if (typeof value === 'string') return unstorable(value) ? { pointer: pointer || '/', message: UNSTORABLE_MESSAGE } : null;
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_DEPTH) return { pointer: pointer || '/', message: `must not nest deeper than ${MAX_DEPTH} levels` };
  for (const [key, item] of Object.entries(value)) {
    const at = `${pointer}/${pointerSegment(key)}`;
    if (unstorable(key)) return { pointer: at, message: `keys ${UNSTORABLE_MESSAGE}` };
    if (FORBIDDEN_KEYS.has(key)) return { pointer: at, message: `the key "${key}" is not allowed`, forbiddenKey: true };
    const found = findUnsafe(item, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Refuses unstorable strings and runaway nesting in bodies, queries and path parameters, then validates. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const unsafe = findUnsafe(value, metadata.type === 'param' && metadata.data ? `/${metadata.data}` : '');
      if (unsafe) {
        const { forbiddenKey, ...error } = unsafe;
        // Class-transformer would silently drop such keys; a plugin config must say why it is refused.
        const code = forbiddenKey && error.pointer.startsWith('/config') ? 'CONFIG_INVALID' : 'VALIDATION_FAILED';
        throw new DomainError(code, `${error.pointer.slice(1) || 'request'}: ${error.message}`, { errors: [error] });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Whitelisting validation whose failures are VALIDATION_FAILED problems with field pointers. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const detail = fieldErrors.map((e) => `${e.pointer.slice(1)}: ${e.message}`).join('; ');
      return new DomainError('VALIDATION_FAILED', detail || 'The request is invalid', {
        errors: fieldErrors,
      });
    },
  });
}
