import { FrontendRegistry, frontendRegistryFrom, SlotName } from './frontend-registry';
import { ConflictException, ValidationException } from './plugin.exceptions';

const newRegistry = (): FrontendRegistry => new FrontendRegistry('AuditLoggerPlugin');

describe('FrontendRegistry', () => {
  it('collects safe registrations tagged with the plugin', () => {
    const registry = newRegistry();
    registry.registerFeature('audit-log');
    registry.registerMenuExtension({ id: 'audit', label: 'Audit', route: '/ext/audit-logger' });
    registry.registerMenuExtension({ id: 'docs', label: 'Docs', href: 'https://docs.example.com/audit' });
    registry.registerRoute({ path: '/ext/audit-logger', component: 'AuditCalls', script: '/assets/plugins/audit.js' });
    registry.registerSlot({ slot: 'server:tabs', id: 'calls', component: 'ServerCalls' });
    expect(registry.snapshot()).toEqual({
      features: [{ plugin: 'AuditLoggerPlugin', name: 'audit-log' }],
      menu: [
        { id: 'audit', label: 'Audit', route: '/ext/audit-logger', plugin: 'AuditLoggerPlugin' },
        { id: 'docs', label: 'Docs', href: 'https://docs.example.com/audit', plugin: 'AuditLoggerPlugin' },
      ],
      routes: [{ path: '/ext/audit-logger', component: 'AuditCalls', script: '/assets/plugins/audit.js', plugin: 'AuditLoggerPlugin' }],
      slots: [{ slot: 'server:tabs', id: 'calls', component: 'ServerCalls', plugin: 'AuditLoggerPlugin' }],
    });
  });

  it.each([
    ['menu route', (r: FrontendRegistry) => r.registerMenuExtension({ id: 'x', label: 'X', route: 'javascript:alert(1)' })],
    ['menu href', (r: FrontendRegistry) => r.registerMenuExtension({ id: 'x', label: 'X', href: '//evil.com' })],
    ['route path', (r: FrontendRegistry) => r.registerRoute({ path: '/\\evil.com', component: 'X' })],
    ['route script', (r: FrontendRegistry) => r.registerRoute({ path: '/ok', component: 'X', script: 'data:text/javascript,alert(1)' })],
    ['slot script', (r: FrontendRegistry) => r.registerSlot({ slot: 'team:tabs', id: 'x', component: 'X', script: ' JaVaScRiPt:alert(1)' })],
  ])('refuses an unsafe %s with a ValidationException naming the plugin', (_what, register) => {
    const registry = newRegistry();
    expect(() => register(registry)).toThrow(ValidationException);
    try {
      register(registry);
    } catch (error) {
      expect((error as ValidationException).plugin).toBe('AuditLoggerPlugin');
      expect((error as ValidationException).code).toBe('UNSAFE_URL');
    }
    expect(registry.snapshot().menu).toHaveLength(0);
  });

  it('refuses unknown slots', () => {
    expect(() => newRegistry().registerSlot({ slot: 'footer' as SlotName, id: 'x', component: 'X' })).toThrow(/Unknown slot "footer"/);
  });

  it.each<SlotName>(['home:after-projects', 'server:tabs', 'team:tabs', 'admin:plugins'])('accepts slot %s', (slot) => {
    expect(() => newRegistry().registerSlot({ slot, id: 'w', component: 'Widget' })).not.toThrow();
  });

  it('needs exactly one of route and href', () => {
    expect(() => newRegistry().registerMenuExtension({ id: 'x', label: 'X' })).toThrow(/exactly one/);
    expect(() => newRegistry().registerMenuExtension({ id: 'x', label: 'X', route: '/a', href: '/b' })).toThrow(/exactly one/);
  });

  it('refuses duplicates and malformed ids', () => {
    const registry = newRegistry();
    registry.registerRoute({ path: '/ext/a', component: 'A' });
    expect(() => registry.registerRoute({ path: '/ext/a', component: 'B' })).toThrow(ConflictException);
    expect(() => registry.registerFeature('<script>')).toThrow(ValidationException);
    expect(() => registry.registerRoute({ path: '/ext/b', component: 'x y' })).toThrow(ValidationException);
  });

  it('builds from a manifest ui field and fails at the first bad entry', () => {
    expect(frontendRegistryFrom('P', { features: ['f'], routes: [{ path: '/p', component: 'P' }] }).snapshot().routes).toHaveLength(1);
    expect(() => frontendRegistryFrom('P', { menu: [{ id: 'm', label: 'M', href: 'vbscript:x' }] })).toThrow(ValidationException);
    expect(frontendRegistryFrom('P', undefined).snapshot()).toEqual({ features: [], menu: [], routes: [], slots: [] });
  });
});
