import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { PluginException, toPluginProblem } from '@plugboard/plugin-sdk';
import { QueryFailedError } from 'typeorm';
import {
  ERROR_CODES,
  ErrorCode,
  PROBLEM_CONTENT_TYPE,
  ProblemDetails,
  problemType,
} from '@plugboard/shared-contracts';
import { DomainError } from './domain-error';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'MALFORMED_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

/** Errors body-parser raises before Nest sees the request (malformed JSON, size, charset). */
interface BodyParserError {
  type: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return typeof e === 'object' && e !== null && typeof (e as BodyParserError).type === 'string' &&
    typeof ((e as BodyParserError).status ?? (e as BodyParserError).statusCode) === 'number';
}

/**
 * Constraint violations that a concurrent request causes between a service's check and its write
 * (two creates of one name): a conflict for the client to resolve, not a server error.
 */
function constraintViolation(error: unknown): 'ALREADY_EXISTS' | 'CONFLICT' | null {
  if (!(error instanceof QueryFailedError)) return null;
  switch ((error.driverError as { code?: unknown } | undefined)?.code) {
    case '23505': // PostgreSQL unique_violation
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return 'ALREADY_EXISTS';
    case '23503': // PostgreSQL foreign_key_violation
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return 'CONFLICT';
    default:
      return null;
  }
}

export function toProblem(error: unknown, requestId: string | undefined): ProblemDetails {
  let code: ErrorCode;
  let detail: string;
  let extras: Record<string, unknown> = {};
  const violation = constraintViolation(error);
  if (error instanceof DomainError) {
    code = error.code;
    detail = error.detail;
    extras = error.extras;
  } else if (error instanceof HttpException) {
    const status = error.getStatus();
    code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'MALFORMED_REQUEST');
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    detail = code === 'INTERNAL_ERROR' ? 'An unexpected error occurred' : Array.isArray(message)
      ? message.join('; ')
      : typeof message === 'string' ? message : ERROR_CODES[code].title;
    if (code === 'NOT_FOUND' && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(detail)) {
      detail = 'No such route';
    }
  } else if (isBodyParserError(error)) {
    const status = error.status ?? error.statusCode ?? 400;
    switch (error.type) {
      case 'entity.too.large':
        code = 'PAYLOAD_TOO_LARGE';
        detail = 'The request body is larger than the server accepts';
        break;
      case 'entity.parse.failed':
        code = 'MALFORMED_REQUEST';
        detail = 'The request body is not valid JSON';
        break;
      case 'charset.unsupported':
      case 'encoding.unsupported':
        code = 'UNSUPPORTED_MEDIA_TYPE';
        detail = 'The request body encoding is not supported';
        break;
      default:
        code = status < 500 ? 'MALFORMED_REQUEST' : 'INTERNAL_ERROR';
        detail = status < 500 ? 'The request body could not be read' : 'An unexpected error occurred';
    }
  } else if (violation) {
    code = violation;
    detail = violation === 'ALREADY_EXISTS'
      ? 'It already exists (a concurrent request may just have created it)'
      : 'Something it refers to was changed by a concurrent request; retry';
  } else {
    code = 'INTERNAL_ERROR';
    detail = 'An unexpected error occurred';
  }
  const { status, title } = ERROR_CODES[code];
  return {
    type: problemType(code),
    title,
    status,
    detail,
    code,
    ...(requestId ? { requestId } : {}),
    ...extras,
  };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string; plugboardPlugin?: string }>();
    const response = http.getResponse<Response>();
    const requestId = typeof request.id === 'string' ? request.id : undefined;
    // A plugin's own exception keeps its status and code and names the plugin (SDK toPluginProblem).
    const plugin = request.plugboardPlugin;
    const fromPlugin = error instanceof PluginException || (plugin !== undefined && !(error instanceof HttpException) && !(error instanceof DomainError));
    const problem = fromPlugin
      ? { ...toPluginProblem(error, (error instanceof PluginException ? error.plugin : null) ?? plugin ?? 'unknown plugin'), ...(requestId ? { requestId } : {}) }
      : toProblem(error, requestId);
    if (problem.status >= 500) {
      this.logger.error(
        { err: error, requestId, path: request.path },
        error instanceof Error ? error.stack : String(error),
      );
    }
    if (response.headersSent) return;
    const withInstance = { ...problem, instance: request.originalUrl?.split('?')[0] };
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(withInstance));
  }
}
