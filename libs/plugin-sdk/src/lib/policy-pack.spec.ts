import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationException } from './plugin.exceptions';
import { configurePolicyPackImport, importPolicyPack, parsePolicyPack, PolicyPackApplier, PolicyPackImporter } from './policy-pack';
import type { PluginUser } from './route.decorators';
import { SignalBus } from './signals';

const newUser = (): PluginUser => ({ id: 'u-1', email: 'admin@example.com', platformRole: 'admin' });
const newApplier = (): PolicyPackApplier & { apply: jest.Mock } => ({ apply: jest.fn().mockResolvedValue({ applied: 2 }) });
const quietBus = (): SignalBus => new SignalBus({ logger: { warn: jest.fn(), error: jest.fn() } });

const YAML_PACK = `
name: baseline
settings:
  - level: team
    target: t-1
    pluginName: PIIFilterPlugin
    enabled: true
    config: { action: block }
    priority: 10
  - level: server
    target: s-1
    pluginName: DenyFilterPlugin
    enabled: false
`;

describe('parsePolicyPack', () => {
  it('parses YAML', () => {
    expect(parsePolicyPack(YAML_PACK)).toEqual({
      name: 'baseline',
      settings: [
        { level: 'team', target: 't-1', pluginName: 'PIIFilterPlugin', enabled: true, config: { action: 'block' }, priority: 10 },
        { level: 'server', target: 's-1', pluginName: 'DenyFilterPlugin', enabled: false },
      ],
    });
  });

  it('parses JSON', () => {
    const json = JSON.stringify({ name: 'j', settings: [{ level: 'user', target: 'u-1', pluginName: 'CachingPlugin', enabled: true, priority: null }] });
    expect(parsePolicyPack(json).settings[0]).toMatchObject({ level: 'user', priority: null });
  });

  it.each([
    ['not YAML', 'name: [unclosed', ''],
    ['not an object', '- 1', ''],
    ['no settings', 'name: x\nsettings: []', '/settings'],
    ['a bad level', 'name: x\nsettings: [{level: global, target: t, pluginName: P, enabled: true}]', '/settings/0/level'],
    ['a non-boolean enabled', 'name: x\nsettings: [{level: team, target: t, pluginName: P, enabled: "yes"}]', '/settings/0/enabled'],
    ['an unknown key', 'name: x\nsettings: [{level: team, target: t, pluginName: P, enabled: true, mandatory: true}]', '/settings/0/mandatory'],
    ['a bad priority', 'name: x\nsettings: [{level: team, target: t, pluginName: P, enabled: true, priority: -1}]', '/settings/0/priority'],
    ['a config array', 'name: x\nsettings: [{level: team, target: t, pluginName: P, enabled: true, config: [1]}]', '/settings/0/config'],
    ['a duplicate', 'name: x\nsettings: [{level: team, target: t, pluginName: P, enabled: true}, {level: team, target: t, pluginName: P, enabled: false}]', '/settings/1'],
    ['a duplicate key', 'name: x\nname: y\nsettings: [{level: team, target: t, pluginName: P, enabled: true}]', ''],
  ])('refuses %s (422, pointing at the field)', (_what, text, pointer) => {
    try {
      parsePolicyPack(text);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationException);
      const exception = error as ValidationException;
      expect(exception.code).toBe('POLICY_PACK_INVALID');
      expect(exception.errors?.map((e) => e.pointer)).toContain(pointer);
    }
  });

  it('refuses an alias bomb', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    expect(() => parsePolicyPack(bomb)).toThrow(ValidationException);
  });
});

describe('PolicyPackImporter', () => {
  it('applies the pack under the given name, then emits policy_pack.imported', async () => {
    const applier = newApplier();
    const bus = quietBus();
    const received = jest.fn();
    bus.on('policy_pack.imported', received);
    const context = { name: 'baseline-2025', user: newUser(), sourceUri: 'https://packs.example/baseline' };
    const result = await new PolicyPackImporter(applier, bus).import({ content: YAML_PACK }, context);
    expect(result.applied).toBe(2);
    expect(applier.apply).toHaveBeenCalledWith(expect.objectContaining({ name: 'baseline-2025', settings: expect.any(Array) }), context);
    await bus.idle();
    expect(received).toHaveBeenCalledWith({ name: 'baseline-2025', userId: 'u-1', sourceUri: 'https://packs.example/baseline', settingCount: 2 }, expect.any(AbortSignal));
  });

  it('reads a file path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pack-'));
    const file = join(dir, 'pack.yaml');
    await writeFile(file, YAML_PACK);
    const applier = newApplier();
    await new PolicyPackImporter(applier, quietBus()).import(file, { name: 'from-file', user: newUser() });
    expect(applier.apply).toHaveBeenCalledTimes(1);
  });

  it('applies nothing and emits nothing for an invalid pack or a failing applier', async () => {
    const applier = newApplier();
    const bus = quietBus();
    const received = jest.fn();
    bus.on('policy_pack.imported', received);
    const importer = new PolicyPackImporter(applier, bus);
    await expect(importer.import({ content: 'name: x\nsettings: 3' }, { name: 'x', user: newUser() })).rejects.toThrow(ValidationException);
    expect(applier.apply).not.toHaveBeenCalled();
    applier.apply.mockRejectedValue(new Error('MANDATORY_PLUGIN'));
    await expect(importer.import({ content: YAML_PACK }, { name: 'x', user: newUser() })).rejects.toThrow('MANDATORY_PLUGIN');
    await bus.idle();
    expect(received).not.toHaveBeenCalled();
  });

  it('importPolicyPack needs the platform to configure an applier', async () => {
    configurePolicyPackImport(null);
    await expect(importPolicyPack({ content: YAML_PACK }, { name: 'x', user: newUser() })).rejects.toThrow(/not configured/);
    const applier = newApplier();
    configurePolicyPackImport(applier, quietBus());
    await expect(importPolicyPack({ content: YAML_PACK }, { name: 'x', user: newUser() })).resolves.toMatchObject({ applied: 2 });
    configurePolicyPackImport(null);
  });
});
