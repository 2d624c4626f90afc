import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { frontendRegistryFrom } from '@plugboard/plugin-sdk';
import type { BootstrapPayload } from '@plugboard/shared-contracts';
import { OptionalAuth, OptionalUser } from '../auth/auth.decorators';
import { ViewerAllowed } from '../auth/platform-role.guard';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { RegistryStore } from '../governance/registry.store';
import { PluginCatalogue } from '../plugin-routes/plugin-catalogue';
import { PluginRolesService } from '../plugin-routes/plugin-roles.service';
import { PermissionDecisions } from '../signals/signals.module';
import { UsersService } from '../users/users.service';

/**
 * GET /api/bootstrap (SPEC 6, 9): what the SPA needs before its first screen. Anonymous callers
 * get only the public part; a signed-in caller gets the UI contributions of the plugins that are
 * in the registry, not disabled and loaded, minus items needing a plugin role they lack.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('bootstrap')
export class BootstrapController {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly users: UsersService,
    private readonly registry: RegistryStore,
    private readonly catalogue: PluginCatalogue,
    private readonly roles: PluginRolesService,
    private readonly permissions: PermissionDecisions,
  ) {}

  @Get()
  // Optional auth (not @Public, which skips authentication): anonymous callers pass, a signed-in one is seen.
  @OptionalAuth()
  @ViewerAllowed()
  @ApiOkResponse({ description: '{user, features, menu, routes, slots, plugins}, filtered for the caller' })
  async get(@OptionalUser() caller: AuthUser | null): Promise<BootstrapPayload> {
    const features: BootstrapPayload['features'] = {
      oidc: this.settings.oidc !== null,
      pluginRbac: this.settings.pluginRbacEnabled,
      userPluginCustomization: this.settings.userPluginCustomizationAllowed,
      plugin: [],
    };
    const payload: BootstrapPayload = { user: null, features, menu: [], routes: [], slots: {}, plugins: [] };
    if (!caller) return payload;
    payload.user = await this.users.me(caller);
    const admin = await this.permissions.isPlatformAdmin(caller);
    const { entries } = await this.registry.current();
    for (const entry of entries) {
      if (entry.mode === 'disabled') continue;
      const loaded = this.catalogue.named(entry.name);
      if (!loaded) continue;
      const held = await this.roles.rolesOf(caller.id, entry.name);
      const visible = <T extends { requiredRole?: string }>(item: T): boolean => !item.requiredRole || admin || held.includes(item.requiredRole);
      // Pushing the SDK's snapshot entries into the contract's lists checks at compile time that they fit
      // (a field only the SDK has would still pass and reach the payload: add it to the contract too).
      const snapshot = frontendRegistryFrom(entry.name, loaded.manifest.ui).snapshot();
      features.plugin.push(...snapshot.features);
      payload.menu.push(...snapshot.menu.filter(visible));
      payload.routes.push(...snapshot.routes.filter(visible));
      for (const slot of snapshot.slots.filter(visible)) (payload.slots[slot.slot] ??= []).push(slot);
      payload.plugins.push({ name: entry.name, version: loaded.manifest.version, routePrefix: loaded.routePrefix, roles: held });
    }
    payload.menu.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    for (const list of Object.values(payload.slots)) list.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    return payload;
  }
}
