import { Controller, ExecutionContext, Get, Post } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { PluginException } from './plugin.exceptions';
import {
  assertGuarded,
  CurrentUser,
  decidePluginAccess,
  OptionalUser,
  PLUGBOARD_PUBLIC,
  PluginAuthenticated,
  PluginOptionalAuth,
  pluginRouteAccess,
  PluginRoleResolver,
  PluginUser,
  Public,
  RequirePluginRole,
} from './route.decorators';

const newUser = (overrides: Partial<PluginUser> = {}): PluginUser => ({
  id: 'u-1',
  email: 'ada@example.com',
  platformRole: 'user',
  ...overrides,
});

type ParamFactory = (data: unknown, ctx: ExecutionContext) => unknown;

function factoryOf(decorator: () => ParameterDecorator): ParamFactory {
  class Probe {
    handle(@decorator() value: unknown): unknown {
      return value;
    }
  }
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, Probe, 'handle') as Record<string, { factory: ParamFactory }>;
  const first = Object.values(args)[0];
  if (!first) throw new Error('no param metadata');
  return first.factory;
}

const contextWith = (user: PluginUser | undefined): ExecutionContext =>
  ({ switchToHttp: () => ({ getRequest: () => ({ user }) }) }) as unknown as ExecutionContext;

describe('route decorators', () => {
  it('shares the public key with the API', () => {
    expect(PLUGBOARD_PUBLIC).toBe('plugboard:public');
  });

  it('@CurrentUser() returns request.user and answers 401 without one', () => {
    const factory = factoryOf(CurrentUser);
    const user = newUser();
    expect(factory(undefined, contextWith(user))).toBe(user);
    expect(() => factory(undefined, contextWith(undefined))).toThrow(PluginException);
    try {
      factory(undefined, contextWith(undefined));
    } catch (error) {
      expect((error as PluginException).status).toBe(401);
    }
  });

  it('@OptionalUser() returns the user or null', () => {
    const factory = factoryOf(OptionalUser);
    expect(factory(undefined, contextWith(undefined))).toBeNull();
    expect(factory(undefined, contextWith(newUser({ id: 'u-2' })))).toMatchObject({ id: 'u-2' });
  });

  it('@RequirePluginRole() needs a role name', () => {
    expect(() => RequirePluginRole()).toThrow(/at least one/);
    expect(() => RequirePluginRole('')).toThrow(/non-empty/);
  });

  it('reads handler metadata over the controller', () => {
    @RequirePluginRole('auditor')
    class Ctl {
      @Public() @Get('open') open(): void { return undefined; }
      @Get('calls') calls(): void { return undefined; }
    }
    const proto = Ctl.prototype;
    expect(pluginRouteAccess(proto.open, Ctl)).toMatchObject({ public: true, roles: ['auditor'] });
    expect(pluginRouteAccess(proto.calls, Ctl)).toMatchObject({ public: false, roles: ['auditor'] });
  });
});

describe('decidePluginAccess', () => {
  const resolver = (roles: string[]): PluginRoleResolver & { rolesOf: jest.Mock } => ({
    rolesOf: jest.fn().mockResolvedValue(roles),
  });
  const access = (overrides: Partial<ReturnType<typeof pluginRouteAccess>> = {}): ReturnType<typeof pluginRouteAccess> => ({
    public: false,
    optional: false,
    authenticated: false,
    roles: null,
    ...overrides,
  });

  it('lets anyone through a public route', async () => {
    await expect(decidePluginAccess({ access: access({ public: true }), user: null, pluginName: 'P', resolver: resolver([]) })).resolves.toBe('allow');
  });

  it('needs a caller unless optional', async () => {
    await expect(decidePluginAccess({ access: access({ authenticated: true }), user: null, pluginName: 'P', resolver: resolver([]) })).resolves.toBe('unauthenticated');
    await expect(decidePluginAccess({ access: access({ optional: true }), user: null, pluginName: 'P', resolver: resolver([]) })).resolves.toBe('allow');
  });

  it('asks the resolver on every request and forbids without the role', async () => {
    const roles = resolver(['viewer']);
    const input = { access: access({ roles: ['auditor', 'admin'] }), user: newUser(), pluginName: 'AuditLoggerPlugin', resolver: roles };
    await expect(decidePluginAccess(input)).resolves.toBe('forbidden');
    roles.rolesOf.mockResolvedValue(['auditor']);
    await expect(decidePluginAccess(input)).resolves.toBe('allow');
    roles.rolesOf.mockResolvedValue([]);
    await expect(decidePluginAccess(input)).resolves.toBe('forbidden');
    expect(roles.rolesOf).toHaveBeenCalledTimes(3);
    expect(roles.rolesOf).toHaveBeenCalledWith('u-1', 'AuditLoggerPlugin');
  });

  it('lets platform admins through without asking', async () => {
    const roles = resolver([]);
    const input = { access: access({ roles: ['auditor'] }), user: newUser({ platformRole: 'admin' }), pluginName: 'P', resolver: roles };
    await expect(decidePluginAccess(input)).resolves.toBe('allow');
    expect(roles.rolesOf).not.toHaveBeenCalled();
  });

  it('does not let an anonymous caller through a role route marked optional', async () => {
    await expect(decidePluginAccess({ access: access({ optional: true, roles: ['x'] }), user: null, pluginName: 'P', resolver: resolver([]) })).resolves.toBe('unauthenticated');
  });
});

describe('assertGuarded', () => {
  it('accepts a controller guarded at class level', () => {
    @Controller() @PluginAuthenticated()
    class Ctl { @Get() list(): void { return undefined; } }
    expect(() => assertGuarded(Ctl)).not.toThrow();
  });

  it('accepts a controller whose every handler decides', () => {
    @Controller()
    class Ctl {
      @Public() @Get('a') a(): void { return undefined; }
      @RequirePluginRole('auditor') @Get('b') b(): void { return undefined; }
      @PluginOptionalAuth() @Get('c') c(): void { return undefined; }
      helper(): void { return undefined; }
    }
    expect(() => assertGuarded(Ctl)).not.toThrow();
  });

  it('refuses a controller with an undecided handler, naming it', () => {
    @Controller()
    class LeakyController {
      @Public() @Get('a') a(): void { return undefined; }
      @Post('b') b(): void { return undefined; }
    }
    expect(() => assertGuarded(LeakyController, 'DemoPlugin')).toThrow(/DemoPlugin: controller LeakyController .*\(b\)/);
  });

  it('refuses a controller with nothing at all', () => {
    @Controller()
    class Bare { @Get() list(): void { return undefined; } }
    expect(() => assertGuarded(Bare)).toThrow(/without an access decision/);
  });

  it('refuses @Public() combined with a role on the same target', () => {
    @Controller()
    class Mixed { @Public() @RequirePluginRole('x') @Get() list(): void { return undefined; } }
    expect(() => assertGuarded(Mixed)).toThrow(/combines @Public\(\)/);
  });
});
