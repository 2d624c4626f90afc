import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from './domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const pointer = `${parent}/${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ pointer, message }));
    return [...own, ...flatten(e.children ?? [], pointer)];
  });
}

/** Whitelisting validation whose failures are VALIDATION_FAILED problems with field pointers. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
