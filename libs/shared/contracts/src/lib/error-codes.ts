/** Every machine code the API answers with, and the HTTP status and title it carries. */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'Validation failed' },
  MALFORMED_REQUEST: { status: 400, title: 'Malformed request' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid credentials' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  PLUGIN_NOT_AVAILABLE: { status: 403, title: 'Plugin not available' },
  USER_CUSTOMIZATION_DISABLED: { status: 403, title: 'Plugin customization disabled' },
  PLUGIN_VIOLATION: { status: 403, title: 'Blocked by a plugin' },
  UPSTREAM_NOT_ALLOWED: { status: 403, title: 'Upstream host not allowed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  PLUGIN_NOT_FOUND: { status: 404, title: 'Plugin not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  NOT_ACCEPTABLE: { status: 406, title: 'Not acceptable' },
  CONFLICT: { status: 409, title: 'Conflict' },
  ALREADY_EXISTS: { status: 409, title: 'Already exists' },
  VERSION_CONFLICT: { status: 409, title: 'Version conflict' },
  MANDATORY_PLUGIN: { status: 409, title: 'Mandatory plugin' },
  OVERRIDE_NOT_ALLOWED: { status: 409, title: 'Override not allowed' },
  PLUGIN_CONFLICT: { status: 409, title: 'Plugin conflict' },
  PLUGIN_REQUIREMENT_MISSING: { status: 409, title: 'Plugin requirement missing' },
  REGISTRY_INCONSISTENT: { status: 409, title: 'Registry rules violated' },
  LAST_OWNER: { status: 409, title: 'Team needs an owner' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  CONFIG_INVALID: { status: 422, title: 'Invalid plugin configuration' },
  PLUGIN_ROLE_UNKNOWN: { status: 422, title: 'Unknown plugin role' },
  ARGUMENTS_INVALID: { status: 422, title: 'Invalid tool arguments' },
  PROMPT_ARGUMENTS_INVALID: { status: 422, title: 'Invalid prompt arguments' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
  UPSTREAM_FAILED: { status: 502, title: 'Upstream call failed' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  UPSTREAM_TIMEOUT: { status: 504, title: 'Upstream timed out' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function problemType(code: ErrorCode): string {
  return `https://plugboard.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}
