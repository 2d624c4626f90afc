import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The request's correlation id (pino-http's `req.id`, echoed as `x-request-id`), for audit rows. */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const id = ctx.switchToHttp().getRequest<{ id?: unknown }>().id;
  return typeof id === 'string' ? id : undefined;
});
