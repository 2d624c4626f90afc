import { newRegistryEntry } from '../testing/governance.factories';
import type { JsonObject } from './registry.model';
import { parseRegistryYaml } from './registry-yaml';

const FILE = 'plugins.config.yaml';

const example = `plugins:
  - name: PIIFilterPlugin
    kind: "@plugboard/plugin-pii-filter"
    version: "1.0.0"
    mandatory: true
    enabled_globally: true
    allow_team_override: true
    allow_user_override: false
    allow_server_override: false
    priority: 2
    mode: enforce
    config:
      pii_patterns: ['\\b\\d{3}-\\d{2}-\\d{4}\\b']
  - name: RegexFilterPlugin
    kind: "@plugboard/plugin-regex-filter"
`;

function messages(text: string, options = {}): string[] {
  return parseRegistryYaml(text, FILE, options).errors.map(
    (e) => `${e.line} ${e.path}: ${e.message}`,
  );
}

describe('parseRegistryYaml', () => {
  it("reads the SPEC's example, filling in defaults", () => {
    const { entries, errors } = parseRegistryYaml(example, FILE);
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      newRegistryEntry('PIIFilterPlugin', {
        kind: '@plugboard/plugin-pii-filter',
        mandatory: true,
        enabledGlobally: true,
        allowUserOverride: false,
        allowServerOverride: false,
        priority: 2,
        defaultConfig: { pii_patterns: ['\\b\\d{3}-\\d{2}-\\d{4}\\b'] },
      }),
      {
        ...newRegistryEntry('RegexFilterPlugin', {
          kind: '@plugboard/plugin-regex-filter',
        }),
        version: '0.0.0',
      },
    ]);
  });

  it('implies enabled_globally for a mandatory plugin, and rejects saying otherwise', () => {
    const implied = parseRegistryYaml(
      'plugins:\n  - name: A\n    kind: a\n    mandatory: true\n',
      FILE,
    );
    expect(implied.entries[0]?.enabledGlobally).toBe(true);
    expect(
      messages(
        'plugins:\n  - name: A\n    kind: a\n    mandatory: true\n    enabled_globally: false\n',
      ),
    ).toEqual([
      '5 plugins[0].enabled_globally: a mandatory plugin is always enabled globally',
    ]);
  });

  it('rejects unknown fields and wrong types, each on its own line', () => {
    const text = [
      'plugins:',
      '  - name: A',
      '    kind: a',
      '    enabeld_globally: true',
      '    priority: high',
      '    version: 1.0',
      '    mode: strict',
      '    requires: B',
      '    config: [1]',
      '    mandatory: "yes"',
    ].join('\n');
    expect(messages(text)).toEqual([
      expect.stringMatching(
        /^4 plugins\[0\]\.enabeld_globally: unknown field "enabeld_globally"/,
      ),
      '5 plugins[0].priority: must be an integer',
      '6 plugins[0].version: must be a string (quote it: "1")',
      '7 plugins[0].mode: must be one of enforce, permissive, disabled',
      '8 plugins[0].requires: must be a list of plugin names',
      '9 plugins[0].config: must be a mapping',
      '10 plugins[0].mandatory: must be true or false',
    ]);
  });

  it('rejects missing names and kinds, duplicates, and bad names', () => {
    const text =
      'plugins:\n  - kind: a\n  - name: B\n    kind: b\n  - name: B\n    kind: b2\n  - name: "9lives"\n    kind: c\n';
    expect(messages(text)).toEqual([
      '2 plugins[0]: missing required field "name"',
      '5 plugins[2].name: duplicate plugin name B',
      '7 plugins[3].name: must start with a letter and use only letters, digits, "_", "." and "-" (at most 100)',
    ]);
  });

  it('rejects a mandatory plugin requiring an optional one, and mandatory plugins in conflict, at the item', () => {
    const text = [
      'plugins:',
      '  - name: M1',
      '    kind: m1',
      '    mandatory: true',
      '    requires: [M2, Opt]',
      '    conflicts_with:',
      '      - M2',
      '  - name: M2',
      '    kind: m2',
      '    mandatory: true',
      '  - name: Opt',
      '    kind: opt',
      '    requires: [Nobody]',
    ].join('\n');
    expect(messages(text)).toEqual([
      '5 plugins[0].requires[0]: M2 is both required and conflicting',
      '5 plugins[0].requires[1]: mandatory plugin M1 requires Opt, which is not mandatory',
      '7 plugins[0].conflicts_with[0]: mandatory plugins M1 and M2 conflict with each other',
      '13 plugins[2].requires[0]: requires unknown plugin Nobody',
    ]);
  });

  it('checks kinds and default configs against the installed plugins', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        pii_patterns: { type: 'array', items: { type: 'integer' } },
      },
      required: ['action'],
    };
    const result = parseRegistryYaml(example, FILE, {
      isKnownKind: (kind) => kind === '@plugboard/plugin-pii-filter',
      configSchemaFor: (entry) =>
        entry.name === 'PIIFilterPlugin' ? schema : null,
    });
    expect(result.errors).toEqual([
      {
        file: FILE,
        line: 12,
        path: 'plugins[0].config/action',
        message: 'is required',
      },
      {
        file: FILE,
        line: 13,
        path: 'plugins[0].config/pii_patterns/0',
        message: 'must be integer',
      },
    ]);
    // An optional plugin whose package is missing loads as unavailable: a warning, not an error.
    expect(result.warnings).toEqual([
      {
        file: FILE,
        line: 15,
        path: 'plugins[1].kind',
        message:
          'no loadable plugin package "@plugboard/plugin-regex-filter": RegexFilterPlugin will be unavailable',
      },
    ]);
  });

  it('refuses a mandatory plugin whose package is not installed (start-up would fail closed)', () => {
    const result = parseRegistryYaml(
      'plugins:\n  - name: Gone\n    kind: "@acme/gone"\n    mandatory: true\n',
      FILE,
      { isKnownKind: () => false },
    );
    expect(result.errors).toEqual([
      {
        file: FILE,
        line: 3,
        path: 'plugins[0].kind',
        message:
          'no loadable plugin package "@acme/gone": a mandatory plugin that cannot load stops start-up',
      },
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('reports YAML syntax errors and a wrong top level with their lines', () => {
    expect(messages('plugins:\n  - name: A\n   kind: [\n')[0]).toMatch(/^3 /);
    expect(messages('- name: A\n')).toEqual([
      '1 : expected a mapping with a top-level "plugins:" list',
    ]);
    expect(messages('plugins: {}\n')).toEqual([
      '1 plugins: "plugins" must be a list',
    ]);
    expect(messages('plugins:\nextra: 1\n')).toEqual([
      '2 extra: unknown top-level field "extra"; only "plugins" is allowed',
    ]);
    expect(parseRegistryYaml('plugins:\n', FILE)).toEqual({
      entries: [],
      errors: [],
      warnings: [],
    });
  });

  it('rejects forbidden keys in a default config', () => {
    expect(
      messages(
        'plugins:\n  - name: A\n    kind: a\n    config:\n      __proto__:\n        x: 1\n',
      ),
    ).toEqual([
      '5 plugins[0].config/__proto__: keys __proto__, constructor and prototype are not allowed',
    ]);
  });
});
