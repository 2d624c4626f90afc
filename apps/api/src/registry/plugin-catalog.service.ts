import { Inject, Injectable, Optional } from '@nestjs/common';
import { availableAt, type RegistryEntry } from '@plugboard/governance';
import type { PluginAvailability, PluginCatalog, PluginCatalogItem } from '@plugboard/shared-contracts';
import type { AuthUser } from '../auth/auth-user';
import { SETTINGS, type Settings } from '../config/settings';
import { PluginSchemasService } from '../governance/plugin-schemas.service';
import { RegistryStore } from '../governance/registry.store';
import { implementedHooks } from '../plugins-runtime/hook-names';
import { PluginLoaderService } from '../plugins-runtime/plugin-loader.service';

export const NOT_LOADED = 'plugin package not loaded';

/**
 * The catalog (`GET /plugins`, SPEC 6): every registry plugin, with where the caller may use it; plugins
 * they may not use are listed too, flagged, so a UI can grey them out and say why (docs/decisions/0006).
 */
@Injectable()
export class PluginCatalogService {
  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly registry: RegistryStore,
    private readonly schemas: PluginSchemasService,
    @Optional() private readonly loader?: PluginLoaderService,
  ) {}

  async list(caller: AuthUser): Promise<PluginCatalog> {
    const { entries } = await this.registry.current();
    return { items: entries.map((entry) => this.item(entry, caller)) };
  }

  private item(entry: RegistryEntry, caller: AuthUser): PluginCatalogItem {
    // "Loaded" = the runtime loaded the plugin and registered its config schema.
    const schema = this.schemas.schemaFor(entry.name);
    const plugin = this.loader?.get(entry.name) ?? null;
    const loaded = this.loader ? plugin !== null : schema !== null;
    return {
      name: entry.name,
      kind: entry.kind,
      version: entry.version,
      description: entry.description,
      mandatory: entry.mandatory,
      enabledGlobally: entry.enabledGlobally,
      allowTeamOverride: entry.allowTeamOverride,
      allowUserOverride: entry.allowUserOverride,
      allowServerOverride: entry.allowServerOverride,
      mode: entry.mode,
      priority: entry.priority,
      requires: [...entry.requires],
      conflictsWith: [...entry.conflictsWith],
      defaultConfig: entry.defaultConfig,
      configSchema: schema,
      status: loaded ? 'available' : 'unavailable',
      statusReason: loaded ? null : (this.loader?.failure(entry.name) ?? NOT_LOADED),
      hooks: plugin ? implementedHooks(plugin.manifest) : [],
      availability: this.availability(entry, caller),
    };
  }

  /** SPEC 4's availability rules as they apply to this caller: admins are exempt, viewers only read. */
  private availability(entry: RegistryEntry, caller: AuthUser): PluginAvailability {
    switch (caller.platformRole) {
      case 'admin':
        return { team: true, user: true, server: true };
      case 'viewer':
        return { team: false, user: false, server: false, reason: 'viewers can read the catalog but not use plugins' };
      case 'user':
        break;
    }
    const team = availableAt(entry, 'team');
    const forUsers = availableAt(entry, 'user');
    const customization = this.settings.userPluginCustomizationAllowed && caller.pluginCustomizationAllowed;
    const user = forUsers && customization;
    const server = availableAt(entry, 'server');
    const reasons: string[] = [];
    if (!team && !forUsers) reasons.push('available to platform admins only');
    else if (!team) reasons.push('not available for team settings');
    else if (!forUsers) reasons.push('not available for user or server settings');
    if (forUsers && !customization) reasons.push('personal plugin settings are switched off for you');
    return reasons.length > 0 ? { team, user, server, reason: reasons.join('; ') } : { team, user, server };
  }
}
