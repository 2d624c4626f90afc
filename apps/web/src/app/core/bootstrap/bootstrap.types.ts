// GET /api/bootstrap as the SPA reads it. Mirrors the SDK's frontend registries
// (libs/plugin-sdk frontend-registry.ts): the web app may import only libs/shared, and
// shared-contracts does not describe this payload yet.
import type { Me } from '@plugboard/shared-contracts';

export type SlotName =
  | 'home:after-projects'
  | 'server:tabs'
  | 'team:tabs'
  | 'admin:plugins';

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
  requiredRole?: string;
}

export interface PluginRouteEntry {
  plugin: string;
  /** A path under the SPA, e.g. `ext/acme-greeter` (a leading slash is allowed). */
  path: string;
  /** The id of a build-time plugin component (apps/web plugin-ui registry). */
  component: string;
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

export interface BootstrapPlugin {
  name: string;
  version: string;
  routePrefix: string;
  /** The caller's roles in this plugin. */
  roles: string[];
}

export interface BootstrapPayload {
  user: Me | null;
  features: {
    oidc: boolean;
    pluginRbac: boolean;
    userPluginCustomization: boolean;
    plugin: { plugin: string; name: string }[];
  };
  menu: PluginMenuItem[];
  routes: PluginRouteEntry[];
  slots: Partial<Record<SlotName, PluginSlotEntry[]>>;
  plugins: BootstrapPlugin[];
}
