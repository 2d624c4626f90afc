/**
 * What a plugin contributes to the web UI (menu items, routes, named slots, feature flags). Every
 * URL-like field is checked at registration, so an unsafe link never reaches a user's browser.
 */
import { ConflictException, ValidationException } from './plugin.exceptions';
import { assertSafeUrl } from './safe-url';

export type SlotName = 'home:after-projects' | 'server:tabs' | 'team:tabs' | 'admin:plugins';
export const SLOT_NAMES: readonly SlotName[] = ['home:after-projects', 'server:tabs', 'team:tabs', 'admin:plugins'];

export interface MenuExtension {
  id: string;
  label: string;
  /** An in-app route (relative path); exactly one of `route` and `href`. */
  route?: string;
  /** A link (relative path or http(s) URL). */
  href?: string;
  icon?: string;
  order?: number;
  /** Shown only to holders of this plugin role (and platform admins). */
  requiredRole?: string;
}

export interface RouteRegistration {
  /** Relative path under the SPA, e.g. `/ext/audit-logger`. */
  path: string;
  /** The component name the web app's plugin host renders. */
  component: string;
  /** Optional script the host loads for the component (relative path or http(s) URL). */
  script?: string;
  title?: string;
  requiredRole?: string;
}

export interface SlotRegistration {
  slot: SlotName;
  id: string;
  component: string;
  script?: string;
  title?: string;
  order?: number;
  requiredRole?: string;
}

/** The optional `ui` field of a plugin manifest: the same registrations, declared. */
export interface PluginUiManifest {
  features?: string[];
  menu?: MenuExtension[];
  routes?: RouteRegistration[];
  slots?: SlotRegistration[];
}

/** What the bootstrap endpoint serves for one plugin (entries tagged with the plugin name). */
export interface FrontendSnapshot {
  features: { plugin: string; name: string }[];
  menu: (MenuExtension & { plugin: string })[];
  routes: (RouteRegistration & { plugin: string })[];
  slots: (SlotRegistration & { plugin: string })[];
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

export class FrontendRegistry {
  private readonly features = new Set<string>();
  private readonly menu = new Map<string, MenuExtension>();
  private readonly routes = new Map<string, RouteRegistration>();
  private readonly slots = new Map<string, SlotRegistration>();

  constructor(readonly pluginName: string) {}

  registerFeature(name: string): void {
    this.identifier(name, 'feature');
    this.features.add(name);
  }

  registerMenuExtension(item: MenuExtension): void {
    this.identifier(item.id, 'menu.id');
    this.text(item.label, 'menu.label');
    if ((item.route === undefined) === (item.href === undefined)) {
      this.invalid(`Menu item ${item.id} needs exactly one of route and href`, 'menu');
    }
    if (item.route !== undefined) this.url(item.route, 'menu.route');
    if (item.href !== undefined) this.url(item.href, 'menu.href');
    this.optionalRole(item.requiredRole, 'menu.requiredRole');
    if (this.menu.has(item.id)) this.conflict(`Menu item ${item.id} is already registered`);
    this.menu.set(item.id, Object.freeze({ ...item }));
  }

  registerRoute(route: RouteRegistration): void {
    this.url(route.path, 'route.path');
    this.identifier(route.component, 'route.component');
    if (route.script !== undefined) this.url(route.script, 'route.script');
    this.optionalRole(route.requiredRole, 'route.requiredRole');
    if (this.routes.has(route.path)) this.conflict(`Route ${route.path} is already registered`);
    this.routes.set(route.path, Object.freeze({ ...route }));
  }

  registerSlot(entry: SlotRegistration): void {
    if (!(SLOT_NAMES as readonly string[]).includes(entry.slot)) {
      this.invalid(`Unknown slot "${String(entry.slot)}"; expected one of ${SLOT_NAMES.join(', ')}`, 'slot.slot');
    }
    this.identifier(entry.id, 'slot.id');
    this.identifier(entry.component, 'slot.component');
    if (entry.script !== undefined) this.url(entry.script, 'slot.script');
    this.optionalRole(entry.requiredRole, 'slot.requiredRole');
    const key = `${entry.slot}#${entry.id}`;
    if (this.slots.has(key)) this.conflict(`Slot entry ${entry.id} in ${entry.slot} is already registered`);
    this.slots.set(key, Object.freeze({ ...entry }));
  }

  snapshot(): FrontendSnapshot {
    const plugin = this.pluginName;
    return {
      features: [...this.features].map((name) => ({ plugin, name })),
      menu: [...this.menu.values()].map((item) => ({ ...item, plugin })),
      routes: [...this.routes.values()].map((route) => ({ ...route, plugin })),
      slots: [...this.slots.values()].map((entry) => ({ ...entry, plugin })),
    };
  }

  private url(value: unknown, field: string): void {
    try {
      assertSafeUrl(value, field);
    } catch (error) {
      if (error instanceof ValidationException) {
        throw new ValidationException(error.detail, { code: error.code, plugin: this.pluginName, errors: error.errors });
      }
      throw error;
    }
  }

  private identifier(value: unknown, field: string): void {
    if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
      this.invalid(`${field} must match ${IDENTIFIER.source}, got ${JSON.stringify(value)}`, field);
    }
  }

  private text(value: unknown, field: string): void {
    if (typeof value !== 'string' || value.trim() === '' || value.length > 200) {
      this.invalid(`${field} must be a non-empty string of at most 200 characters`, field);
    }
  }

  private optionalRole(value: unknown, field: string): void {
    if (value !== undefined) this.identifier(value, field);
  }

  private invalid(detail: string, field: string): never {
    throw new ValidationException(detail, { code: 'UI_REGISTRATION_INVALID', plugin: this.pluginName, errors: [{ pointer: field, message: detail }] });
  }

  private conflict(detail: string): never {
    throw new ConflictException(detail, { code: 'UI_REGISTRATION_DUPLICATE', plugin: this.pluginName });
  }
}

/** A registry filled from a manifest's `ui` field; throws at the first unsafe or invalid entry. */
export function frontendRegistryFrom(pluginName: string, ui: PluginUiManifest | undefined): FrontendRegistry {
  const registry = new FrontendRegistry(pluginName);
  for (const name of ui?.features ?? []) registry.registerFeature(name);
  for (const item of ui?.menu ?? []) registry.registerMenuExtension(item);
  for (const route of ui?.routes ?? []) registry.registerRoute(route);
  for (const entry of ui?.slots ?? []) registry.registerSlot(entry);
  return registry;
}
