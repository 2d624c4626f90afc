import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@plugboard/governance';

/**
 * The config JSON Schema each loaded plugin ships, by plugin name. Plugins register theirs when
 * the runtime loads them; a plugin without one accepts any config object.
 */
@Injectable()
export class PluginSchemasService {
  private readonly schemas = new Map<string, JsonObject>();
  private installedKinds: ReadonlySet<string> | null = null;

  /** The package names (registry kinds) plugin discovery found and could load. */
  registerInstalledKinds(kinds: Iterable<string>): void {
    this.installedKinds = new Set(kinds);
  }

  /** Whether a kind names a discovered package; every kind passes until discovery has run. */
  isInstalledKind(kind: string): boolean {
    return this.installedKinds === null || this.installedKinds.has(kind);
  }

  register(pluginName: string, schema: JsonObject): void {
    this.schemas.set(pluginName, schema);
  }

  schemaFor(pluginName: string): JsonObject | null {
    return this.schemas.get(pluginName) ?? null;
  }
}
