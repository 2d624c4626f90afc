import type { ArgumentMetadata } from '@nestjs/common';
import { IsObject, IsOptional, IsString } from 'class-validator';
import { DomainError } from './domain-error';
import { createValidationPipe } from './validation.pipe';

class BodyDto {
  @IsString() name!: string;
  @IsOptional() @IsObject() data?: Record<string, unknown>;
}

const body: ArgumentMetadata = { type: 'body', metatype: BodyDto };
const param: ArgumentMetadata = { type: 'param', metatype: String, data: 'toolName' };

async function refusal(value: unknown, metadata: ArgumentMetadata): Promise<DomainError> {
  const error: unknown = await createValidationPipe().transform(value, metadata).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('createValidationPipe', () => {
  it('passes a valid body through, transformed', async () => {
    await expect(createValidationPipe().transform({ name: 'ok', data: nested(50) }, body)).resolves.toBeInstanceOf(BodyDto);
  });

  it.each([
    ['a NUL character', { name: 'a\u0000b' }, '/name'],
    ['an unpaired surrogate', { name: 'a\ud800b' }, '/name'],
    ['a NUL in a nested key', { name: 'ok', data: { list: [{ ['k\u0000']: 1 }] } }, '/data/list/0/k\u0000'],
    ['a slash in a key on the way', { name: 'ok', data: { 'a/b': 'x\u0000' } }, '/data/a~1b'],
  ])('refuses %s with VALIDATION_FAILED at its pointer', async (_label, value, pointer) => {
    const error = await refusal(value, body);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.extras.errors).toEqual([{ pointer, message: expect.stringContaining('NUL') }]);
  });

  it('refuses nesting deeper than 64 levels before transforming it', async () => {
    const error = await refusal({ name: 'ok', data: nested(100_000) }, body);
    expect(error.extras.errors?.[0]?.message).toMatch(/deeper than 64/);
  });

  it('checks path parameters too, naming them in the pointer', async () => {
    const error = await refusal('tool\u0000', param);
    expect(error.extras.errors).toEqual([{ pointer: '/toolName', message: expect.any(String) }]);
    await expect(createValidationPipe().transform('tool 🔌', param)).resolves.toBe('tool 🔌');
  });
});
