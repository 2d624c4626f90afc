/**
 * Decorators for plugin controllers. The guards that read this metadata live in the API (and in
 * standalone mode); the keys are shared with the API's own decorators so both read the same flags.
 */
import 'reflect-metadata';
import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { PlatformRole } from '@plugboard/shared-contracts';
import { PluginException } from './plugin.exceptions';

/** Same string as the API's `IS_PUBLIC`: a route marked with it needs no caller. */
export const PLUGBOARD_PUBLIC = 'plugboard:public';
/** Same string as the API's `OPTIONAL_AUTH`: anonymous callers pass, a signed-in caller is seen. */
export const PLUGBOARD_OPTIONAL_AUTH = 'plugboard:optional-auth';
/** The plugin roles a route requires (any one of them). */
export const PLUGBOARD_PLUGIN_ROLES = 'plugboard:plugin-roles';
/** An explicit "any signed-in caller" marker. */
export const PLUGBOARD_PLUGIN_AUTHENTICATED = 'plugboard:plugin-authenticated';

/** The caller as plugin routes see it (`request.user`, set by the platform's auth guard). */
export interface PluginUser {
  id: string;
  email: string;
  platformRole: PlatformRole;
}

/** Implemented by the API: reads a user's roles in one plugin, on every request (never cached here). */
export interface PluginRoleResolver {
  rolesOf(userId: string, pluginName: string): Promise<string[]>;
}

/** Injection token under which the runtime provides the PluginRoleResolver. */
export const PLUGIN_ROLE_RESOLVER = Symbol.for('plugboard:plugin-role-resolver');

type RouteDecorator = MethodDecorator & ClassDecorator;

/** No caller needed. Use sparingly: plugin routes share the platform's origin. */
export const Public = (): RouteDecorator => SetMetadata(PLUGBOARD_PUBLIC, true);

/** Anonymous callers pass; read the caller with `@OptionalUser()`. */
export const PluginOptionalAuth = (): RouteDecorator => SetMetadata(PLUGBOARD_OPTIONAL_AUTH, true);

/** Any signed-in caller passes (the explicit choice when no plugin role is needed). */
export const PluginAuthenticated = (): RouteDecorator => SetMetadata(PLUGBOARD_PLUGIN_AUTHENTICATED, true);

/**
 * The caller needs one of these roles of this plugin. Platform admins always pass. The role is
 * read on every request, so a revoked role takes effect at once.
 */
export function RequirePluginRole(...roles: string[]): RouteDecorator {
  if (roles.length === 0 || roles.some((role) => typeof role !== 'string' || role.trim() === '')) {
    throw new TypeError('@RequirePluginRole() needs at least one non-empty role name');
  }
  return SetMetadata(PLUGBOARD_PLUGIN_ROLES, Object.freeze([...roles]));
}

function userOf(ctx: ExecutionContext): PluginUser | null {
  return ctx.switchToHttp().getRequest<{ user?: PluginUser | null }>().user ?? null;
}

/** The signed-in caller; answers 401 when there is none. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): PluginUser => {
  const user = userOf(ctx);
  if (!user) throw new PluginException(401, 'UNAUTHENTICATED', 'Sign in or send a bearer token');
  return user;
});

/** The caller, or null for an anonymous request. */
export const OptionalUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): PluginUser | null =>
  userOf(ctx),
);

type Target = object;

/** Handler metadata overrides the controller's, as Nest's `Reflector.getAllAndOverride` does. */
function metadataOf<T>(key: string, handler: Target, controller: Target): T | undefined {
  return (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
}

export interface PluginRouteAccess {
  public: boolean;
  optional: boolean;
  authenticated: boolean;
  /** Null when no role is required. */
  roles: readonly string[] | null;
}

/** What a route declared about its callers (handler first, then controller). */
export function pluginRouteAccess(handler: Target, controller: Target): PluginRouteAccess {
  return {
    public: metadataOf<boolean>(PLUGBOARD_PUBLIC, handler, controller) === true,
    optional: metadataOf<boolean>(PLUGBOARD_OPTIONAL_AUTH, handler, controller) === true,
    authenticated: metadataOf<boolean>(PLUGBOARD_PLUGIN_AUTHENTICATED, handler, controller) === true,
    roles: metadataOf<readonly string[]>(PLUGBOARD_PLUGIN_ROLES, handler, controller) ?? null,
  };
}

export type PluginAccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

/**
 * The decision every plugin route guard makes (the API's and standalone mode's): public routes
 * pass; otherwise a caller is needed (unless optional); roles are asked of the resolver on every
 * request, except for platform admins, who always pass.
 */
export async function decidePluginAccess(input: {
  access: PluginRouteAccess;
  user: PluginUser | null;
  pluginName: string;
  resolver: PluginRoleResolver;
}): Promise<PluginAccessDecision> {
  const { access, user } = input;
  if (access.public) return 'allow';
  if (!user) return access.optional && !access.roles ? 'allow' : 'unauthenticated';
  if (!access.roles) return 'allow';
  if (user.platformRole === 'admin') return 'allow';
  const held = await input.resolver.rolesOf(user.id, input.pluginName);
  return access.roles.some((role) => held.includes(role)) ? 'allow' : 'forbidden';
}

type ControllerClass = abstract new (...args: never[]) => unknown;

const MARKERS = [PLUGBOARD_PUBLIC, PLUGBOARD_OPTIONAL_AUTH, PLUGBOARD_PLUGIN_AUTHENTICATED, PLUGBOARD_PLUGIN_ROLES];

function markersOn(target: Target): string[] {
  return MARKERS.filter((key) => Reflect.getMetadata(key, target) !== undefined);
}

function routeHandlers(controller: ControllerClass): [string, Target][] {
  const proto = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .filter((name) => name !== 'constructor')
    .map((name): [string, unknown] => [name, Object.getOwnPropertyDescriptor(proto, name)?.value])
    .filter((entry): entry is [string, Target] => typeof entry[1] === 'function')
    .filter(([, fn]) => Reflect.getMetadata(PATH_METADATA, fn) !== undefined);
}

/**
 * Refuses (throws) a plugin controller with a route handler that declares nothing about its
 * callers: every handler, or the controller itself, must carry `@Public()`, `@PluginOptionalAuth()`,
 * `@PluginAuthenticated()` or `@RequirePluginRole(...)`. Also refuses `@Public()` together with a
 * role or authentication marker on the same target (ambiguous). Start-up calls this for every
 * plugin controller.
 */
export function assertGuarded(controller: ControllerClass, pluginName?: string): void {
  const who = `${pluginName ? `${pluginName}: ` : ''}controller ${controller.name || '<anonymous>'}`;
  const handlers = routeHandlers(controller);
  for (const target of [controller, ...handlers.map(([, fn]) => fn)]) {
    const markers = markersOn(target);
    if (markers.includes(PLUGBOARD_PUBLIC) && markers.length > 1) {
      throw new Error(`${who} combines @Public() with another access marker on the same target; choose one`);
    }
  }
  if (markersOn(controller).length > 0) return;
  const unguarded = handlers.filter(([, fn]) => markersOn(fn).length === 0).map(([name]) => name);
  if (unguarded.length > 0) {
    throw new Error(
      `${who} has route handlers without an access decision (${unguarded.join(', ')}); ` +
        'mark each (or the controller) with @Public(), @PluginOptionalAuth(), @PluginAuthenticated() or @RequirePluginRole(...)',
    );
  }
}
