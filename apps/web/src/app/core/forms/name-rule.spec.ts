import { NAME_MAX, nameProblem } from './name-rule';

describe('nameProblem', () => {
  it.each([
    'echo',
    'production_tools',
    'v1.search-2',
    '9lives',
    'x'.repeat(NAME_MAX),
  ])('accepts %p', (name) => {
    expect(nameProblem(name, 'tool')).toBeNull();
  });

  it('asks for a missing name by what it names', () => {
    expect(nameProblem('', 'server')).toBe('Give the server a name.');
    expect(nameProblem('', 'tool')).toBe('Give the tool a name.');
  });

  it.each(['_hidden', '-dash', '.dot', 'has space', 'slash/name', 'ünïcode'])(
    'rejects the shape of %p',
    (name) => {
      expect(nameProblem(name, 'tool')).toContain(
        'starting with a letter or digit',
      );
    },
  );

  it('rejects names longer than the API stores', () => {
    expect(nameProblem('x'.repeat(NAME_MAX + 1), 'server')).toBe(
      `Use at most ${NAME_MAX} characters.`,
    );
  });
});
