import {
  ConflictException,
  NotFoundException,
  PermissionException,
  PluginException,
  toPluginProblem,
  ValidationException,
} from './plugin.exceptions';

describe('plugin exceptions', () => {
  it.each([
    [new PermissionException('no'), 403, 'PLUGIN_PERMISSION_DENIED'],
    [new ValidationException('bad'), 422, 'PLUGIN_VALIDATION_FAILED'],
    [new NotFoundException('gone'), 404, 'PLUGIN_RESOURCE_NOT_FOUND'],
    [new ConflictException('busy'), 409, 'PLUGIN_CONFLICT'],
  ])('%s carries status %i and code %s', (error, status, code) => {
    expect(error).toBeInstanceOf(PluginException);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
  });

  it('names the subclass', () => {
    expect(new ConflictException('x').name).toBe('ConflictException');
  });

  it('refuses a non-error status or a malformed code', () => {
    expect(() => new PluginException(200, 'OK', 'fine')).toThrow(/400-599/);
    expect(() => new ValidationException('x', { code: 'lower case' })).toThrow(/UPPER_SNAKE_CASE/);
  });
});

describe('toPluginProblem', () => {
  it('maps a plugin exception to RFC 9457 naming the plugin', () => {
    const error = new ValidationException('max_rows must be positive', {
      code: 'ROWS_INVALID',
      errors: [{ pointer: '/max_rows', message: 'must be > 0' }],
    });
    expect(toPluginProblem(error, 'AuditLoggerPlugin')).toEqual({
      type: 'https://plugboard.dev/problems/rows-invalid',
      title: 'Unprocessable content',
      status: 422,
      detail: 'max_rows must be positive',
      code: 'ROWS_INVALID',
      plugin: 'AuditLoggerPlugin',
      errors: [{ pointer: '/max_rows', message: 'must be > 0' }],
    });
  });

  it('prefers the plugin the exception names', () => {
    expect(toPluginProblem(new NotFoundException('x', { plugin: 'Other' }), 'Mine').plugin).toBe('Other');
  });

  it('answers anything else with a generic 500 that echoes nothing', () => {
    const problem = toPluginProblem(new Error('SELECT secret FROM vault'), 'DemoPlugin');
    expect(problem).toMatchObject({ status: 500, code: 'PLUGIN_INTERNAL_ERROR', plugin: 'DemoPlugin' });
    expect(JSON.stringify(problem)).not.toContain('secret');
    expect(toPluginProblem('thrown string', 'DemoPlugin').status).toBe(500);
  });
});
