import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { decidePluginAccess, PLUGIN_ROLE_RESOLVER, pluginRouteAccess, PluginException, type PluginRoleResolver } from '@plugboard/plugin-sdk';
import type { AuthUser } from '../auth/auth-user';
import { RegistryStore } from '../governance/registry.store';
import { PermissionDecisions, pluginUser } from '../signals/signals.module';
import { PluginCatalogue } from './plugin-catalogue';

/**
 * Runs before authentication on /api/ext routes: a plugin that is not in the registry, or whose
 * mode is `disabled`, has no routes (404), whoever asks. Other routes pass untouched.
 */
@Injectable()
export class PluginRouteAvailabilityGuard implements CanActivate {
  constructor(
    private readonly catalogue: PluginCatalogue,
    private readonly registry: RegistryStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const plugin = this.catalogue.ownerOf(context.getClass());
    if (!plugin) return true;
    // The problem filter names this plugin in whatever error the route ends with.
    context.switchToHttp().getRequest<{ plugboardPlugin?: string }>().plugboardPlugin = plugin.manifest.name;
    const { entries } = await this.registry.current();
    const entry = entries.find((e) => e.name === plugin.manifest.name);
    if (!entry || entry.mode === 'disabled') {
      throw new PluginException(404, 'PLUGIN_NOT_FOUND', `Plugin ${plugin.manifest.name} is not available`, { plugin: plugin.manifest.name });
    }
    return true;
  }
}

/**
 * Runs after authentication: the route's declared access (SDK decidePluginAccess) with plugin
 * roles read on every request; platform admins (including is_platform_admin hooks) pass.
 */
@Injectable()
export class PluginRouteAccessGuard implements CanActivate {
  constructor(
    private readonly catalogue: PluginCatalogue,
    @Inject(PLUGIN_ROLE_RESOLVER) private readonly resolver: PluginRoleResolver,
    private readonly permissions: PermissionDecisions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const plugin = this.catalogue.ownerOf(context.getClass());
    if (!plugin) return true;
    const pluginName = plugin.manifest.name;
    const authUser = context.switchToHttp().getRequest<{ user?: AuthUser | null }>().user ?? null;
    const admin = authUser ? await this.permissions.isPlatformAdmin(authUser) : false;
    const user = authUser ? { ...pluginUser(authUser), platformRole: admin ? ('admin' as const) : authUser.platformRole } : null;
    const decision = await decidePluginAccess({
      access: pluginRouteAccess(context.getHandler(), context.getClass()),
      user,
      pluginName,
      resolver: this.resolver,
    });
    if (decision === 'unauthenticated') throw new PluginException(401, 'UNAUTHENTICATED', 'Sign in or send a bearer token', { plugin: pluginName });
    if (decision === 'forbidden') throw new PluginException(403, 'FORBIDDEN', `This needs a role of ${pluginName}`, { plugin: pluginName });
    return true;
  }
}
