import type { PluginConfigError } from '@plugboard/shared-contracts';
import {
  newLevelPlugin,
  newPluginSetting,
  newProblem,
} from '../../../testing/factories';
import {
  buildSettingWrite,
  draftOf,
  sameDraft,
  settingProblemOf,
} from './setting-draft.util';

describe('draftOf', () => {
  it('starts from the row at this level', () => {
    const plugin = newLevelPlugin({
      enabled: true,
      setting: newPluginSetting({
        enabled: false,
        config: { blocked_patterns: ['x'] },
        inheritConfig: false,
        priority: 15,
      }),
    });

    expect(draftOf(plugin)).toEqual({
      enabled: false,
      configText: JSON.stringify({ blocked_patterns: ['x'] }, null, 2),
      inheritConfig: false,
      priorityText: '15',
    });
  });

  it('without a row, starts from the state the levels above give it', () => {
    expect(draftOf(newLevelPlugin({ enabled: true }))).toEqual({
      enabled: true,
      configText: '{}',
      inheritConfig: true,
      priorityText: '',
    });
  });
});

describe('sameDraft', () => {
  const base = draftOf(newLevelPlugin());

  it('ignores JSON formatting and priority whitespace', () => {
    expect(
      sameDraft(
        { ...base, configText: '{"a": [1, 2]}', priorityText: ' 5 ' },
        {
          ...base,
          configText: '{\n  "a": [\n 1,\n 2\n ]\n}',
          priorityText: '5',
        },
      ),
    ).toBe(true);
  });

  it('notices any real change', () => {
    expect(sameDraft(base, { ...base, enabled: !base.enabled })).toBe(false);
    expect(sameDraft(base, { ...base, inheritConfig: false })).toBe(false);
    expect(sameDraft(base, { ...base, priorityText: '3' })).toBe(false);
    expect(sameDraft(base, { ...base, configText: '{"a": 1}' })).toBe(false);
    expect(sameDraft(base, { ...base, configText: '{' })).toBe(false);
  });
});

describe('buildSettingWrite', () => {
  const draft = {
    enabled: true,
    configText: '{"blocked_patterns": ["internal-regex-123"]}',
    inheritConfig: true,
    priorityText: '',
  };

  it('builds a create without version or priority', () => {
    expect(buildSettingWrite(draft, newLevelPlugin())).toEqual({
      ok: true,
      value: {
        enabled: true,
        config: { blocked_patterns: ['internal-regex-123'] },
        inheritConfig: true,
      },
    });
  });

  it('carries the row version (optimistic concurrency) and the priority', () => {
    const plugin = newLevelPlugin({
      setting: newPluginSetting({ version: 7 }),
    });

    expect(buildSettingWrite({ ...draft, priorityText: '25' }, plugin)).toEqual(
      {
        ok: true,
        value: expect.objectContaining({ version: 7, priority: 25 }),
      },
    );
  });

  it('treats a blank config as {}', () => {
    const result = buildSettingWrite(
      { ...draft, configText: '  ' },
      newLevelPlugin(),
    );
    expect(result.ok && result.value.config).toEqual({});
  });

  it.each([
    ['["a"]', /JSON object/],
    ['{"a": ', /^Not valid JSON/],
  ])('refuses the config %p', (configText, message) => {
    expect(
      buildSettingWrite({ ...draft, configText }, newLevelPlugin()),
    ).toEqual({
      ok: false,
      errors: { config: expect.stringMatching(message) },
    });
  });

  it.each(['-1', '1.5', '100001', 'high'])('refuses the priority %p', (p) => {
    expect(
      buildSettingWrite({ ...draft, priorityText: p }, newLevelPlugin()),
    ).toEqual({
      ok: false,
      errors: { priority: expect.stringContaining('whole number from 0') },
    });
  });
});

describe('settingProblemOf', () => {
  it('places CONFIG_INVALID errors on the config, once each, naming their scope', () => {
    const errors: PluginConfigError[] = [
      {
        pointer: '/blocked_patterns/0',
        message: 'must be string',
        scope: 'row',
        pluginName: 'RegexFilterPlugin',
      },
      {
        pointer: '/blocked_patterns/0',
        message: 'must be string',
        scope: 'row',
        pluginName: 'RegexFilterPlugin',
      },
      {
        pointer: '/mode',
        message: 'must be equal to one of the allowed values',
        scope: 'server',
        serverId: 's1',
        pluginName: 'RegexFilterPlugin',
      },
      {
        pointer: '',
        message: 'must be object',
        scope: 'row',
        pluginName: 'AuthenticationPlugin',
      },
    ];
    const problem = newProblem({
      status: 422,
      code: 'CONFIG_INVALID',
      detail: 'RegexFilterPlugin config is invalid',
      errors,
    });

    const shown = settingProblemOf(problem, 'RegexFilterPlugin');

    expect(shown.detail).toBe('RegexFilterPlugin config is invalid');
    expect(shown.configErrors).toEqual([
      '/blocked_patterns/0: must be string',
      '/mode: must be equal to one of the allowed values (in the merged config)',
      'AuthenticationPlugin (whole config): must be object',
    ]);
    expect(shown.requirementsMissing).toBe(false);
  });

  it('keeps suggestions and offers the retry only for a missing requirement', () => {
    const missing = settingProblemOf(
      newProblem({
        status: 409,
        code: 'PLUGIN_REQUIREMENT_MISSING',
        detail: 'CachingPlugin requires AuthenticationPlugin to be enabled',
        suggestions: ['Enable AuthenticationPlugin at the same level'],
      }),
      'CachingPlugin',
    );
    const conflict = settingProblemOf(
      newProblem({
        status: 409,
        code: 'PLUGIN_CONFLICT',
        detail: 'DenyFilterPlugin conflicts with PIIFilterPlugin (mandatory)',
        suggestions: ['Keep DenyFilterPlugin disabled'],
      }),
      'DenyFilterPlugin',
    );

    expect(missing.requirementsMissing).toBe(true);
    expect(missing.suggestions).toEqual([
      'Enable AuthenticationPlugin at the same level',
    ]);
    expect(conflict.requirementsMissing).toBe(false);
    expect(conflict.suggestions).toEqual(['Keep DenyFilterPlugin disabled']);
  });

  it('marks a stale version and maps request validation to the fields', () => {
    expect(
      settingProblemOf(
        newProblem({ status: 409, code: 'VERSION_CONFLICT', detail: 'stale' }),
        'X',
      ).stale,
    ).toBe(true);

    const invalid = settingProblemOf(
      newProblem({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [
          { pointer: '/priority', message: 'must not be greater than 100000' },
          { pointer: '/config', message: 'config must be an object' },
        ],
      }),
      'X',
    );
    expect(invalid.priorityError).toBe('must not be greater than 100000');
    expect(invalid.configErrors).toEqual(['config must be an object']);
  });
});
