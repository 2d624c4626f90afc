import {
  type AddToolFormValue,
  buildCreateToolRequest,
  TOOL_TIMEOUT_MAX_MS,
} from './create-tool-request.util';

function newFormValue(
  overrides: Partial<AddToolFormValue> = {},
): AddToolFormValue {
  return {
    name: 'echo',
    description: '',
    resource: '',
    targetType: 'echo',
    url: '',
    timeoutMs: null,
    inputSchema: '',
    ...overrides,
  };
}

describe('buildCreateToolRequest', () => {
  it('builds the smallest request for an echo tool', () => {
    expect(buildCreateToolRequest(newFormValue({ name: '  echo  ' }))).toEqual({
      ok: true,
      value: { name: 'echo', target: { type: 'echo' } },
    });
  });

  it('includes every optional field that was filled in', () => {
    const result = buildCreateToolRequest(
      newFormValue({
        name: 'lookup',
        description: ' Finds things ',
        resource: 'crm://customers',
        targetType: 'http',
        url: ' https://api.example.com/lookup ',
        timeoutMs: 2500,
        inputSchema: '{"type":"object","required":["q"]}',
      }),
    );

    expect(result).toEqual({
      ok: true,
      value: {
        name: 'lookup',
        description: 'Finds things',
        resource: 'crm://customers',
        inputSchema: { type: 'object', required: ['q'] },
        target: {
          type: 'http',
          url: 'https://api.example.com/lookup',
          timeoutMs: 2500,
        },
      },
    });
  });

  it('does not send URL or timeout for an echo tool', () => {
    const result = buildCreateToolRequest(
      newFormValue({ url: 'https://left.over', timeoutMs: 10 }),
    );

    expect(result).toEqual({
      ok: true,
      value: { name: 'echo', target: { type: 'echo' } },
    });
  });

  it.each([
    ['', 'Give the tool a name.'],
    ['has space', 'starting with a letter or digit'],
    ['_leading', 'starting with a letter or digit'],
    ['x'.repeat(101), 'at most 100'],
  ])('rejects the name %p', (name, message) => {
    const result = buildCreateToolRequest(newFormValue({ name }));

    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.errors['name']).toContain(message);
  });

  it.each([
    ['', 'needs the URL'],
    ['not a url', 'full URL'],
    ['ftp://files.example.com', 'http:// or https://'],
  ])('rejects the HTTP target URL %p', (url, message) => {
    const result = buildCreateToolRequest(
      newFormValue({ targetType: 'http', url }),
    );

    expect(result.ok ? undefined : result.errors['target.url']).toContain(
      message,
    );
  });

  it.each([0, 99, 1.5, 150.5, TOOL_TIMEOUT_MAX_MS + 1])(
    'rejects the timeout %p',
    (timeoutMs) => {
      const result = buildCreateToolRequest(
        newFormValue({
          targetType: 'http',
          url: 'https://a.example',
          timeoutMs,
        }),
      );

      expect(
        result.ok ? undefined : result.errors['target.timeoutMs'],
      ).toContain('whole number');
    },
  );

  it('rejects an input schema that is not a JSON object', () => {
    expect(
      buildCreateToolRequest(newFormValue({ inputSchema: '[1]' })),
    ).toEqual({
      ok: false,
      errors: { inputSchema: expect.stringContaining('JSON object') },
    });
  });

  it('reports every problem at once', () => {
    const result = buildCreateToolRequest(
      newFormValue({ name: '', targetType: 'http', url: '', inputSchema: '{' }),
    );

    expect(result.ok ? [] : Object.keys(result.errors).sort()).toEqual([
      'inputSchema',
      'name',
      'target.url',
    ]);
  });
});
