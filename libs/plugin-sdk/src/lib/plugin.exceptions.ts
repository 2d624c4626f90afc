/** Exceptions plugin code throws; the API (and standalone mode) turn them into problem+json naming the plugin. */
import type { ProblemDetails } from '@plugboard/shared-contracts';

export interface FieldError {
  pointer: string;
  message: string;
}

export interface PluginExceptionOptions {
  /** Machine code (UPPER_SNAKE_CASE); each subclass has a default. */
  code?: string;
  /** Usually left out: the runtime knows which plugin's route threw. */
  plugin?: string;
  errors?: FieldError[];
  cause?: unknown;
}

/** The problem body of a plugin error: RFC 9457 plus the plugin's name. */
export interface PluginProblem extends ProblemDetails {
  plugin: string;
}

const CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

export class PluginException extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly plugin: string | null;
  readonly errors: FieldError[] | undefined;

  constructor(status: number, code: string, detail: string, options: Omit<PluginExceptionOptions, 'code'> = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new TypeError(`PluginException status must be an HTTP error status (400-599), got ${status}`);
    }
    if (!CODE_PATTERN.test(code)) {
      throw new TypeError(`PluginException code must be UPPER_SNAKE_CASE, got "${code}"`);
    }
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.plugin = options.plugin ?? null;
    this.errors = options.errors;
  }
}

/** 403: the caller may not do this in the plugin. */
export class PermissionException extends PluginException {
  constructor(detail = 'You may not do this', options: PluginExceptionOptions = {}) {
    super(403, options.code ?? 'PLUGIN_PERMISSION_DENIED', detail, options);
  }
}

/** 422: the request is well-formed but its content is not acceptable to the plugin. */
export class ValidationException extends PluginException {
  constructor(detail: string, options: PluginExceptionOptions = {}) {
    super(422, options.code ?? 'PLUGIN_VALIDATION_FAILED', detail, options);
  }
}

/** 404: the plugin's resource does not exist (or the caller may not know it does). */
export class NotFoundException extends PluginException {
  constructor(detail = 'Not found', options: PluginExceptionOptions = {}) {
    super(404, options.code ?? 'PLUGIN_RESOURCE_NOT_FOUND', detail, options);
  }
}

/** 409: the request conflicts with the plugin's current state. */
export class ConflictException extends PluginException {
  constructor(detail: string, options: PluginExceptionOptions = {}) {
    super(409, options.code ?? 'PLUGIN_CONFLICT', detail, options);
  }
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  422: 'Unprocessable content',
  500: 'Internal error',
};

export function pluginProblemType(code: string): string {
  return `https://plugboard.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * The problem+json body for an error a plugin's route threw. A PluginException keeps its
 * status, code and detail; anything else is a generic 500 that echoes nothing of the error
 * (the caller logs it with its stack).
 */
export function toPluginProblem(error: unknown, pluginName: string): PluginProblem {
  if (error instanceof PluginException) {
    return {
      type: pluginProblemType(error.code),
      title: TITLES[error.status] ?? (error.status >= 500 ? 'Plugin error' : 'Request refused'),
      status: error.status,
      detail: error.detail,
      code: error.code,
      plugin: error.plugin ?? pluginName,
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  return {
    type: pluginProblemType('PLUGIN_INTERNAL_ERROR'),
    title: 'Internal error',
    status: 500,
    detail: 'The plugin failed unexpectedly',
    code: 'PLUGIN_INTERNAL_ERROR',
    plugin: pluginName,
  };
}
