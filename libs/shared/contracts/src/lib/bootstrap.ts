/**
 * `GET /bootstrap`: what the SPA needs before its first screen. The API builds the plugin parts from
 * the SDK's frontend registries (libs/plugin-sdk frontend-registry.ts), each entry tagged with its plugin.
 */
import type { Me } from './identity';

/** The named places in the SPA where plugins may put a component. */
export type SlotName = 'home:after-projects' | 'server:tabs' | 'team:tabs' | 'admin:plugins';

export interface PluginMenuItem {
  plugin: string;
  id: string;
  label: string;
  /** An in-app route; exactly one of `route` and `href`. */
  route?: string;
  /** A relative path or an http(s) URL. */
  href?: string;
  icon?: string;
  order?: number;
  /** Shown only to holders of this plugin role (and platform admins). */
  requiredRole?: string;
}

export interface PluginRouteEntry {
  plugin: string;
  /** A path under the SPA, e.g. `ext/acme-greeter` (a leading slash is allowed). */
  path: string;
  /** The id of a build-time plugin component (apps/web plugin-ui registry). */
  component: string;
  /** A script the SPA loads for the component (relative path or http(s) URL). */
  script?: string;
  title?: string;
  requiredRole?: string;
}

export interface PluginSlotEntry {
  plugin: string;
  slot: SlotName;
  id: string;
  component: string;
  script?: string;
  title?: string;
  order?: number;
  requiredRole?: string;
}

/** A plugin whose UI contributions the caller sees. */
export interface BootstrapPlugin {
  name: string;
  version: string;
  routePrefix: string;
  /** The caller's roles in this plugin. */
  roles: string[];
}

/** Anonymous callers get `user: null` and empty plugin parts. */
export interface BootstrapPayload {
  user: Me | null;
  features: {
    oidc: boolean;
    pluginRbac: boolean;
    userPluginCustomization: boolean;
    /** Feature flags the plugins declared. */
    plugin: { plugin: string; name: string }[];
  };
  /** Sorted by `order`. */
  menu: PluginMenuItem[];
  routes: PluginRouteEntry[];
  /** Only slots with entries are present, each list sorted by `order`. */
  slots: Partial<Record<SlotName, PluginSlotEntry[]>>;
  plugins: BootstrapPlugin[];
}
