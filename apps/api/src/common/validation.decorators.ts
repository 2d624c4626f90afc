/** Property decorators request DTOs share, on top of class-validator's. */
import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

/**
 * Like `@IsOptional()`, but only an absent field skips validation: `null` is validated (and so
 * refused by `@IsString()` and friends) instead of reaching a service as a value to store.
 */
export const IsOptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** Trims a string before validation, so that "   " fails `@MinLength(1)` instead of being stored as "". */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
