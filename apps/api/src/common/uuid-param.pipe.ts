import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from './domain-error';

/** A path id that is not a UUID cannot name anything: answer 404 as for a missing one. */
export const uuidParam = (what: string): ParseUUIDPipe =>
  new ParseUUIDPipe({ exceptionFactory: () => notFound(what) });
