import { newRegistryEntry } from '../testing/governance.factories';
import { checkChainValidity, problemKey, type ChainProblem } from './validity';

const registry = [
  newRegistryEntry('PIIFilterPlugin', {
    mandatory: true,
    conflictsWith: ['DenyFilterPlugin'],
  }),
  newRegistryEntry('DenyFilterPlugin'),
  newRegistryEntry('CachingPlugin', { requires: ['AuthenticationPlugin'] }),
  newRegistryEntry('AuthenticationPlugin'),
  newRegistryEntry('RegexFilterPlugin', {
    conflictsWith: ['ResourceFilterPlugin'],
  }),
  newRegistryEntry('ResourceFilterPlugin', {
    conflictsWith: ['RegexFilterPlugin'],
  }),
];

describe('checkChainValidity', () => {
  it('accepts a chain whose requirements are met and that has no conflicting pair', () => {
    expect(
      checkChainValidity(registry, [
        'PIIFilterPlugin',
        'CachingPlugin',
        'AuthenticationPlugin',
      ]),
    ).toEqual([]);
  });

  it('names the conflict like the epic, with (mandatory) after the mandatory plugin', () => {
    const [problem, ...rest] = checkChainValidity(registry, [
      'PIIFilterPlugin',
      'DenyFilterPlugin',
    ]);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      code: 'PLUGIN_CONFLICT',
      plugin: 'DenyFilterPlugin',
      other: 'PIIFilterPlugin',
      message: 'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)',
    });
    expect(problem?.suggestions).toContain(
      'Keep DenyFilterPlugin disabled: PIIFilterPlugin is mandatory and cannot be disabled',
    );
  });

  it('names a missing requirement like the epic and suggests autoEnableRequirements', () => {
    const problems = checkChainValidity(registry, ['CachingPlugin']);
    expect(problems).toEqual([
      {
        code: 'PLUGIN_REQUIREMENT_MISSING',
        plugin: 'CachingPlugin',
        other: 'AuthenticationPlugin',
        message: 'CachingPlugin requires AuthenticationPlugin to be enabled',
        suggestions: [
          'Enable AuthenticationPlugin at the same level, or retry with autoEnableRequirements: true',
          'Or keep CachingPlugin disabled',
        ],
      },
    ]);
  });

  it('reports a conflict declared on both sides once, the focus named first', () => {
    const problems = checkChainValidity(
      registry,
      ['RegexFilterPlugin', 'ResourceFilterPlugin'],
      {
        focus: 'ResourceFilterPlugin',
      },
    );
    expect(problems.map((p) => p.message)).toEqual([
      'ResourceFilterPlugin conflicts with RegexFilterPlugin',
    ]);
    const [problem] = problems as [ChainProblem];
    expect(problemKey(problem)).toBe(
      problemKey({
        ...problem,
        plugin: 'RegexFilterPlugin',
        other: 'ResourceFilterPlugin',
      }),
    );
  });

  it('explains a requirement on a plugin missing from the registry', () => {
    const problems = checkChainValidity(
      [newRegistryEntry('A', { requires: ['Gone'] })],
      ['A'],
    );
    expect(problems[0]?.suggestions[0]).toMatch(
      /Gone is not in the plugin registry/,
    );
  });

  it('ignores names that are not in the registry and sorts problems deterministically', () => {
    const problems = checkChainValidity(registry, [
      'Unknown',
      'CachingPlugin',
      'DenyFilterPlugin',
      'PIIFilterPlugin',
    ]);
    expect(problems.map((p) => p.code)).toEqual([
      'PLUGIN_CONFLICT',
      'PLUGIN_REQUIREMENT_MISSING',
    ]);
  });
});
