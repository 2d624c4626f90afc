import fc from 'fast-check';
import type { PromptArgument } from '@plugboard/shared-contracts';
import { promptArgumentProblems, renderPromptTemplate, templatePlaceholders, undeclaredPlaceholders } from './prompt-template.util';

const arg = (name: string, required = false): PromptArgument => ({ name, description: '', required });

describe('prompt templates', () => {
  it('finds the distinct placeholders, allowing inner spaces, ignoring malformed ones', () => {
    expect(templatePlaceholders('Hi {{name}}, {{ topic }} and {{name}} again; {{1bad}} {{ }} {single}')).toEqual(['name', 'topic']);
  });

  it('reports placeholders that name no declared argument', () => {
    expect(undeclaredPlaceholders('{{a}} {{b}} {{c}}', [arg('a'), arg('c')])).toEqual(['b']);
    expect(undeclaredPlaceholders('no placeholders', [])).toEqual([]);
  });

  it('renders arguments in one pass: placeholders inside values stay literal', () => {
    expect(renderPromptTemplate('Review {{ code }} for {{lang}}.', { code: 'x = {{lang}}', lang: 'Python' })).toBe('Review x = {{lang}} for Python.');
  });

  it('renders an absent optional argument as nothing, and never uses inherited properties', () => {
    expect(renderPromptTemplate('[{{a}}][{{toString}}]', {})).toBe('[][]');
  });

  it('keeps replacement patterns in values literal', () => {
    expect(renderPromptTemplate('{{a}}', { a: "$& $' $1" })).toBe("$& $' $1");
  });

  it('checks required, unknown and non-string arguments', () => {
    const declared = [arg('topic', true), arg('tone')];
    expect(promptArgumentProblems(declared, { topic: 'x', tone: 'dry' })).toEqual([]);
    expect(promptArgumentProblems(declared, {})).toEqual([{ pointer: '/arguments/topic', message: 'is required' }]);
    expect(promptArgumentProblems(declared, { topic: '' })).toEqual([{ pointer: '/arguments/topic', message: 'is required' }]);
    expect(promptArgumentProblems(declared, { topic: 'x', 'a/b': 'y', tone: 3 })).toEqual([
      { pointer: '/arguments/a~1b', message: 'is not an argument of this prompt' },
      { pointer: '/arguments/tone', message: 'must be a string' },
    ]);
  });

  it('renders any string arguments without leaving a declared placeholder behind', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const out = renderPromptTemplate('<{{a}}|{{ b }}>', { a, b });
        expect(out).toBe(`<${a}|${b}>`);
      }),
    );
  });
});
