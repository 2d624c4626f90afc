import { newRegistryEntry, type RegistryEntry } from '@plugboard/governance';
import { apiChangedFields, planRegistrySync, policyValues, type StoredEntry } from './registry-sync.util';

/** A registry row as the last sync left it, with `changes` made through the API since. */
const synced = (entry: RegistryEntry, changes: Partial<RegistryEntry> = {}): StoredEntry => ({
  entry: { ...entry, ...changes },
  lastSynced: policyValues(entry),
});

describe('planRegistrySync', () => {
  const regex = newRegistryEntry('RegexFilterPlugin', { priority: 10 });
  const deny = newRegistryEntry('DenyFilterPlugin', { priority: 20 });
  const auth = newRegistryEntry('AuthenticationPlugin');

  it('creates new entries, removes missing ones and leaves equal ones alone', () => {
    const plan = planRegistrySync([regex, auth], [synced(regex), synced(deny)], { force: false });
    expect(plan.creates.map((c) => c.entry.name)).toEqual(['AuthenticationPlugin']);
    expect(plan.creates[0]?.lastSynced).toEqual(policyValues(auth));
    expect(plan.removes.map((e) => e.name)).toEqual(['DenyFilterPlugin']);
    expect(plan.unchanged).toEqual(['RegexFilterPlugin']);
    expect(plan.updates).toEqual([]);
    expect(plan.kept).toEqual([]);
  });

  it('takes every field the YAML changed when the API did not touch it', () => {
    const yaml = { ...regex, priority: 12, description: 'v2', defaultConfig: { blocked_patterns: ['x'] } };
    const plan = planRegistrySync([yaml], [synced(regex)], { force: false });
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0]).toMatchObject({ fields: ['description', 'defaultConfig', 'priority'], kept: [], lastSynced: policyValues(yaml) });
    expect(plan.updates[0]?.next).toMatchObject({ priority: 12, description: 'v2', defaultConfig: { blocked_patterns: ['x'] } });
  });

  it('keeps a field the API changed since the last sync and reports it, every time, until forced', () => {
    const yaml = { ...regex, priority: 12 };
    const stored = synced(regex, { priority: 15 });
    const plan = planRegistrySync([yaml], [stored], { force: false });
    expect(plan.kept).toEqual([{ name: 'RegexFilterPlugin', fields: ['priority'] }]);
    expect(plan.updates[0]).toMatchObject({ fields: [], kept: ['priority'], next: { priority: 15 }, lastSynced: { priority: 12 } });
    expect(plan.unchanged).toEqual([]);

    const later = planRegistrySync([yaml], [{ entry: stored.entry, lastSynced: policyValues(yaml) }], { force: false });
    expect(later.kept).toEqual([{ name: 'RegexFilterPlugin', fields: ['priority'] }]);
    expect(later.updates).toEqual([]);

    const forced = planRegistrySync([yaml], [stored], { force: true });
    expect(forced.kept).toEqual([]);
    expect(forced.updates[0]).toMatchObject({ fields: ['priority'], next: { priority: 12 } });
  });

  it('counts an API value the YAML has since adopted as synced (bookkeeping only)', () => {
    const yaml = { ...regex, priority: 15 };
    const plan = planRegistrySync([yaml], [synced(regex, { priority: 15 })], { force: false });
    expect(plan.unchanged).toEqual(['RegexFilterPlugin']);
    expect(plan.updates).toEqual([expect.objectContaining({ fields: [], kept: [], lastSynced: policyValues(yaml) })]);
  });

  it('treats a never-synced entry as the YAML\'s to change', () => {
    const plan = planRegistrySync([{ ...regex, priority: 12 }], [{ entry: { ...regex, priority: 99 }, lastSynced: null }], { force: false });
    expect(plan.updates[0]).toMatchObject({ fields: ['priority'], kept: [] });
  });

  it('takes the YAML value of a kept field that would break the registry rules, with a warning', () => {
    const resource = newRegistryEntry('ResourceFilterPlugin');
    const plan = planRegistrySync([deny], [synced(deny, { requires: ['ResourceFilterPlugin'] }), synced(resource)], { force: false });
    expect(plan.removes.map((e) => e.name)).toEqual(['ResourceFilterPlugin']);
    expect(plan.kept).toEqual([]);
    expect(plan.updates[0]).toMatchObject({ fields: ['requires'], next: { requires: [] } });
    expect(plan.warnings).toEqual([expect.stringContaining('DenyFilterPlugin: the API value of requires would break the registry rules (DenyFilterPlugin: requires unknown plugin ResourceFilterPlugin)')]);
  });

  it('never returns the YAML entries\' schemas as entries to store', () => {
    const withSchema = { ...auth, configSchema: { type: 'object' } };
    const plan = planRegistrySync([withSchema], [], { force: false });
    expect(plan.creates[0]?.entry).not.toHaveProperty('configSchema');
    expect(plan.creates[0]?.lastSynced).not.toHaveProperty('configSchema');
  });
});

describe('apiChangedFields', () => {
  it('lists the fields that differ from the last sync, none for a never-synced entry', () => {
    const entry = newRegistryEntry('RegexFilterPlugin');
    expect(apiChangedFields({ ...entry, mode: 'permissive', requires: ['X'] }, policyValues(entry))).toEqual(['requires', 'mode']);
    expect(apiChangedFields(entry, null)).toEqual([]);
  });
});
