import { DynamicModule, Global, Module } from '@nestjs/common';
import { RouterModule, type Routes } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { assertGuarded, frontendRegistryFrom, PLUGIN_ROLE_RESOLVER } from '@plugboard/plugin-sdk';
import { PluginRoleAssignmentEntity } from '../governance/plugin-role-assignment.entity';
import { UserEntity } from '../users/user.entity';
import { controllersOf, PLUGIN_MODULES, PluginCatalogue } from './plugin-catalogue';
import type { KnownPluginModule } from './plugin-discovery';
import { PluginRolesController } from './plugin-roles.controller';
import { PluginRolesService } from './plugin-roles.service';
import { PluginRouteAccessGuard, PluginRouteAvailabilityGuard } from './plugin-route.guards';

/**
 * Checks every plugin before the app starts: each controller must declare who may call each
 * route (SDK assertGuarded), and the UI manifest must pass the frontend registry's validation
 * (e.g. no `javascript:` URLs). Either failure refuses start-up.
 */
export function assertPluginsStartable(modules: KnownPluginModule[]): void {
  for (const m of modules) {
    for (const controller of controllersOf(m.module)) assertGuarded(controller, m.manifest.name);
    try {
      frontendRegistryFrom(m.manifest.name, m.manifest.ui);
    } catch (error) {
      throw new Error(`${m.manifest.name}: its UI manifest was refused: ${(error as Error).message}`, { cause: error });
    }
  }
}

/** Plugin routes at /api/ext/<prefix>/… (mounted at start-up) and the plugin-role endpoints. */
@Global()
@Module({})
export class PluginRoutesModule {
  static forRoot(modules: KnownPluginModule[]): DynamicModule {
    assertPluginsStartable(modules);
    const routed = modules.filter((m) => controllersOf(m.module).length > 0);
    const routes: Routes = routed.map((m) => ({ path: `ext/${m.routePrefix}`, module: m.module }));
    return {
      module: PluginRoutesModule,
      imports: [
        TypeOrmModule.forFeature([PluginRoleAssignmentEntity, UserEntity]),
        ...routed.map((m) => m.module),
        RouterModule.register(routes),
      ],
      controllers: [PluginRolesController],
      providers: [
        { provide: PLUGIN_MODULES, useValue: modules },
        PluginCatalogue,
        PluginRolesService,
        { provide: PLUGIN_ROLE_RESOLVER, useExisting: PluginRolesService },
        PluginRouteAvailabilityGuard,
        PluginRouteAccessGuard,
      ],
      exports: [PLUGIN_MODULES, PluginCatalogue, PluginRolesService, PLUGIN_ROLE_RESOLVER, PluginRouteAvailabilityGuard, PluginRouteAccessGuard],
    };
  }
}
