/** How the API's domain errors reach an MCP client: tool errors as results, the rest as JSON-RPC errors. */
import { ERROR_CODES } from '@plugboard/shared-contracts';
import { DomainError } from '../common/domain-error';

/** JSON-RPC codes (MCP uses -32002 for an unknown resource; -32003 is ours for a plugin's block). */
export const JSONRPC = {
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  RESOURCE_NOT_FOUND: -32002,
  BLOCKED_BY_PLUGIN: -32003,
} as const;

/** An error the MCP SDK sends as a JSON-RPC error: it reads `code`, `message` and `data` off the thrown value. */
export class McpRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'McpRequestError';
  }
}

/** The extras of a DomainError a client may see: the plugin and its violation, field errors. */
function publicData(error: DomainError): Record<string, unknown> {
  const { plugin, violation, errors } = error.extras;
  return {
    code: error.code,
    status: ERROR_CODES[error.code].status,
    ...(plugin !== undefined ? { plugin } : {}),
    ...(violation !== undefined ? { violation } : {}),
    ...(errors !== undefined ? { errors } : {}),
  };
}

/** A DomainError as a JSON-RPC error; `notFoundCode` is what the method answers for a missing item. */
export function toMcpRequestError(error: DomainError, notFoundCode: number = JSONRPC.INVALID_PARAMS): McpRequestError {
  const status = ERROR_CODES[error.code].status;
  const code =
    error.code === 'PLUGIN_VIOLATION' ? JSONRPC.BLOCKED_BY_PLUGIN
    : status === 404 ? notFoundCode
    : status < 500 ? JSONRPC.INVALID_PARAMS
    : JSONRPC.INTERNAL_ERROR;
  return new McpRequestError(code, error.detail, publicData(error));
}

/** A failed tool call as MCP's tool error result (`isError: true`), carrying the reason the caller can act on. */
export function toolErrorResult(error: DomainError): { isError: true; content: { type: 'text'; text: string }[]; _meta: Record<string, unknown> } {
  return { isError: true, content: [{ type: 'text', text: error.detail }], _meta: { plugboard: publicData(error) } };
}
