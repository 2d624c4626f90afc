import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatConfigError, PluginsConfigError, PluginsConfigMissingError, readPluginsConfig } from './plugins-config';

describe('readPluginsConfig', () => {
  let dir: string;
  const write = (text: string): string => {
    const file = join(dir, 'plugins.config.yaml');
    writeFileSync(file, text);
    return file;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a valid file into registry entries', () => {
    const file = write('plugins:\n  - name: A\n    kind: "@x/a"\n    priority: 3\n');
    expect(readPluginsConfig(file)).toEqual({ file, entries: [expect.objectContaining({ name: 'A', kind: '@x/a', priority: 3 })], warnings: [] });
  });

  it('throws every rule violation with its line, as a 422 CONFIG_INVALID', () => {
    const file = write('plugins:\n  - name: A\n    kind: "@x/a"\n    requires: [Nope]\n    colour: red\n');
    let error: unknown;
    try {
      readPluginsConfig(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PluginsConfigError);
    const problem = error as PluginsConfigError;
    expect(problem.code).toBe('CONFIG_INVALID');
    expect(problem.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(problem.message).toContain(`${file}:4: plugins[0].requires[0]: requires unknown plugin Nope`);
  });

  it('refuses values the registry table cannot store', () => {
    const file = write(`plugins:\n  - name: A\n    kind: "@x/a"\n    description: "${'d'.repeat(2001)}"\n    priority: 99999999999\n`);
    expect(() => readPluginsConfig(file)).toThrow('plugins[0].description: must be at most 2000 characters');
    expect(() => readPluginsConfig(file)).toThrow('plugins[0].priority: must be between');
  });

  it('tells a missing file apart', () => {
    expect(() => readPluginsConfig(join(dir, 'absent.yaml'))).toThrow(PluginsConfigMissingError);
  });

  it('formats errors as file:line: path: message, without a line for the whole file', () => {
    expect(formatConfigError({ file: 'p.yaml', line: 3, path: 'plugins[0].mode', message: 'bad' })).toBe('p.yaml:3: plugins[0].mode: bad');
    expect(formatConfigError({ file: 'p.yaml', line: 0, path: '', message: 'the file does not exist' })).toBe('p.yaml: the file does not exist');
  });
});
