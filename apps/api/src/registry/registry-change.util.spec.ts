import { indexRegistry, newRegistryEntry, newSettingRow, type RegistryEntry } from '@plugboard/governance';
import { checkRegistryChange, newRegistryIssues, registryImpact, type ChainSubject } from './registry-change.util';

const audit = newRegistryEntry('AuditLoggerPlugin', { mandatory: true, priority: 1 });
const regex = newRegistryEntry('RegexFilterPlugin', { priority: 10 });
const cache = newRegistryEntry('CachingPlugin', { priority: 40 });
const before: RegistryEntry[] = [audit, regex, cache];
const withRegex = (changes: Partial<RegistryEntry>): RegistryEntry[] => before.map((e) => (e.name === 'RegexFilterPlugin' ? { ...e, ...changes } : e));

const subjects: ChainSubject[] = [
  { scope: 'platform', id: null, name: 'the platform', layers: {} },
  { scope: 'team', id: 'team-1', name: null, layers: { team: [newSettingRow('team', 'CachingPlugin')] } },
  { scope: 'server', id: 'srv-1', name: 'production_tools', layers: { team: [], user: [], server: [newSettingRow('server', 'RegexFilterPlugin', { config: { blocked_patterns: ['a'] } })] } },
  { scope: 'server', id: 'srv-2', name: 'dev_tools', layers: { team: [], user: [], server: [] } },
];

describe('checkRegistryChange', () => {
  it('reports the problems a change introduces, with the chain they appear in', () => {
    const after = withRegex({ conflictsWith: ['AuditLoggerPlugin'] });
    const { problems } = checkRegistryChange(indexRegistry(before), indexRegistry(after), subjects, 'RegexFilterPlugin');
    expect(problems).toEqual([expect.objectContaining({ code: 'PLUGIN_CONFLICT', message: 'RegexFilterPlugin conflicts with AuditLoggerPlugin (mandatory)', subject: { scope: 'server', id: 'srv-1', name: 'production_tools' } })]);
  });

  it('finds problems on template chains and the platform chain too', () => {
    const requires = checkRegistryChange(indexRegistry(before), indexRegistry(before.map((e) => (e.name === 'CachingPlugin' ? { ...e, requires: ['RegexFilterPlugin'] } : e))), subjects, 'CachingPlugin');
    expect(requires.problems.map((p) => [p.code, p.subject.scope])).toEqual([['PLUGIN_REQUIREMENT_MISSING', 'team']]);
    const global = checkRegistryChange(indexRegistry(before), indexRegistry(withRegex({ enabledGlobally: true, conflictsWith: ['AuditLoggerPlugin'] })), subjects, 'RegexFilterPlugin');
    expect(global.problems.map((p) => p.subject.id)).toEqual([null, 'team-1', 'srv-1', 'srv-2']);
  });

  it('does not blame a change for problems that were already there', () => {
    const broken = withRegex({ conflictsWith: ['AuditLoggerPlugin'] });
    const { problems } = checkRegistryChange(indexRegistry(broken), indexRegistry(broken.map((e) => (e.name === 'RegexFilterPlugin' ? { ...e, priority: 11 } : e))), subjects, 'RegexFilterPlugin');
    expect(problems).toEqual([]);
  });

  it('validates changed effective configs against the plugin\'s schema, where the plugin runs', () => {
    const schema = { type: 'object', properties: { blocked_patterns: { type: 'array', maxItems: 2 } } };
    const after = withRegex({ defaultConfig: { blocked_patterns: ['x', 'y'] }, configSchema: schema });
    const { configErrors } = checkRegistryChange(indexRegistry(before), indexRegistry(after), subjects, 'RegexFilterPlugin');
    expect(configErrors).toEqual([expect.objectContaining({ pointer: '/blocked_patterns', pluginName: 'RegexFilterPlugin', subject: expect.objectContaining({ id: 'srv-1' }) })]);
  });
});

describe('registryImpact', () => {
  it('plans every server and lists only those whose chain changes', () => {
    const plan = registryImpact(indexRegistry(before), indexRegistry(withRegex({ mode: 'permissive' })), subjects, true);
    expect(plan.summary).toEqual({ servers: 2, serversChanged: 1, added: 0, removed: 0, changed: 1 });
    expect(plan.servers.map((s) => s.serverId)).toEqual(['srv-1']);
    expect(plan.servers[0]?.changes).toContainEqual({ plugin: 'RegexFilterPlugin', change: 'changed', fields: ['mode'] });
    expect(plan.names.get('srv-2')).toBe('dev_tools');
  });
});

describe('newRegistryIssues', () => {
  it('answers only the issues the change adds', () => {
    expect(newRegistryIssues(before, withRegex({ requires: ['Nope'] })).map((i) => i.message)).toEqual(['requires unknown plugin Nope']);
    const broken = withRegex({ requires: ['Nope'] });
    expect(newRegistryIssues(broken, broken.map((e) => (e.name === 'RegexFilterPlugin' ? { ...e, priority: 2 } : e)))).toEqual([]);
  });
});
