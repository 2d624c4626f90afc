import { describeChange, timeAgo, type ChangeRecord } from './recent-change.util';

const NOW = new Date('2026-11-23T12:00:00Z');
const change = (overrides: Partial<ChangeRecord>): ChangeRecord => ({
  at: new Date(NOW.getTime() - 2 * 3_600_000),
  actorEmail: 'alice@example.com',
  action: 'setting.created',
  pluginName: 'DenyFilterPlugin',
  level: 'server',
  entityType: 'server',
  entityName: 'prod_tools',
  oldValue: null,
  newValue: { enabled: true },
  ...overrides,
});

describe('recent changes as sentences', () => {
  it("reads like US-5's example", () => {
    expect(describeChange(change({}), NOW)).toBe("alice@example.com enabled DenyFilterPlugin on server 'prod_tools' 2 hours ago");
  });

  it('names what happened for each kind of audit row', () => {
    expect(describeChange(change({ newValue: { enabled: false } }), NOW)).toMatch(/ disabled DenyFilterPlugin on server 'prod_tools' /);
    expect(describeChange(change({ action: 'setting.updated', oldValue: { enabled: true }, newValue: { enabled: true } }), NOW)).toMatch(/ changed the config of DenyFilterPlugin /);
    expect(describeChange(change({ action: 'setting.updated', oldValue: { enabled: true }, newValue: { enabled: false } }), NOW)).toMatch(/ disabled DenyFilterPlugin /);
    expect(describeChange(change({ action: 'setting.deleted', level: 'team', entityType: 'team', entityName: 'engineering', newValue: null }), NOW)).toBe(
      "alice@example.com removed the team setting of DenyFilterPlugin for team 'engineering' 2 hours ago",
    );
    expect(describeChange(change({ action: 'setting.auto_enabled', entityType: 'user', entityName: 'bob@example.com' }), NOW)).toMatch(/enabled DenyFilterPlugin \(required by another plugin\) for user bob@example.com/);
    expect(describeChange(change({ action: 'registry.updated', entityType: 'registry', newValue: { description: 'x', priority: 3 } }), NOW)).toBe(
      'alice@example.com changed the registry entry of DenyFilterPlugin (description, priority) 2 hours ago',
    );
    expect(describeChange(change({ action: 'plugin.promoted', entityType: 'registry', actorEmail: null }), NOW)).toBe('system made DenyFilterPlugin mandatory 2 hours ago');
    expect(describeChange(change({ action: 'plugin.demoted', entityType: 'registry' }), NOW)).toMatch(/made DenyFilterPlugin optional/);
    expect(describeChange(change({ action: 'policy.restored', pluginName: null, entityType: 'policy', entityName: 'snapshot of 2026-11-20T10:00:00.000Z' }), NOW)).toBe(
      'alice@example.com restored the plugin policy of snapshot of 2026-11-20T10:00:00.000Z 2 hours ago',
    );
    expect(describeChange(change({ action: 'registry.created', entityType: 'registry' }), NOW)).toMatch(/added DenyFilterPlugin to the registry/);
    expect(describeChange(change({ action: 'registry.removed', entityType: 'registry' }), NOW)).toMatch(/removed DenyFilterPlugin from the registry/);
    expect(describeChange(change({ action: 'something.else', entityType: 'registry' }), NOW)).toMatch(/something.else DenyFilterPlugin/);
  });

  it('says how long ago, in the largest whole unit', () => {
    const ago = (seconds: number): string => timeAgo(new Date(NOW.getTime() - seconds * 1000), NOW);
    expect(ago(0)).toBe('just now');
    expect(ago(59)).toBe('just now');
    expect(ago(60)).toBe('1 minute ago');
    expect(ago(59 * 60)).toBe('59 minutes ago');
    expect(ago(3600)).toBe('1 hour ago');
    expect(ago(23 * 3600 + 3599)).toBe('23 hours ago');
    expect(ago(86_400)).toBe('1 day ago');
    expect(ago(10 * 86_400)).toBe('10 days ago');
    expect(timeAgo(new Date(NOW.getTime() + 5000), NOW)).toBe('just now');
  });
});
