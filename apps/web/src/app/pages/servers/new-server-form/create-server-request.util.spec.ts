import {
  buildCreateServerRequest,
  type NewServerFormValue,
  SERVER_DESCRIPTION_MAX,
} from './create-server-request.util';

function newFormValue(
  overrides: Partial<NewServerFormValue> = {},
): NewServerFormValue {
  return { name: 'staging_tools', description: '', teamId: '', ...overrides };
}

describe('buildCreateServerRequest', () => {
  it('sends only the name for a personal server without description', () => {
    expect(
      buildCreateServerRequest(newFormValue({ name: ' staging_tools ' })),
    ).toEqual({ ok: true, value: { name: 'staging_tools' } });
  });

  it('sends the description and team when given', () => {
    expect(
      buildCreateServerRequest(
        newFormValue({ description: ' Staging ', teamId: 'team-eng' }),
      ),
    ).toEqual({
      ok: true,
      value: {
        name: 'staging_tools',
        description: 'Staging',
        teamId: 'team-eng',
      },
    });
  });

  it.each([
    [{ name: '   ' }, 'name', 'Give the server a name.'],
    [{ name: 'my server' }, 'name', 'starting with a letter or digit'],
    [{ name: 'x'.repeat(101) }, 'name', 'at most 100'],
    [
      { description: 'x'.repeat(SERVER_DESCRIPTION_MAX + 1) },
      'description',
      `at most ${SERVER_DESCRIPTION_MAX}`,
    ],
  ])('rejects %o', (overrides, field, message) => {
    const result = buildCreateServerRequest(newFormValue(overrides));

    expect(result.ok ? undefined : result.errors[field]).toContain(message);
  });
});
