import { DomainError } from '../common/domain-error';
import { JSONRPC, toMcpRequestError, toolErrorResult } from './mcp-errors.util';

const violation = (): DomainError =>
  new DomainError('PLUGIN_VIOLATION', 'Resource host "evil.com" is not allowed', {
    plugin: 'ResourceFilterPlugin',
    violation: { code: 'RESOURCE_DENIED', reason: 'Resource host "evil.com" is not allowed' },
    trace: [{ plugin: 'ResourceFilterPlugin', hook: 'resource_pre_fetch', outcome: 'violation', durationMs: 0.1 }],
  });

describe('MCP error mapping', () => {
  it('answers a plugin block with its own code, the reason as the message, and the violation but not the trace', () => {
    const mapped = toMcpRequestError(violation());
    expect(mapped.code).toBe(JSONRPC.BLOCKED_BY_PLUGIN);
    expect(mapped.message).toBe('Resource host "evil.com" is not allowed');
    expect(mapped.data).toEqual({
      code: 'PLUGIN_VIOLATION',
      status: 403,
      plugin: 'ResourceFilterPlugin',
      violation: { code: 'RESOURCE_DENIED', reason: 'Resource host "evil.com" is not allowed' },
    });
  });

  it('maps not found to the method-specific code, client errors to invalid params, upstream failures to internal errors', () => {
    expect(toMcpRequestError(new DomainError('NOT_FOUND', 'Resource was not found'), JSONRPC.RESOURCE_NOT_FOUND).code).toBe(JSONRPC.RESOURCE_NOT_FOUND);
    expect(toMcpRequestError(new DomainError('NOT_FOUND', 'Prompt was not found')).code).toBe(JSONRPC.INVALID_PARAMS);
    const invalid = toMcpRequestError(new DomainError('PROMPT_ARGUMENTS_INVALID', 'bad', { errors: [{ pointer: '/arguments/a', message: 'is required' }] }));
    expect(invalid).toMatchObject({ code: JSONRPC.INVALID_PARAMS, data: { errors: [{ pointer: '/arguments/a', message: 'is required' }] } });
    expect(toMcpRequestError(new DomainError('UPSTREAM_TIMEOUT', 'The upstream did not answer within 100 ms')).code).toBe(JSONRPC.INTERNAL_ERROR);
  });

  it('turns a failed tool call into an isError result carrying the reason', () => {
    expect(toolErrorResult(violation())).toEqual({
      isError: true,
      content: [{ type: 'text', text: 'Resource host "evil.com" is not allowed' }],
      _meta: { plugboard: expect.objectContaining({ code: 'PLUGIN_VIOLATION', plugin: 'ResourceFilterPlugin' }) },
    });
  });
});
