import { PermissionHookRegistry, PermissionHookName, registerPermissionHook, defaultPermissionHooks } from './permission-hooks';
import type { PluginUser } from './route.decorators';
import type { SdkLogger } from './time-limit';

const newUser = (overrides: Partial<PluginUser> = {}): PluginUser => ({ id: 'u-1', email: 'u@example.com', platformRole: 'user', ...overrides });
const newLogger = (): SdkLogger & { warn: jest.Mock; error: jest.Mock } => ({ warn: jest.fn(), error: jest.fn() });

describe('PermissionHookRegistry', () => {
  const ctx = { user: newUser(), teamId: 't-1' };

  it('denies when no hook is registered', async () => {
    await expect(new PermissionHookRegistry({ logger: newLogger() }).check('is_team_owner', ctx)).resolves.toBe(false);
  });

  it('grants only on exactly true', async () => {
    const registry = new PermissionHookRegistry({ logger: newLogger() });
    registry.register('is_team_owner', () => false);
    registry.register('is_team_owner', () => undefined);
    registry.register('is_team_owner', () => null);
    registry.register('is_team_owner', (() => 'yes') as unknown as () => boolean);
    registry.register('is_team_owner', (() => 1) as unknown as () => boolean);
    await expect(registry.check('is_team_owner', ctx)).resolves.toBe(false);
    registry.register('is_team_owner', async () => true);
    await expect(registry.check('is_team_owner', ctx)).resolves.toBe(true);
  });

  it('a false hook cannot take away a grant from another', async () => {
    const registry = new PermissionHookRegistry({ logger: newLogger() });
    registry.register('is_platform_admin', () => true);
    registry.register('is_platform_admin', () => false);
    await expect(registry.check('is_platform_admin', { user: newUser() })).resolves.toBe(true);
  });

  it('a throwing or rejecting hook abstains and is logged', async () => {
    const logger = newLogger();
    const registry = new PermissionHookRegistry({ logger });
    registry.register('is_server_owner', () => { throw new Error('db down'); }, 'FlakyPlugin');
    registry.register('is_server_owner', () => Promise.reject(new Error('nope')), 'OtherPlugin');
    await expect(registry.check('is_server_owner', { user: newUser(), serverId: 's-1', teamId: null })).resolves.toBe(false);
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error.mock.calls[0]?.[0]).toMatch(/is_server_owner of FlakyPlugin threw/);

    registry.register('is_server_owner', () => true);
    await expect(registry.check('is_server_owner', { user: newUser(), serverId: 's-1', teamId: null })).resolves.toBe(true);
  });

  it('a slow hook abstains at the time limit and is logged', async () => {
    const logger = newLogger();
    const registry = new PermissionHookRegistry({ logger, timeoutMs: 20 });
    registry.register('is_team_owner', () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 500).unref()), 'SlowPlugin');
    const started = Date.now();
    await expect(registry.check('is_team_owner', ctx)).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(400);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/SlowPlugin exceeded 20 ms/));
  });

  it('a grant does not wait for a hanging hook', async () => {
    const registry = new PermissionHookRegistry({ logger: newLogger(), timeoutMs: 5_000 });
    registry.register('is_team_owner', () => new Promise<boolean>(() => undefined));
    registry.register('is_team_owner', () => true);
    const started = Date.now();
    await expect(registry.check('is_team_owner', ctx)).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('passes the context (frozen) to the hook', async () => {
    const registry = new PermissionHookRegistry({ logger: newLogger() });
    const seen = jest.fn(() => true);
    registry.register('is_team_owner', seen);
    await registry.check('is_team_owner', ctx);
    expect(seen).toHaveBeenCalledWith(expect.objectContaining({ teamId: 't-1', user: expect.objectContaining({ id: 'u-1' }) }), expect.any(AbortSignal));
    const firstArg = (seen.mock.calls[0] as unknown[])[0];
    expect(Object.isFrozen(firstArg)).toBe(true);
  });

  it('unregisters and refuses unknown names', async () => {
    const registry = new PermissionHookRegistry({ logger: newLogger() });
    const off = registry.register('is_platform_admin', () => true);
    off();
    await expect(registry.check('is_platform_admin', { user: newUser() })).resolves.toBe(false);
    expect(() => registry.register('is_god' as PermissionHookName, () => true)).toThrow(/Unknown permission hook/);
  });

  it('registerPermissionHook writes to the default registry', async () => {
    const off = registerPermissionHook('is_platform_admin', ({ user }) => user.email.endsWith('@ops.example'));
    await expect(defaultPermissionHooks.check('is_platform_admin', { user: newUser({ email: 'a@ops.example' }) })).resolves.toBe(true);
    off();
    expect(defaultPermissionHooks.count('is_platform_admin')).toBe(0);
  });
});
