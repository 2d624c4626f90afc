import { Inject, Injectable } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import type { KnownPluginModule } from './plugin-discovery';

/** The plugin modules this application was built with (see pluginModulesForRouting). */
export const PLUGIN_MODULES = Symbol.for('plugboard:plugin-modules');

export function controllersOf(module: KnownPluginModule['module']): (abstract new (...args: never[]) => unknown)[] {
  return (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module) as (abstract new (...args: never[]) => unknown)[] | undefined) ?? [];
}

@Injectable()
export class PluginCatalogue {
  private readonly byName = new Map<string, KnownPluginModule>();
  private readonly byController = new Map<unknown, KnownPluginModule>();

  constructor(@Inject(PLUGIN_MODULES) readonly modules: KnownPluginModule[]) {
    for (const m of modules) {
      this.byName.set(m.manifest.name, m);
      for (const controller of controllersOf(m.module)) this.byController.set(controller, m);
    }
  }

  named(pluginName: string): KnownPluginModule | undefined {
    return this.byName.get(pluginName);
  }

  /** The plugin whose controller this is, if it is a plugin controller. */
  ownerOf(controller: unknown): KnownPluginModule | undefined {
    return this.byController.get(controller);
  }

  declaredRoles(pluginName: string): string[] {
    return (this.byName.get(pluginName)?.manifest.roles ?? []).map((r) => r.name);
  }
}
