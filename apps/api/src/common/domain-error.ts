import type { ErrorCode } from '@plugboard/shared-contracts';

export interface FieldError {
  pointer: string;
  message: string;
}

/** An expected failure with a machine code; the exception filter turns it into problem+json. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; suggestions?: string[]; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} was not found`);

export const forbidden = (detail: string): DomainError => new DomainError('FORBIDDEN', detail);
